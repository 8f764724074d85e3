/** Picks one variant of the session (the selection's variant); shared by the views that show one at a time. */
import type { ComparedEngine } from '../../../electron/core/analysis/compared-engine';
import { useSelectionStore } from '../store/selection-store';

/** The key a variant is selected by: its variant id, or the engine id of an imported run. */
export function variantKey(item: ComparedEngine): string {
  return item.engine.variantId ?? item.engine.id;
}

/** The selected variant's index among `items`, or `fallback` when none (or an unknown one) is selected. */
export function useSelectedVariant(items: ComparedEngine[], fallback = 0): number {
  const variant = useSelectionStore((state) => state.variant);
  const index = items.findIndex((item) => variantKey(item) === variant);
  return index >= 0 ? index : Math.min(fallback, items.length - 1);
}

export function VariantPicker({ items, current }: { items: ComparedEngine[]; current: number }) {
  const select = useSelectionStore((state) => state.select);
  return (
    <label className="variant-picker">
      Variant{' '}
      <select
        value={variantKey(items[current]!)}
        onChange={(event) => select({ variant: event.target.value })}
        data-testid="variant-picker"
      >
        {items.map((item) => (
          <option key={variantKey(item)} value={variantKey(item)}>
            {item.label}
          </option>
        ))}
      </select>
    </label>
  );
}
