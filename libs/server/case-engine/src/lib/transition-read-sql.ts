/**
 * The statements of the transition read (load.ts), in a module of their own: the bench's floor
 * (scripts/bench/floor.js) runs the same text with the same values.
 */
import { sql } from '@rl/db';

/**
 * Who can be told anything (`u` a users row): not a deactivated user (left the authority or the
 * company), who gets no more notifications or e-mails about cases. A machine client's system user
 * (issue 18) stays a recipient: it reads its notifications over the API and gets no e-mail (the
 * worker marks them 'none': its address is empty).
 */
export const NOTIFIABLE_USER = sql.raw(`(u.deactivated_at IS NULL)`);

/**
 * Users who may be notified about case `c` (and about a permit of the authority `permitAuthority`):
 * the company's own users, the permit authority's caseworkers, the coordinators — and the
 * company-side users holding a fuldmagt for the case (one for this case, or for all the company's
 * cases) that is accepted, not revoked and in force at `now` (the application clock, as in
 * AccessService): a consultant gets the case's notifications exactly while the grant lets them
 * see the case (issue 14 point 6). The grantees are an InitPlan (`ARRAY(…)`, once per case), so a
 * company without grants pays one empty index probe. Deactivated users are never among them.
 */
export const usersJson = (permitAuthority: 'p.authority_id' | 'NULL', now: Date) => sql`(SELECT coalesce(json_agg(json_build_object('id', u.id, 'locale', u.locale, 'role', u.role) ORDER BY u.created_at, u.id), '[]')
            FROM users u
           WHERE ${NOTIFIABLE_USER} AND (
                 (u.role = 'applicant' AND u.organisation_id = c.organisation_id)
              OR (u.role = 'applicant' AND u.id = ANY(ARRAY(SELECT g.grantee_user_id FROM proxy_grants g
                                                            WHERE g.organisation_id = c.organisation_id AND (g.case_id IS NULL OR g.case_id = c.id)
                                                              AND g.grantee_user_id IS NOT NULL AND g.revoked_at IS NULL
                                                              AND g.valid_from <= ${now}::timestamptz AND g.valid_until > ${now}::timestamptz)))
              OR (u.role = 'caseworker' AND u.authority_id = ${sql.raw(permitAuthority)})
              OR u.role = 'coordinator')) AS ctx_users`;

/**
 * A permit row with everything its transition reads, in one round trip: the case fields of
 * notifications and tasks, the authority, the people who may be notified (applicant
 * organisation, the permit's authority, coordinators) and the permit's alert rows.
 */
export const loadTransitionSql = (permitId: string, now: Date) => sql`
  SELECT p.*,
         c.reference AS ctx_case_reference, c.title AS ctx_case_title, c.organisation_id AS ctx_case_organisation_id,
         c.national_strategic AS ctx_case_national_strategic,
         a.code AS ctx_authority_code, a.name_da AS ctx_authority_name_da, a.name_en AS ctx_authority_name_en, a.kind AS ctx_authority_kind,
         (SELECT coalesce(json_agg(json_build_object('id', d.id::text, 'clock', d.clock, 'threshold', d.threshold,
                                                      'dueMs', round(extract(epoch FROM d.due_at) * 1000), 'fired', d.fired_at IS NOT NULL,
                                                      'firedMs', round(extract(epoch FROM d.fired_at) * 1000))), '[]')
            FROM deadline_alerts d WHERE d.permit_id = p.id) AS ctx_alerts,
         ${usersJson('p.authority_id', now)}
    FROM permits p JOIN cases c ON c.id = p.case_id JOIN authorities a ON a.id = p.authority_id
   WHERE p.id = ${permitId}`;

/** The text is the same for every permit (the values: now, twice, then its id): built once, not per transition. */
export const LOAD_TRANSITION_TEXT = loadTransitionSql('', new Date(0)).text;
