/** A UUID in its canonical 8-4-4-4-12 hex form, either case: an id that fails it names nothing (404 without asking the database). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
