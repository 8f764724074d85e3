/** The aligned table's filters beside its text box: mismatches, regressions, unaligned rows, layer type. */
import type { ReactNode } from 'react';
import type { RowFilter } from '../../../../electron/core/model/views/comparison';
import { useRowFilterStore } from './filter-store';

const TOGGLES: { key: keyof RowFilter; label: string }[] = [
  { key: 'precisionMismatch', label: 'precision mismatch' },
  { key: 'tacticMismatch', label: 'tactic mismatch' },
  { key: 'regressionsOnly', label: 'regressions only' },
  { key: 'unalignedOnly', label: 'not aligned' },
];

interface Props {
  types: { type: string; rows: number }[];
  /** Display choices (columns) shown after the filters. */
  children?: ReactNode;
}

export function TableFilters({ types, children }: Props) {
  const filter = useRowFilterStore((state) => state.filter);
  const change = useRowFilterStore((state) => state.change);
  return (
    <div className="table-filters" role="group" aria-label="Filters">
      {TOGGLES.map(({ key, label }) => (
        <label key={key}>
          <input
            type="checkbox"
            checked={Boolean(filter[key])}
            onChange={(event) => change({ [key]: event.target.checked })}
            data-testid={`filter-${key}`}
          />{' '}
          {label}
        </label>
      ))}
      <label>
        layer type{' '}
        <select
          value={filter.layerType ?? ''}
          onChange={(event) => change({ layerType: event.target.value || null })}
          data-testid="filter-layerType"
        >
          <option value="">all types</option>
          {types.map(({ type, rows }) => (
            <option key={type} value={type}>
              {type} ({rows})
            </option>
          ))}
        </select>
      </label>
      {children}
    </div>
  );
}
