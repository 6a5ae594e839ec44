/**
 * A small `sql` tag: placeholders are numbered when the text is rendered, never by hand.
 *
 *   const q = sql`SELECT * FROM permits WHERE id = ${id} AND version = ${v}`;
 *   m.query(q.text, q.values)           // "… WHERE id = $1 AND version = $2", [id, v]
 *
 * A fragment interpolated into another is inlined and renumbered, so a statement can be built
 * from optional parts (`sql.join`) and still get one consecutive numbering. Values are always
 * bound parameters; `sql.raw` is the only way to splice text and is meant for constants.
 */
export class Sql {
  private rendered?: { text: string; values: unknown[] };

  constructor(
    private readonly strings: readonly string[],
    private readonly args: readonly unknown[],
  ) {}

  /** The text with `$1…$n` and the values in the same order. */
  get text(): string {
    return this.render().text;
  }

  /** The values alone, without building the text (a caller that keeps the text of a fixed
   *  statement shape, like the writer, needs only these per call). */
  get values(): unknown[] {
    return this.rendered?.values ?? (this.collected ??= this.collect([]));
  }

  private collected?: unknown[];

  /**
   * A key that is equal for two statements exactly when their texts are equal, computed without
   * building the text: the text depends only on the tree of string parts (values are always
   * placeholders). A tagged template's string array is one frozen object per call site, so it is
   * named by a number; other parts (`sql.raw`, `sql.join`) by their text. The writer keeps one
   * text per key (it renders ~3 KB otherwise on every write).
   */
  get shapeKey(): string {
    let key = siteKey(this.strings);
    for (const a of this.args) key += a instanceof Sql ? `(${a.shapeKey})` : '$';
    return key;
  }

  private collect(values: unknown[]): unknown[] {
    for (const a of this.args) {
      if (a instanceof Sql) a.collect(values);
      else values.push(a);
    }
    return values;
  }

  private render(): { text: string; values: unknown[] } {
    if (!this.rendered) {
      const values: unknown[] = [];
      this.rendered = { text: this.append(values), values };
    }
    return this.rendered;
  }

  private append(values: unknown[]): string {
    let text = this.strings[0];
    for (let i = 0; i < this.args.length; i++) {
      const a = this.args[i];
      text += a instanceof Sql ? a.append(values) : `$${values.push(a)}`;
      text += this.strings[i + 1];
    }
    return text;
  }
}

const SITE_IDS = new WeakMap<readonly string[], string>();
let nextSiteId = 0;

function siteKey(strings: readonly string[]): string {
  if (!Object.isFrozen(strings) || !('raw' in strings)) return JSON.stringify(strings);
  let id = SITE_IDS.get(strings);
  if (id === undefined) SITE_IDS.set(strings, (id = `#${nextSiteId++}`));
  return id;
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return new Sql(strings, values);
}

/** Fragments joined by `separator` (e.g. the optional CTEs of one statement). */
sql.join = (parts: readonly Sql[], separator: string): Sql => {
  if (parts.length === 0) return new Sql([''], []);
  return new Sql(['', ...parts.slice(1).map(() => separator), ''], parts);
};

/** Constant SQL text (identifiers, keywords chosen by code — never user input). */
sql.raw = (text: string): Sql => new Sql([text], []);
