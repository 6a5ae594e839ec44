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
