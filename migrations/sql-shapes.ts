/**
 * SQL that several migrations execute in the same shape. A merged migration's SQL never changes
 * (a fresh database runs every migration again), so each builder returns exactly the text the
 * migrations had written inline; do not edit one — add a new builder for a new shape.
 */

/**
 * The trigger that makes an audit table append-only: any UPDATE or DELETE raises, through the
 * function `audit_events_append_only()` (created with `audit_events`, 1763900100000).
 */
export function appendOnlyTrigger(table: string): string {
  return `
      CREATE TRIGGER ${table}_no_update BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`;
}

/**
 * Who did one step of a row's workflow, and when: `<step>_by` (the user) and `<step>_at`, set
 * together. A step every row has (`created`, `requested`) is 'NOT NULL'; a later step
 * (`answered`, `revoked`) is 'nullable' until it happens. The two lines come back at the
 * 8-space indentation of the CREATE TABLE bodies that use it, without a trailing comma.
 * Actor columns of another shape (`created_at … DEFAULT now()`, a nullable `_by` beside a
 * NOT NULL `_at`) stay written out. To find where `<step>_by` is created, search for
 * `actorColumns('<step>'`.
 */
export function actorColumns(step: string, presence: 'NOT NULL' | 'nullable'): string {
  return presence === 'NOT NULL'
    ? `${step}_by uuid NOT NULL REFERENCES users(id),
        ${step}_at timestamptz NOT NULL`
    : `${step}_by uuid REFERENCES users(id),
        ${step}_at timestamptz`;
}
