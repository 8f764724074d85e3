/**
 * A large table that stays smooth: sorted and filtered by TanStack Table, and only the rows in view
 * drawn (TanStack Virtual), so 20,000 rows scroll like 20. Columns sort by a click on their header
 * (numbers largest first, unknown values last); the filter box keeps rows whose any column contains
 * the text. A row can be selected (click, or Up/Down and Enter on the focused table); the selected
 * row is scrolled into view when the selection comes from elsewhere (a lint, a chart, the URL).
 * Generic: the model view's node table, and any other view's, are this component with columns.
 */
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type Row as TableRow,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import './data-table.css';

export interface DataColumn<Row> {
  id: string;
  header: string;
  /** What the header's tooltip says (the unit, what the figure means). */
  description?: string;
  /** The value sorted and filtered on; null sorts last and matches no filter. */
  value: (row: Row) => string | number | null;
  /** What the cell shows; the value as text when absent. */
  cell?: (row: Row) => ReactNode;
  /** A CSS grid track: '90px', 'minmax(180px, 2fr)'. */
  width: string;
  align?: 'left' | 'right';
}

interface Props<Row> {
  label: string;
  rows: readonly Row[];
  columns: DataColumn<Row>[];
  rowKey: (row: Row) => string;
  /** Height of the scrolling body, in pixels. */
  height: number;
  initialSort?: { id: string; desc: boolean };
  selectedKey?: string | null;
  onSelect?: (row: Row) => void;
  rowClass?: (row: Row) => string | undefined;
  /** Controls beside the filter box (e.g. a select that narrows the rows). */
  toolbar?: ReactNode;
  /** Rows before the caller's own narrowing (the toolbar's), for the "N of M rows" count. */
  totalCount?: number;
  /**
   * The caller's own narrowing (the toolbar's filters) as a test on each row: applied to the table's
   * rows as they are, so a filter change does not rebuild them (thousands of rows stay quick).
   */
  keep?: (row: Row) => boolean;
  testId?: string;
}

const ROW_HEIGHT = 28;

function matches(value: string | number | null, needle: string): boolean {
  return value !== null && String(value).toLowerCase().includes(needle);
}

