import type { SchemaObject } from '@nestjs/swagger';
import { PERMIT_STATES, V0_PERMIT_STATES } from '@rl/case-engine';
import type { ErrorCode } from '@rl/errors';
import { AUTHORITY_CHANGE_RULES } from '@rl/permits-catalog';
import { CASE_EVENT_ROLES, PERMIT_EVENT_TYPES } from '@rl/permits-machines';
import type { FactIssueCode } from '@rl/permits-screening';
import { PROXY_ROLES } from '../access/proxy-roles';
import { MACHINE_SCOPES, ROLES } from '../auth/principal';
import { CLOSED_PERMIT_STATES } from './closed-permit-states';

/**
 * THE table of the extension members (RFC 9457 §3.2) a problem carries beside ProblemDto's, per
 * problem code: what `new ApiError(code, message, { … })` passes as its third argument (and the
 * classes that pass their constructor's parameters), what `sendProblem(…, extra)` adds (the rate
 * limit), and what the problem filter's `pickExtra` copies from the domain libraries' errors.
 * `problemSchema` (openapi.ts) writes the members of each response's codes into the document, so
 * a client generated from it keeps them (a `currentVersion` to retry with, the `added`/`dropped`
 * permits to confirm, the `requiredRoles` to explain a 403).
 *
 * Every member is optional: a code may be raised without it (e.g. a 409 without `currentVersion`
 * when the current version is unknown). A new member of a code belongs here, or the contract
 * check of the integration tests reports it as sent but undocumented. ProblemDto's own members
 * (`errors` …) are not extension members and are not listed.
 *
 * Deliberately absent (never sent): the domain errors' own properties `pickExtra` does not copy
 * (PERMIT.REAPPLICATION_NOT_ALLOWED `state`/`outcome`/`supersededBy`, WEBHOOK.URL_INVALID
 * `reason`, WEBHOOK.TARGET_REFUSED `host`/`address`, CLOCK.* `details`, the catalogue errors'
 * codes, EVENT_NOT_ALLOWED `eventType`/`role`/`state`).
 */

const PERMIT_STATE_VALUES = [...PERMIT_STATES, ...V0_PERMIT_STATES];
const CASE_EVENT_TYPES = Object.keys(CASE_EVENT_ROLES);
/** `authorities.kind` (its CHECK constraint, migrations/…-CreateDirectory.ts). */
const AUTHORITY_KINDS = ['municipality', 'stateAgency', 'region', 'museum', 'gridOperator', 'oneStopShop'];
const FACT_ISSUE_CODES = [
  'REQUIRED',
  'INVALID_TYPE',
  'INVALID_VALUE',
  'UNKNOWN_MUNICIPALITY',
  'NEGATIVE_NUMBER',
  'OUT_OF_RANGE',
  'CONTRADICTION',
  'CONTRADICTS_LIST_ITEM',
  'IMPLAUSIBLE',
  'UNKNOWN_FIELD',
] as const satisfies readonly FactIssueCode[];
/** Compile-time check that FACT_ISSUE_CODES lists every FactIssueCode (a new code fails to compile here). */
const _allFactIssueCodes: [Exclude<FactIssueCode, (typeof FACT_ISSUE_CODES)[number]>] extends [never] ? true : never = true;

const uuid = (description: string): SchemaObject => ({ type: 'string', format: 'uuid', description });
const uuids = (description: string): SchemaObject => ({ type: 'array', items: { type: 'string', format: 'uuid' }, description });
const date = (description: string): SchemaObject => ({ type: 'string', format: 'date', example: '2027-03-01', description });
const oneOf = (values: readonly string[], description: string): SchemaObject => ({ type: 'string', enum: [...values], description });
const count = (description: string): SchemaObject => ({ type: 'integer', minimum: 0, description });
const field = (names: readonly string[]): SchemaObject => oneOf(names, 'The request member that is wrong: show the message at that input.');

