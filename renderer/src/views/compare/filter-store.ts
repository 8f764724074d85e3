/** The aligned table's filters, shared by the table and the charts (a click on a layer type filters by it). */
import { create } from 'zustand';
import type { RowFilter } from '../../../../electron/core/model/views/comparison';

interface FilterState {
  filter: RowFilter;
  change(change: Partial<RowFilter>): void;
  reset(): void;
}

export const useRowFilterStore = create<FilterState>()((set) => ({
  filter: {},
  change: (change) => set((state) => ({ filter: { ...state.filter, ...change } })),
  reset: () => set({ filter: {} }),
}));
