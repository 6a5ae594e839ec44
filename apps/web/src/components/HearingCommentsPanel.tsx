import { useId, useState } from 'react';
import type { PermitView } from '../api/types';
import { decisionsApi, type HearingComment } from '../decisions/decisions-api';
import { DECISION_TEXT } from '../decisions/decision-text';
import { fmtDate, fmtDateTime } from '../format';
import { useLoad } from '../hooks';
import { useTexts } from '../i18n';
import { paths } from '../router';
import { ActionError, useAction } from './actions';
import { Loadable } from './common';
import { Section } from './DataTable';
import { TextAreaField } from './forms';

/** Issue 15 item 3: the comments of each hearing of a permit, each marked considered with a note (authority). */
export function HearingCommentsPanel({ p, canConsider }: { p: PermitView; canConsider: boolean }) {
  const { lang, x } = useTexts(DECISION_TEXT);
  const load = useLoad(() => decisionsApi.hearings(p.id), [p.id, p.version]);
  return (
    <Loadable load={load}>
      {({ items }) =>
        items.length === 0 ? null : (
          <Section id="hearing-comments" title={x.hearingComments} testId="hearing-comments">
            {items.map((h) => (
              <div key={h.id} className="mb-6">
                <p>
                  <a href={h.jointHearingId ? paths.publicJointHearing(h.jointHearingId) : paths.publicHearing(h.id)}>{x.publicPage}</a> · {fmtDate(lang, h.startedAt)} – {fmtDate(lang, h.endedAt ?? h.earliestEndAt)}
                </p>
                {h.comments.length === 0 ? (
                  <p>{x.noComments}</p>
                ) : (
                  <ol>
                    {h.comments.map((c) => (
                      <CommentItem key={c.id} c={c} canConsider={canConsider} onChanged={load.reload} />
                    ))}
                  </ol>
                )}
              </div>
            ))}
          </Section>
        )
      }
    </Loadable>
  );
}

function CommentItem({ c, canConsider, onChanged }: { c: HearingComment; canConsider: boolean; onChanged: () => Promise<void> }) {
  const { lang, x } = useTexts(DECISION_TEXT);
  const id = useId();
  const [note, setNote] = useState('');
  const { error, submit } = useAction();
  return (
    <li className="mb-4">
      <p className="mb-2">
        <strong>{c.name}</strong> ({c.email}) · {fmtDateTime(lang, c.receivedAt)}
        {c.late ? ` · ${x.late}` : ''}
        {c.attachment ? ` · ${c.attachment.filename}` : ''}
      </p>
      {/* Plain text: rendered as text, never as HTML. */}
      <p className="mb-2 rl-pre-wrap">{c.text}</p>
      {c.consideredAt ? (
        <p className="form-hint">
          {x.considered(fmtDate(lang, c.consideredAt))}: {c.consideredNote}
        </p>
      ) : canConsider ? (
        <form
          onSubmit={submit(async () => {
            await decisionsApi.consider(c.id, c.version, note.trim());
            await onChanged();
          })}
        >
          <ActionError error={error} />
          <TextAreaField id={`${id}-note`} label={x.note} rows={2} value={note} onChange={setNote} />
          <button type="submit" className="button button-secondary" disabled={note.trim().length === 0}>
            {x.markConsidered}
          </button>
        </form>
      ) : null}
    </li>
  );
}