const PERMIT_SET_ENTRY: SchemaObject = {
  type: 'object',
  required: ['code', 'nameDa', 'nameEn'],
  properties: { code: { type: 'string', example: 'MILJOEGODKENDELSE' }, nameDa: { type: 'string' }, nameEn: { type: 'string' } },
};
const PERMIT_IN_STATE: SchemaObject = {
  type: 'object',
  required: ['permitId', 'state'],
  properties: { permitId: { type: 'string', format: 'uuid' }, state: { type: 'string', enum: PERMIT_STATE_VALUES } },
};
const RETRY_AFTER: SchemaObject = { type: 'integer', minimum: 1, description: 'Seconds until a new attempt can succeed (also the Retry-After header): wait that long before retrying.' };
const OAUTH_ERROR = (value: string): SchemaObject =>
  oneOf([value], 'The RFC 6749 §5.2 error code of the token endpoint: for OAuth2 client libraries, which read `error` rather than `code`.');
const REQUEST_STATUS = (values: string[]): SchemaObject => oneOf(values, 'The information request’s status now: reload it and offer what that status allows.');
const PERMIT_CLOSED_STATE = oneOf([...CLOSED_PERMIT_STATES], 'The permit’s state now (decided, final or withdrawn): nothing is left to do here; reload the permit.');

