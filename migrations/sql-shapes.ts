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
