/** The pure planners: no I/O, no framework — a plan is data the writer stores. */
export * from './types';
export { planPermitTransition, clockColumnsAfter, type PermitCommand } from './permit-plan';
export { planCaseTransition, type CaseCommand } from './case-plan';
export { planAlertFiring, alertWritesFor, type ClaimedAlert } from './alert-plan';
export { planExtension, type TargetExtension } from './extension-plan';
export { nextPropagationStep, satisfiedPrerequisites, type PropagationStep } from './propagation';
export { planReapplication, type NewPermitInsert } from './reapplication-plan';
export { planCatalogUpgrade, type CatalogUpgradePlan } from './catalog-upgrade-plan';
export { planPermitCalendarRecompute, planCeilingCalendarRecompute, type CalendarChange } from './calendar-plan';
export { decisionDates, type DecisionDates } from './decision-plan';
export { planDraftSent, planDraftAnswered, type DraftDecision, type DraftWrite } from './party-hearing-plan';
export { planEscalation } from './escalation-plan';
export { planReassignment } from './reassignment-plan';
export { planUnknownsAccepted, type UnknownsAcceptance } from './unknowns-plan';
export { planCeilingRescreen, type CeilingScreening } from './ceiling-plan';
export { planReferralSent, planReferralClosed, planReferralOverdue, planAuthorityChange, type ReferralInsert, type ReferralWrite, type ReferralClose, type AuthorityChange, type AuthorityChangeWrite, type OtherAuthority } from './cross-authority-plan';