export function DataTable<Row>(props: Props<Row>) {
  const { rows, columns, rowKey, selectedKey, onSelect } = props;
  const [sorting, setSorting] = useState<SortingState>(props.initialSort ? [props.initialSort] : []);
  const [filter, setFilter] = useState('');
  const [cursor, setCursor] = useState<number | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  const definitions = useMemo<ColumnDef<Row>[]>(
    () =>
      columns.map((column) => ({
        id: column.id,
        header: column.header,
        accessorFn: (row: Row) => column.value(row) ?? undefined,
        sortUndefined: 'last',
        sortDescFirst: column.align === 'right',
        cell: ({ row }) => column.cell?.(row.original) ?? String(column.value(row.original) ?? ''),
      })),
    [columns],
  );
  const table = useReactTable({
    data: rows as Row[],
    columns: definitions,
    state: { sorting, globalFilter: filter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
    globalFilterFn: (row, _columnId, needle: string) => {
      const text = needle.trim().toLowerCase();
      return !text || columns.some((column) => matches(column.value(row.original), text));
    },
    getColumnCanGlobalFilter: () => true,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const model = table.getRowModel().rows;
  const keep = props.keep;
  const shown = useMemo(() => (keep ? model.filter((row) => keep(row.original)) : model), [model, keep]);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  // A selection from elsewhere: make its row visible (dropping a filter that hides it).
  useEffect(() => {
    if (!selectedKey) return;
    const index = shown.findIndex((row) => rowKey(row.original) === selectedKey);
    if (index >= 0) {
      setCursor(index);
      virtualizer.scrollToIndex(index, { align: 'center' });
    } else if (filter && rows.some((row) => rowKey(row) === selectedKey)) {
      setFilter('');
    }
  }, [selectedKey, shown]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (shown.length === 0) return;
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 15, PageUp: -15 }[event.key];
    if (step !== undefined) {
      event.preventDefault();
      const next = Math.min(shown.length - 1, Math.max(0, (cursor ?? -1) + step));
      setCursor(next);
      virtualizer.scrollToIndex(next);
    } else if ((event.key === 'Enter' || event.key === ' ') && cursor !== null && shown[cursor]) {
      event.preventDefault();
      onSelect?.(shown[cursor].original);
    }
  };

  const template = columns.map((column) => column.width).join(' ');
  const numeric = useMemo(() => columns.map((column) => column.align === 'right'), [columns]);
  // One handler for every row, so rows already drawn are not drawn again while scrolling.
  const latest = useRef({ onSelect, setCursor });
  latest.current = { onSelect, setCursor };
  const pick = useCallback((row: Row, index: number) => {
    latest.current.setCursor(index);
    latest.current.onSelect?.(row);
  }, []);
  return (
    <div className="data-table" data-testid={props.testId}>
      <div className="data-table-toolbar">
        <input
          type="search"
          placeholder="Filter rows"
          aria-label={`Filter ${props.label}`}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        {props.toolbar}
        <span className="data-table-count" aria-live="polite">
          {shown.length === (props.totalCount ?? rows.length)
            ? `${shown.length} rows`
            : `${shown.length} of ${props.totalCount ?? rows.length} rows`}
        </span>
      </div>
      <div className="data-table-frame" role="table" aria-label={props.label} aria-rowcount={shown.length}>
        <div className="data-table-head" role="rowgroup">
          <div className="data-table-row" role="row" style={{ gridTemplateColumns: template }}>
            {table.getFlatHeaders().map((header, index) => {
              const column = columns[index]!;
              const sorted = header.column.getIsSorted();
              return (
                <div
                  key={header.id}
                  role="columnheader"
                  className={column.align === 'right' ? 'num' : undefined}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                >
                  <button
                    type="button"
                    title={column.description ? `${column.description} (click to sort)` : 'Click to sort'}
                    onClick={header.column.getToggleSortingHandler()}
                  >
                    {flexRender(header.column.columnDef.header, header.getContext())}
                    <span className="sort-mark" aria-hidden="true">
                      {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                    </span>
                  </button>
                </div>
              );
            })}
          </div>
        </div>
        <div
          className="data-table-body"
          ref={scroller}
          role="rowgroup"
          tabIndex={0}
          aria-label={`${props.label}: Up and Down move, Enter selects`}
          style={{ height: props.height }}
          onKeyDown={onKeyDown}
        >
          {shown.length === 0 && <p className="data-table-empty">No row matches “{filter}”.</p>}
          <div className="data-table-spacer" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = shown[item.index]!;
              const key = rowKey(row.original);
              return (
                <DataRow
                  key={key}
                  row={row}
                  rowKey={key}
                  index={item.index}
                  start={item.start}
                  template={template}
                  numeric={numeric}
                  selected={key === selectedKey}
                  cursor={item.index === cursor}
                  extraClass={props.rowClass?.(row.original)}
                  onPick={pick}
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

interface DataRowProps<Row> {
  row: TableRow<Row>;
  rowKey: string;
  index: number;
  start: number;
  template: string;
  numeric: boolean[];
  selected: boolean;
  cursor: boolean;
  extraClass: string | undefined;
  onPick: (row: Row, index: number) => void;
}

/** One drawn row; memoized, so scrolling draws only the rows that come into view. */
const DataRow = memo(function DataRow<Row>(props: DataRowProps<Row>) {
  const classes = [
    'data-table-row',
    props.selected && 'selected',
    props.cursor && 'cursor',
    props.extraClass,
  ];
  return (
    <div
      role="row"
      aria-rowindex={props.index + 1}
      aria-selected={props.selected}
      data-key={props.rowKey}
      className={classes.filter(Boolean).join(' ')}
      style={{ gridTemplateColumns: props.template, transform: `translateY(${props.start}px)` }}
      onClick={() => props.onPick(props.row.original, props.index)}
    >
      {props.row.getVisibleCells().map((cell, index) => (
        <div key={cell.id} role="cell" className={props.numeric[index] ? 'num' : undefined}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </div>
      ))}
    </div>
  );
}) as <Row>(props: DataRowProps<Row>) => ReactNode;
