import { useId, useState } from 'react';
import type { Session } from '../api';
import { ApiError, describeError } from '../api/client';
import { jointHearingsApi, type CatalogueHearing, type JointHearing } from '../api/joint-hearings';
import type { CaseView } from '../api/types';
import { decisionsApi } from '../decisions/decisions-api';
import { fmtDateTime, nameOf } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { paths } from '../router';
import { ActionButton, OutcomeAlert, PanelForm, useAction, useOutcome } from './actions';
import { Section } from './DataTable';

type Duration = { unit: string; length: number };
const isDuration = (d: unknown): d is Duration => typeof d === 'object' && d !== null && typeof (d as Duration).length === 'number' && typeof (d as Duration).unit === 'string';

/**
 * Issue 17 item 3, the authorities' side: the case's joint hearings. A caseworker adds their own
 * permits under review to the one draft (each with the lawful minimum the catalogue offers), a
 * coordinator opens the draft (an invitation); either starts it (one period ending at the longest
 * minimum) and ends it from its earliest end. A caseworker sees the comments routed to their permits.
 */
export function JointHearingsPanel({ c, session, refreshKey, onChanged }: { c: CaseView; session: Session; refreshKey: number; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const load = useLoad((signal) => jointHearingsApi.list(c.id, signal), [c.id, refreshKey]);
  const catalogue = useLoad((signal) => jointHearingsApi.catalogueHearings(signal), []);
  const items = load.data?.items ?? [];
  const draft = items.find((j) => j.status === 'draft');
  const covered = new Set(items.filter((j) => j.status !== 'ended').flatMap((j) => j.permits.map((p) => p.permitId)));
  const mine = c.permits.filter((p) => !p.restricted && p.state === 'submitted.underReview' && !covered.has(p.id));
  const { outcome, done, fail } = useOutcome(async () => {
    await load.reload();
    onChanged();
  });
  const failed = (err: unknown) => {
    const problem = err instanceof ApiError ? (err.problem as (ApiError['problem'] & { earliestEndAt?: string }) | null) : null;
    if (problem?.code === 'JOINT_HEARING.MINIMUM_NOT_REACHED' && problem.earliestEndAt) {
      fail(t('joint.authority.tooEarly', { date: fmtDateTime(lang, problem.earliestEndAt) }));
    } else fail(problem?.detail ?? describeError(err, t));
  };

  return (
    <Section id="joint-hearings" title={t('joint.authority.title')} testId="joint-hearings">
      <p>{t('joint.authority.intro')}</p>
      <OutcomeAlert outcome={outcome} testId="joint-hearing-message" />
      {load.status !== 'loading' && items.length === 0 ? <p>{t('joint.authority.none')}</p> : null}
      {items.map((j) => (
        <JointCard
          key={j.id}
          j={j}
          session={session}
          ownIds={new Set(c.permits.filter((p) => !p.restricted).map((p) => p.id))}
          onStart={() => jointHearingsApi.start(j.id, j.version).then(() => done(t('joint.authority.startedDone')), failed)}
          onEnd={() => jointHearingsApi.end(j.id, j.version).then(() => done(t('joint.authority.endedDone')), failed)}
        />
      ))}
      {session.role === 'caseworker' && mine.length > 0 ? (
        <AddPermits caseId={c.id} permits={mine} catalogue={catalogue.data ?? null} hasDraft={Boolean(draft)} onDone={() => done(t('joint.authority.added'))} onError={failed} />
      ) : null}
      {session.role === 'coordinator' && !draft ? (
        <OpenDraft onOpen={() => jointHearingsApi.add(c.id, {}).then(() => done(t('joint.authority.opened')), failed)} />
      ) : null}
    </Section>
  );
}

function JointCard({ j, session, ownIds, onStart, onEnd }: { j: JointHearing; session: Session; ownIds: Set<string>; onStart: () => Promise<unknown>; onEnd: () => Promise<unknown> }) {
  const { t, lang } = useI18n();
  const mayAct = session.role === 'coordinator' || j.permits.some((p) => ownIds.has(p.permitId));
  return (
    <div className="card rl-card mb-5" data-testid="joint-hearing-authority" data-status={j.status}>
      <div className="card-content">
        <p>
          <strong>{t(`joint.authority.status.${j.status}`)}</strong>
          {j.publicUrl ? (
            <>
              {' · '}
              <a href={paths.publicJointHearing(j.id)}>{t('joint.authority.publicPage')}</a>
            </>
          ) : null}
        </p>
        {j.earliestEndAt ? (
          <p data-testid="joint-hearing-earliest-end">
            {t('joint.authority.earliestEnd', { date: fmtDateTime(lang, j.earliestEndAt) })}
            {j.endedAt ? ` · ${t('joint.authority.endedAt', { date: fmtDateTime(lang, j.endedAt) })}` : null}
          </p>
        ) : null}
        <ul className="nobullet-list" data-testid="joint-hearing-members">
          {j.permits.map((p) => (
            <li key={p.permitId} className="mb-3">
              <strong>{nameOf(lang, p)}</strong> ({nameOf(lang, p.authority)})
              <span className="rl-block form-hint">
                {t('joint.authority.basis')}: {p.minimumBasis ?? t('joint.authority.basisDefault')}
                {p.ownEarliestEndAt ? ` · ${t('joint.authority.ownEnd', { date: fmtDateTime(lang, p.ownEarliestEndAt) })}` : null}
              </span>
              {p.hearingId ? <RoutedComments permitId={p.permitId} hearingId={p.hearingId} /> : null}
            </li>
          ))}
        </ul>
        {j.status === 'draft' && j.permits.length < 2 ? <p className="form-hint">{t('joint.authority.needTwo')}</p> : null}
        {mayAct && j.status === 'draft' && j.permits.length >= 2 ? (
          <ActionButton onClick={onStart}>{t('joint.authority.start')}</ActionButton>
        ) : null}
        {mayAct && j.status === 'open' ? (
          <ActionButton onClick={onEnd} secondary>
            {t('joint.authority.end')}
          </ActionButton>
        ) : null}
      </div>
    </div>
  );
}

/** The comments the joint hearing routed to one of the caller's permits (considered on the permit's page). */
function RoutedComments({ permitId, hearingId }: { permitId: string; hearingId: string }) {
  const { t } = useI18n();
  const load = useLoad(() => decisionsApi.hearings(permitId), [permitId, hearingId]);
  const h = load.data?.items.find((x) => x.id === hearingId);
  if (!h) return null;
  return (
    <span className="rl-block" data-testid="joint-hearing-comments">
      {t('joint.authority.comments', { n: h.comments.length })} · <a href={paths.permit(permitId)}>{t('joint.authority.consider')}</a>
    </span>
  );
}

function AddPermits({
  caseId,
  permits,
  catalogue,
  hasDraft,
  onDone,
  onError,
}: {
  caseId: string;
  permits: CaseView['permits'];
  catalogue: Map<string, CatalogueHearing | null> | null;
  hasDraft: boolean;
  onDone: () => Promise<void>;
  onError: (e: unknown) => void;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const [chosen, setChosen] = useState<Record<string, string | undefined>>({});
  const { pending, invalid, submit } = useAction({ onError });
  const duration = (d: unknown) => (isDuration(d) ? t(`unit.${d.unit}` as never, { n: d.length }) : t('joint.authority.unknownMinimum'));
  const picked = Object.entries(chosen).filter((x): x is [string, string] => x[1] !== undefined);
  const add = async () => {
    await jointHearingsApi.add(caseId, { permits: picked.map(([permitId, basis]) => ({ permitId, ...(basis ? { minimumBasis: basis } : {}) })) });
    setChosen({});
    await onDone();
  };
  return (
    <PanelForm
      testId="joint-hearing-add"
      heading={hasDraft ? t('joint.authority.addHeading') : t('joint.authority.createHeading')}
      invalid={invalid ? t('joint.authority.invalid') : null}
      pending={pending}
      submitLabel={hasDraft ? t('joint.authority.add') : t('joint.authority.create')}
      onSubmit={submit(add, () => picked.length > 0)}
    >
      {permits.map((p) => {
        const h = catalogue?.get(p.code) ?? null;
        const on = chosen[p.id] !== undefined;
        const options = h?.minimumOptions ?? [];
        return (
          <div key={p.id} className="form-group">
            <div className="form-group-checkbox">
              <input
                type="checkbox"
                className="form-checkbox"
                id={`${id}-${p.id}`}
                checked={on}
                onChange={(e) => setChosen((cur) => ({ ...cur, [p.id]: e.target.checked ? '' : undefined }))}
              />
              <label htmlFor={`${id}-${p.id}`}>{nameOf(lang, p)}</label>
            </div>
            {on && options.length > 0 ? (
              <div className="form-group ml-7">
                <label className="form-label" htmlFor={`${id}-${p.id}-basis`}>
                  {t('joint.authority.minimum')}
                </label>
                <select className="form-select" style={{ maxWidth: '100%' }} id={`${id}-${p.id}-basis`} value={chosen[p.id] ?? ''} onChange={(e) => setChosen((cur) => ({ ...cur, [p.id]: e.target.value }))}>
                  <option value="">
                    {t('joint.authority.basisDefault')}: {duration(h?.minDuration)}
                    {h?.minDurationBasis ? ` (${h.minDurationBasis})` : ''}
                  </option>
                  {options.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.id}: {duration(o.minDuration)} – {o.appliesWhen}
                    </option>
                  ))}
                </select>
              </div>
            ) : on ? (
              <p className="form-hint ml-7">
                {t('joint.authority.minimum')}: {duration(h?.minDuration)}
              </p>
            ) : null}
          </div>
        );
      })}
    </PanelForm>
  );
}

function OpenDraft({ onOpen }: { onOpen: () => Promise<unknown> }) {
  const { t } = useI18n();
  return (
    <div className="mt-5" data-testid="joint-hearing-open">
      <h3 className="h4">{t('joint.authority.openHeading')}</h3>
      <ActionButton onClick={onOpen} secondary>
        {t('joint.authority.open')}
      </ActionButton>
    </div>
  );
}