export const PROBLEM_EXTENSIONS: Partial<Record<ErrorCode, Record<string, SchemaObject>>> = {
  'ACCESS.APPLICANT_ACTION_FORBIDDEN': {
    action: { type: 'string', example: 'case.withdrawn', description: 'The action refused (an event type, or e.g. document.upload): hide it for this role.' },
    role: oneOf(ROLES, 'The caller’s role, which does not act for the company.'),
  },
  'ACCESS.PROXY_ROLE_INSUFFICIENT': {
    action: { type: 'string', example: 'application.submitted', description: 'The action refused (an event type, or e.g. document.upload, application.edit, case.create).' },
    role: { ...oneOf(PROXY_ROLES, 'The role the caller’s power of attorney gives (null: none in force).'), nullable: true },
    requiredRole: oneOf(PROXY_ROLES, 'The least power-of-attorney role the action needs: ask the company for it.'),
  },
  'APPLICATION.PERMIT_SET_CHANGE_UNCONFIRMED': {
    added: { type: 'array', items: PERMIT_SET_ENTRY, description: 'Permits the new facts add: show them, and send their codes back as confirm.added.' },
    dropped: { type: 'array', items: PERMIT_SET_ENTRY, description: 'Permits the new facts drop: show them, and send their codes back as confirm.dropped.' },
  },
  'AUTH.FORBIDDEN': {
    requiredRoles: { type: 'array', items: { type: 'string', enum: [...ROLES] }, description: 'The roles the operation allows: tell the user who may do it.' },
  },
  'AUTH.INSUFFICIENT_SCOPE': {
    requiredScope: { ...oneOf(MACHINE_SCOPES, 'The scope the machine client needs for this operation (null: no scope allows it to machine clients).'), nullable: true },
  },
  'AUTHORITY_CHANGE.NOT_ALLOWED': {
    rule: {
      type: 'object',
      description: 'The rule the change breaks: show its words (da/en) and legal basis.',
      required: ['id', 'da', 'en', 'legalBasis', 'inference'],
      properties: {
        id: { type: 'string', enum: Object.values(AUTHORITY_CHANGE_RULES).map((r) => r.ruleId), description: 'Stable id of the rule' },
        da: { type: 'string' },
        en: { type: 'string' },
        legalBasis: { type: 'string' },
        inference: { type: 'boolean', description: 'Whether the rule is our reading of the law rather than its words' },
      },
    },
    fromKind: oneOf(AUTHORITY_KINDS, 'The kind of the permit’s authority now.'),
    toKind: oneOf(AUTHORITY_KINDS, 'The kind of the authority asked for: choose one of a kind the rule allows.'),
  },
  'AUTHORITY_CHANGE.PERMIT_CLOSED': { state: PERMIT_CLOSED_STATE },
  'AUTHORITY_CHANGE.UNKNOWN_AUTHORITY': { field: field(['toAuthorityCode']) },
  'CASE.EVENT_NOT_ALLOWED': {
    allowedEvents: { type: 'array', items: { type: 'string', enum: CASE_EVENT_TYPES }, description: 'The case events the caller may send now: offer these instead.' },
  },
  'CASE.UNSETTLED_FACTS': {
    unsettledFacts: { type: 'array', items: { type: 'string' }, description: 'The "don’t know" answers to settle (fact names) before submitting, or have a coordinator accept them.' },
    possiblePermits: { type: 'array', items: { type: 'string' }, description: 'Codes of the permits those answers leave open.' },
  },
  'CLIENT.NOT_FOUND': { clientId: { type: 'string', description: 'The machine client id asked for (as sent).' } },
  'CONCURRENCY.VERSION_CONFLICT': {
    currentVersion: { type: 'integer', minimum: 0, description: 'The resource’s version now: reload it, then retry with this version in If-Match (or the body).' },
  },
  'DECISION.PARTY_HEARING_PENDING': {
    draftSent: { type: 'boolean', description: 'false: send the draft decision to the company first; true: wait for its answer or respondBy.' },
    respondBy: date('The last day the company may comment on the draft (when draftSent): the decision can be issued after it.'),
  },
  'DECISION.TEMPLATE_INCOMPLETE': {
    missing: { type: 'array', items: { type: 'string', enum: ['outcome', 'reasons', 'conditions'] }, description: 'The letter sections still empty: fill them in.' },
  },
  'DOCUMENT.EMPTY': { field: field(['file']) },
  'DOCUMENT.MISSING_FILE': { field: field(['file']) },
  'DOCUMENT.TOO_LARGE': { maxBytes: { type: 'integer', minimum: 1, description: 'The largest file accepted, in bytes: check files before uploading.' } },
  'DOCUMENT.UNKNOWN_REQUIREMENT': { field: field(['permitId', 'requirementKey']) },
  'HEARING.COMMENT_RATE_LIMITED': { retryAfterSeconds: RETRY_AFTER },
  'HEARING.COMMENT_TOO_LARGE': {
    maxChars: { type: 'integer', minimum: 1, description: 'The longest comment text accepted, in characters (when the text is too long).' },
    maxBytes: { type: 'integer', minimum: 1, description: 'The largest attachment accepted, in bytes (when the attachment is too large).' },
  },
  'IDENTITY.ALREADY_LINKED': { userId: uuid('The user the identity is linked to: unlink it there first.') },
  'INFO_BUNDLE.ANSWERS_INCOMPLETE': {
    missing: uuids('Questions of the request not answered: answer each.'),
    unknown: uuids('Question ids sent that are not questions of this request: drop them.'),
    twice: uuids('Questions answered more than once: answer each once.'),
  },
  'INFO_BUNDLE.DUE_DATE_INVALID': { today: date('Today (Copenhagen): the earliest answer deadline allowed.') },
  'INFO_BUNDLE.NOT_DRAFT': { requestStatus: REQUEST_STATUS(['sent', 'answered']) },
  'INFO_BUNDLE.NOT_SENT': { requestStatus: REQUEST_STATUS(['draft', 'answered']) },
  'INFO_BUNDLE.NOT_YOUR_PERMIT': { permitIds: uuids('The permits the caller may not ask for (other authorities’ permits, or any permit for a coordinator): leave them out.') },
  'INFO_BUNDLE.PERMIT_ALREADY_ASKED': {
    permitId: uuid('The permit already waiting for an answer.'),
    infoBundleId: uuid('The sent request it waits on: ask again after its answer.'),
  },
  'INFO_BUNDLE.PERMIT_NOT_IN_CASE': { permitIds: uuids('The permits that are not permits of this case: leave them out.') },
  'INFO_BUNDLE.PERMIT_NOT_WAITING_FOR_REVIEW': {
    permits: { type: 'array', items: PERMIT_IN_STATE, description: 'The permits that cannot be asked now, with their state: leave them out.' },
  },
  'JOINT_HEARING.END_THROUGH_JOINT_HEARING': { jointHearingId: uuid('The joint hearing that covers the permit: end that one (POST /joint-hearings/{id}/end).') },
  'JOINT_HEARING.MINIMUM_NOT_REACHED': {
    earliestEndAt: { type: 'string', format: 'date-time', description: 'When the joint hearing may end at the earliest: offer ending from then.' },
  },
  'JOINT_HEARING.NOT_YOUR_PERMIT': { permitIds: uuids('The permits the caller may not add (other authorities’ permits, or any permit for a coordinator): leave them out.') },
  'JOINT_HEARING.PERMIT_BUSY': {
    permitId: uuid('The permit another joint hearing already covers.'),
    jointHearingId: uuid('That joint hearing.'),
  },
  'JOINT_HEARING.PERMIT_NOT_IN_CASE': { permitId: uuid('The permit that belongs to another case: leave it out.') },
  'JOINT_HEARING.PERMIT_NOT_UNDER_REVIEW': {
    permits: { type: 'array', items: PERMIT_IN_STATE, description: 'The permits not under review, with their state: leave them out or wait.' },
  },
  'JOINT_HEARING.TOO_FEW_PERMITS': { permits: count('How many permits the joint hearing covers now (at least two are needed to start): add more.') },
  'JOINT_HEARING.WRONG_STATUS': { jointHearingStatus: oneOf(['draft', 'open', 'ended'], 'The joint hearing’s status now: reload it and offer what that status allows.') },
  'OAUTH.INVALID_CLIENT': { error: OAUTH_ERROR('invalid_client') },
  'OAUTH.INVALID_REQUEST': { error: OAUTH_ERROR('invalid_request') },
  'OAUTH.INVALID_SCOPE': { error: OAUTH_ERROR('invalid_scope') },
  'OAUTH.UNSUPPORTED_GRANT_TYPE': { error: OAUTH_ERROR('unsupported_grant_type') },
  'PERMIT.EVENT_NOT_ALLOWED': {
    allowedEvents: { type: 'array', items: { type: 'string', enum: [...PERMIT_EVENT_TYPES] }, description: 'The permit events the caller may send now: offer these instead.' },
  },
  'PLAN.CYCLE': {
    cycle: { type: 'array', items: { type: 'string' }, example: ['A', 'B', 'A'], description: 'The permit codes of the prerequisite cycle, closed (A requires B, B requires A).' },
  },
  'REFERRAL.DEADLINE_NOT_PASSED': { dueOn: date('The referral’s answer date: proceeding without the answer is possible from the day after.') },
  'REFERRAL.DUE_IN_PAST': { field: field(['dueOn']), today: date('Today (Copenhagen): the earliest answer date allowed.') },
  'REFERRAL.DUE_REQUIRED': { field: field(['dueOn']) },
  'REFERRAL.NOT_OPEN': { referralStatus: oneOf(['answered', 'proceeded'], 'The referral’s status now: reload it.') },
  'REFERRAL.OPEN': {
    referrals: {
      type: 'array',
      description: 'The permit’s open referrals: wait for their answers, or after dueOn record that you proceed without (POST /referrals/{id}/proceed).',
      items: {
        type: 'object',
        required: ['id', 'dueOn'],
        properties: { id: { type: 'string', format: 'uuid' }, dueOn: { type: 'string', format: 'date' } },
      },
    },
  },
  'REFERRAL.PERMIT_CLOSED': { state: PERMIT_CLOSED_STATE },
  'REFERRAL.TO_SELF': { field: field(['toAuthorityCode']) },
  'REFERRAL.UNKNOWN_AUTHORITY': { field: field(['toAuthorityCode']) },
  'REQUEST.RATE_LIMITED': { retryAfterSeconds: RETRY_AFTER },
  'REQUEST.VALIDATION_FAILED': {
    field: { type: 'string', example: 'confirm', description: 'The body member that is invalid as a whole (field-level problems are in errors[]): show the message at that input.' },
  },
  'SCREENING.INVALID_FACTS': {
    issues: {
      type: 'array',
      description: 'Every problem with the project facts: show each at its field.',
      items: {
        type: 'object',
        required: ['field', 'code', 'message'],
        properties: {
          field: { type: 'string', example: 'constructionSite.peakWorkers', description: 'Dotted path of the fact' },
          code: { type: 'string', enum: [...FACT_ISSUE_CODES] },
          message: { type: 'string' },
          rule: { type: 'string', example: 'FACTS-SEVESO-IN-SUMMER-HOUSE-AREA', description: 'Stable id of the fact rule that refused it, when one did' },
        },
      },
    },
  },
  'TASK.ASSIGNED_TO_COLLEAGUE': { assignedToName: { type: 'string', description: 'Who holds the task: ask them, or send takeOver: true to take it over.' } },
  'WEBHOOK.DELIVERY_NOT_FOUND': { deliveryId: { type: 'string', description: 'The delivery id asked for (as sent).' } },
  'WEBHOOK.ENDPOINT_NOT_FOUND': { endpointId: { type: 'string', description: 'The endpoint id asked for (as sent).' } },
};
