/**
 * Consequences of a permit transition that must never be lost, planned from the row as the
 * transition leaves it: the authority's inbox task and the in-app notifications (each also an
 * e-mail through the outbox).
 */
import type { NotificationKind } from '@rl/mailer';
import type { PermitEffect } from '@rl/permits-machines';
import { buildNotifications, type Audience, type NotificationRow } from '../notifier';
import type { PermitRow } from '../rows';
import { isDecidedOrFinal } from '../state-value';
import type { PermitCommand } from './permit-plan';
import { riskRank, textOf, type TaskWrite, type TransitionContext } from './types';

/** Permit machine notification templates that reach people (the rest are bookkeeping). */
const PERMIT_NOTIFICATION_KINDS: Partial<Record<string, NotificationKind>> = {
  infoRequested: 'infoRequested',
  infoProvided: 'infoProvided',
  hearingStarted: 'hearingStarted',
  hearingEnded: 'hearingEnded',
  decisionIssued: 'decisionIssued',
  permitFinal: 'permitFinal',
  applicationWithdrawn: 'applicationWithdrawn',
  applicationReturned: 'applicationReturned',
  // The receipt (issue 14): the applicant learns the application is complete and the expected decision date.
  applicationComplete: 'applicationReceipt',
};


export function consequencesOf(
  p: PermitRow,
  effects: readonly PermitEffect[],
  cmd: Pick<PermitCommand, 'type' | 'payload'>,
  hearingEarliestEndAt: string | null,
  ctx: TransitionContext,
  decisionDocumentId: string | null = null,
): { task: TaskWrite; notifications: NotificationRow[] } {
  const c = ctx.caseInfo;
  // A permit blocked again (a prerequisite fell away on appeal) leaves the authority's inbox.
  const closed = p.state === 'withdrawn' || p.state === 'blocked' || isDecidedOrFinal(p.state);
  const routed = effects.find((e) => e.type === 'route.task');
  const notifications: NotificationRow[] = [];
  let task: TaskWrite;
  if (routed && routed.type === 'route.task') {
    task = { kind: 'route', task: routed.params.task, closed, nationalStrategic: c.national_strategic, riskRank: riskRank(p.risk) };
    if (cmd.type === 'application.submitted') {
      notifications.push(
        ...buildNotifications({ kind: 'taskRouted', audience: ['caseworker'], caseInfo: c, permit: p, data: { dueOn: p.target_due_on ?? undefined }, dedupeKey: `route-${p.id}-${p.version}` }, ctx.directory),
      );
    }
  } else task = closed ? { kind: 'close' } : { kind: 'rank', riskRank: riskRank(p.risk) };
  if (cmd.type === 'prerequisites.satisfied') {
    // Issue 15 item 5: the authority of a dependant permit is told that its prerequisite was decided.
    const codes = Array.isArray(cmd.payload.codes) ? cmd.payload.codes.filter((x): x is string => typeof x === 'string') : [];
    notifications.push(
      ...buildNotifications({ kind: 'prerequisiteDecided', audience: ['caseworker'], caseInfo: c, permit: p, data: { prerequisiteCodes: codes }, dedupeKey: `prereq-${p.id}-${p.version}` }, ctx.directory),
    );
  }
  // Issue 17 item 2: a permit asked as part of a bundled information request (the event carries
  // `infoBundleId`) does not tell the company itself; the bundle's one notice (`bundleNotice`, on
  // ONE of the bundle's events) names every question, permit and the one due date instead.
  const bundled = cmd.type === 'authority.infoRequested' && typeof cmd.payload.infoBundleId === 'string';
  const notice = bundled ? bundleNoticeOf(cmd.payload.bundleNotice) : null;
  if (notice) {
    notifications.push(
      ...buildNotifications(
        { kind: 'infoBundleSent', audience: ['applicant'], caseInfo: c, permit: null, data: { dueOn: textOf(cmd.payload.dueOn) ?? undefined, bundleQuestions: notice }, dedupeKey: `bundle-${String(cmd.payload.infoBundleId)}` },
        ctx.directory,
      ),
    );
  }
  for (const e of effects) {
    if (e.type !== 'notify') continue;
    const kind = PERMIT_NOTIFICATION_KINDS[e.params.template];
    if (!kind) continue;
    const audience = (bundled && kind === 'infoRequested' ? e.params.to.filter((a) => a !== 'applicant') : [...e.params.to]) as Audience[];
    if (audience.length === 0) continue;
    const data = {
      question: textOf(cmd.payload.question) ?? undefined,
      dueOn: textOf(cmd.payload.dueOn) ?? (kind === 'applicationReceipt' ? (p.target_due_on ?? undefined) : undefined),
      outcome: p.outcome ?? undefined,
      appealDeadlineOn: p.appeal_deadline_on ?? undefined,
      usableFrom: p.usable_from ?? undefined,
      earliestEndAt: hearingEarliestEndAt ?? undefined,
      // The decision letter rides along with the decision's e-mail as a PDF attachment (issue 15).
      decisionDocumentId: kind === 'decisionIssued' ? (decisionDocumentId ?? undefined) : undefined,
    };
    notifications.push(...buildNotifications({ kind, audience, caseInfo: c, permit: p, data, dedupeKey: `permit-${p.id}-${p.version}-${kind}` }, ctx.directory));
  }
  return { task, notifications };
}

/** The questions of a bundle's one notice, as the info-bundle service puts them on the event (anything else: no notice). */
function bundleNoticeOf(v: unknown): Array<{ question: string; permitsDa: string[]; permitsEn: string[] }> | null {
  if (!Array.isArray(v)) return null;
  const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((y): y is string => typeof y === 'string') : []);
  return v
    .filter((q): q is Record<string, unknown> => typeof q === 'object' && q !== null && typeof (q as Record<string, unknown>).question === 'string')
    .map((q) => ({ question: q.question as string, permitsDa: strings(q.permitsDa), permitsEn: strings(q.permitsEn) }));
}
