/**
 * A table whose columns sort on a click of their header (again to reverse), unknown values last.
 * Every row is in the DOM, so the whole table prints; for tables of many thousand rows on screen the
 * app uses a virtualized table instead.
 */
import { useMemo, useState, type ReactNode } from 'react';

export interface Column<Row> {
  key: string;
  header: string;
  /** What the column sorts by; null sorts last. */
  value: (row: Row) => string | number | null;
  /** What the cell shows (default: the value as text). */
  render?: (row: Row) => ReactNode;
  numeric?: boolean;
  title?: string;
}

interface Props<Row> {
  label: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row, index: number) => string;
  initialSort?: { key: string; descending: boolean };
  rowClassName?: (row: Row) => string | undefined;
  /** Element id of a row, for links to it. */
  rowId?: (row: Row) => string;
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

export function SortableTable<Row>({
  label,
  columns,
  rows,
  rowKey,
  initialSort,
  rowClassName,
  rowId,
}: Props<Row>) {
  const [sort, setSort] = useState<{ key: string; descending: boolean } | null>(initialSort ?? null);
  const sorted = useMemo(() => {
    const column = columns.find((c) => c.key === sort?.key);
    if (!column || !sort) return rows.map((row, index) => ({ row, index }));
    const keyed = rows.map((row, index) => ({ row, index, value: column.value(row) }));
    keyed.sort((a, b) => {
      // Unknown values stay last in both directions.
      if (a.value === null || b.value === null) return compare(a.value, b.value);
      const order = compare(a.value, b.value);
      return (sort.descending ? -order : order) || a.index - b.index;
    });
    return keyed;
  }, [rows, columns, sort]);

  const toggle = (key: string) =>
    setSort((current) =>
      current?.key === key ? { key, descending: !current.descending } : { key, descending: true },
    );

  return (
    <div className="table-scroll">
      <table className="data-table" aria-label={label}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                key={column.key}
                className={column.numeric ? 'numeric' : undefined}
                title={column.title}
                aria-sort={sort?.key === column.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              >
                <button type="button" onClick={() => toggle(column.key)}>
                  {column.header}
                  <span className="sort-mark" aria-hidden="true">
                    {sort?.key === column.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                  </span>
                </button>
                {/* Printed instead of the button: Chromium leaves form controls out of repeated headers. */}
                <span className="print-only">{column.header}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map(({ row, index }) => (
            <tr key={rowKey(row, index)} id={rowId?.(row)} className={rowClassName?.(row)}>
              {columns.map((column) => {
                const value = column.value(row);
                return (
                  <td key={column.key} className={column.numeric ? 'numeric' : undefined}>
                    {column.render ? column.render(row) : value === null ? '-' : String(value)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
