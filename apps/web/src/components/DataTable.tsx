import { useId, type HTMLAttributes, type ReactNode } from 'react';

/** One column of a DataTable: its header and how a row fills its cell. */
export interface Column<R> {
  header: ReactNode;
  cell: (row: R) => ReactNode;
  /** The cell that names the row: rendered as <th scope="row"> so screen readers announce it with each cell. */
  rowHeader?: boolean;
  /** Text label of the column in the stacked (narrow-screen card) layout; defaults to `header` when it is a string. */
  label?: string;
  /** Class of the column's cells (e.g. `rl-diff-before`). */
  className?: string;
}

type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | undefined };

/**
 * The DKFDS data table every page uses (responsive scroll wrapper, zebra stripes, a caption that
 * is visually hidden unless `captionVisible`, column headers with scope), so that table markup and
 * its accessibility live in one place. With `empty`, an empty table is replaced by that text.
 */
export interface DataTableProps<R> {
  caption: ReactNode;
  captionVisible?: boolean;
  columns: Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string | number;
  rowProps?: (row: R) => RowAttributes;
  compact?: boolean;
  zebra?: boolean;
  testId?: string;
  empty?: ReactNode;
  /** Narrow screens (and 200 % zoom): each row becomes a card of label/value lines instead of a wide table. */
  stack?: boolean;
}

export function DataTable<R>({ caption, captionVisible = false, columns, rows, rowKey, rowProps, compact = false, zebra = true, testId, empty, stack = false }: DataTableProps<R>) {
  const captionId = useId();
  if (rows.length === 0 && empty !== undefined) return <p>{empty}</p>;
  const className = ['table', compact ? 'table--compact' : '', zebra ? 'table--zebra' : '', stack ? 'rl-table-stack' : ''].filter(Boolean).join(' ');
  const labelOf = (c: Column<R>) => (stack ? (c.label ?? (typeof c.header === 'string' ? c.header : undefined)) : undefined);
  return (
    // The wrapper scrolls a wide table sideways on narrow screens: focusable and named by the
    // caption, so keyboard users can scroll it too (WCAG 2.1.1, axe scrollable-region-focusable);
    // a group, not a region: the section around it is already the landmark with this name.
    <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby={captionId}>
      <table className={className} data-testid={testId}>
        <caption id={captionId} className={captionVisible ? undefined : 'sr-only'}>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th scope="col" key={i}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)} {...rowProps?.(r)}>
              {columns.map((c, i) =>
                c.rowHeader ? (
                  <th scope="row" key={i} className={c.className} data-label={labelOf(c)}>
                    {c.cell(r)}
                  </th>
                ) : (
                  <td key={i} className={c.className} data-label={labelOf(c)}>
                    {c.cell(r)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A page section with its level-2 heading (`<id>-heading` labels the section). */
export function Section({ id, title, testId, children }: { id: string; title: ReactNode; testId?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="mt-7" data-testid={testId}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

/** A Section whose content is one DataTable, captioned with the section's title. */
export function TableSection<R>({ id, title, ...table }: { id: string; title: string } & Omit<DataTableProps<R>, 'caption'>) {
  return (
    <Section id={id} title={title}>
      <DataTable caption={title} {...table} />
    </Section>
  );
}
