/**
 * A sortable table that draws only the rows in view (TanStack Table for columns and sorting, TanStack
 * Virtual for the rows), so tens of thousands of rows stay smooth. Rows have one fixed height; cells
 * cut long text with an ellipsis and show it whole on hover. A selected row is highlighted and
 * scrolled into view when the selection comes from elsewhere (a chart, another view).
 */
import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import './data-table.css';

/** Per-column layout, set in a column's `meta`. */
export interface ColumnLayout {
  /** Width in px (the table is laid out with fixed column widths). */
  width?: number;
  align?: 'left' | 'right';
  /** Class for every cell of the column. */
  className?: string;
  /** Stays in view when the table scrolls sideways (the row's name). */
  sticky?: boolean;
}

function cellClass(layout: ColumnLayout): string | undefined {
  const classes = [
    layout.align === 'right' ? 'right' : '',
    layout.sticky ? 'sticky-left' : '',
    layout.className ?? '',
  ];
  return classes.filter(Boolean).join(' ') || undefined;
}

interface Props<Row> {
  rows: Row[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- columns of mixed value types
  columns: ColumnDef<Row, any>[];
  rowId: (row: Row) => string;
  /** Accessible name. */
  label: string;
  selectedId?: string | null;
  onSelect?: (row: Row) => void;
  /** Height of the scrolling body, px. */
  height: number;
  rowHeight?: number;
  rowClassName?: (row: Row) => string | undefined;
  /** Shown instead of rows when there are none. */
  empty: string;
  testId?: string;
}

function layoutOf(meta: unknown): ColumnLayout {
  return (meta as ColumnLayout | undefined) ?? {};
}

export function DataTable<Row>({
  rows,
  columns,
  rowId,
  label,
  selectedId,
  onSelect,
  height,
  rowHeight = 30,
  rowClassName,
  empty,
  testId,
}: Props<Row>) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (row) => rowId(row),
  });
  const model = table.getRowModel().rows;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: model.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });

  useEffect(() => {
    if (!selectedId) return;
    const index = model.findIndex((row) => row.id === selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    // Scroll only when the selection changes, not on every re-sort.
  }, [selectedId]);

  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const columnCount = table.getVisibleLeafColumns().length;
  const totalWidth = table
    .getVisibleLeafColumns()
    .reduce((sum, c) => sum + (layoutOf(c.columnDef.meta).width ?? 120), 0);

  return (
    <div className="data-table" data-testid={testId}>
      <div className="data-table-scroll" ref={scroller} style={{ maxHeight: height }}>
        <table
          aria-label={label}
          aria-rowcount={model.length}
          style={{ width: totalWidth, minWidth: '100%' }}
        >
          <colgroup>
            {table.getVisibleLeafColumns().map((column) => (
              <col key={column.id} style={{ width: layoutOf(column.columnDef.meta).width ?? 120 }} />
            ))}
          </colgroup>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const layout = layoutOf(header.column.columnDef.meta);
                  return (
                    <th
                      key={header.id}
                      colSpan={header.colSpan}
                      className={cellClass(layout)}
                      aria-sort={
                        sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                      }
                    >
                      {header.isPlaceholder ? null : header.column.getCanSort() ? (
                        <button type="button" onClick={header.column.getToggleSortingHandler()}>
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span className="sort-mark">
                            {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                          </span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {model.length === 0 && (
              <tr>
                <td colSpan={columnCount} className="empty">
                  {empty}
                </td>
              </tr>
            )}
            {before > 0 && (
              <tr aria-hidden="true">
                <td colSpan={columnCount} style={{ height: before, padding: 0, border: 0 }} />
              </tr>
            )}
            {items.map((item) => {
              const row = model[item.index]!;
              const selected = row.id === selectedId;
              const extra = rowClassName?.(row.original);
              return (
                <tr
                  key={row.id}
                  data-row-id={row.id}
                  aria-selected={selected}
                  className={[selected ? 'selected' : '', extra ?? ''].join(' ').trim() || undefined}
                  style={{ height: rowHeight }}
                  onClick={() => onSelect?.(row.original)}
                >
                  {row.getVisibleCells().map((cell) => {
                    const layout = layoutOf(cell.column.columnDef.meta);
                    return (
                      <td key={cell.id} className={cellClass(layout)}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
            {after > 0 && (
              <tr aria-hidden="true">
                <td colSpan={columnCount} style={{ height: after, padding: 0, border: 0 }} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
