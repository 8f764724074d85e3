/** Picks one variant of the session (the selection's variant); shared by the views that show one at a time. */
import type { AnalyzedEngine } from '../../../electron/core/model/views/session-analysis';
import { useSelectionStore } from '../store/selection-store';

/** The selected variant's index among `engines`, or `fallback` when none (or an unknown one) is selected. */
export function useSelectedVariant(engines: AnalyzedEngine[], fallback = 0): number {
  const variant = useSelectionStore((state) => state.variant);
  const index = engines.findIndex((engine) => engine.key === variant);
  return index >= 0 ? index : Math.min(fallback, engines.length - 1);
}

export function VariantPicker({ engines, current }: { engines: AnalyzedEngine[]; current: number }) {
  const select = useSelectionStore((state) => state.select);
  return (
    <label className="variant-picker">
      Variant{' '}
      <select
        value={engines[current]?.key}
        onChange={(event) => select({ variant: event.target.value })}
        data-testid="variant-picker"
      >
        {engines.map((engine) => (
          <option key={engine.key} value={engine.key}>
            {engine.label}
          </option>
        ))}
      </select>
    </label>
  );
}
