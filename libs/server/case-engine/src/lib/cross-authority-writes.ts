/**
 * The writer's CTEs for issue 17 (referrals, change of the deciding authority). Each selects FROM
 * up, so nothing is written unless the version-checked UPDATE of the permit matched; an answer or
 * a proceed also checks the referral's own version and that it is still open.
 */
import { sql, type Sql } from '@rl/db';
import type { AuthorityChangeWrite, ReferralWrite } from './transition/cross-authority-plan';

export function referralWrite(r: ReferralWrite): Sql {
  switch (r.kind) {
    case 'send': {
      const x = r.referral;
      return sql`INSERT INTO referrals (id, case_id, permit_id, from_authority_id, to_authority_id, kind, rule_id, question, shared_part, document_ids, due_on, stops_clock, requested_by, requested_at)
        SELECT ${x.id}::uuid, up.case_id, up.id, up.authority_id, ${x.toAuthorityId}::uuid, ${x.kind}, ${x.ruleId}, ${x.question}, ${x.sharedPart}::boolean, ${x.documentIds}::uuid[],
               ${x.dueOn}::date, ${x.stopsClock}::boolean, ${x.requestedBy}::uuid, ${x.requestedAt}::timestamptz FROM up RETURNING id`;
    }
    case 'answer':
      return sql`UPDATE referrals SET status = 'answered', answer_text = ${r.text}, answer_document_ids = ${r.documentIds}::uuid[], answer_consent = ${r.consent},
          answered_by = ${r.by}::uuid, answered_at = ${r.at}::timestamptz, answered_late = ${r.late}::boolean, version = referrals.version + 1
        FROM up WHERE referrals.id = ${r.referralId}::uuid AND referrals.permit_id = up.id AND referrals.version = ${r.expectedVersion}::int AND referrals.status = 'open' RETURNING referrals.id`;
    case 'proceed':
      return sql`UPDATE referrals SET status = 'proceeded', proceeded_by = ${r.by}::uuid, proceeded_at = ${r.at}::timestamptz, proceed_note = ${r.note}, version = referrals.version + 1
        FROM up WHERE referrals.id = ${r.referralId}::uuid AND referrals.permit_id = up.id AND referrals.version = ${r.expectedVersion}::int AND referrals.status = 'open' RETURNING referrals.id`;
    case 'overdue':
      return sql`UPDATE referrals SET overdue_notified_at = ${r.at}::timestamptz
        FROM up WHERE referrals.id = ${r.referralId}::uuid AND referrals.permit_id = up.id AND referrals.status = 'open' AND referrals.overdue_notified_at IS NULL RETURNING referrals.id`;
  }
}

/** The authority change row; open referrals the permit's authority sent move with it (their asker is now the new authority). */
export function authorityChangeWrites(c: AuthorityChangeWrite): Sql[] {
  return [
    sql`ac AS (INSERT INTO permit_authority_changes (case_id, permit_id, kind, from_authority_id, to_authority_id, reason, legal_basis, changed_by, changed_at)
      SELECT up.case_id, up.id, ${c.kind}, ${c.fromAuthorityId}::uuid, up.authority_id, ${c.reason}, ${c.legalBasis}, ${c.by}::uuid, ${c.at}::timestamptz FROM up)`,
    sql`ar AS (UPDATE referrals SET from_authority_id = up.authority_id, version = referrals.version + 1 FROM up
      WHERE referrals.permit_id = up.id AND referrals.status = 'open' AND referrals.to_authority_id <> up.authority_id)`,
  ];
}
