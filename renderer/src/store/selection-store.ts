/**
 * The selection slice, shared by every view: the layer (an aligned layer or an ONNX node name), the
 * variant, and the timeline span the user picked. Selecting a layer anywhere selects it everywhere;
 * the current selection is also written into the hash route so a view and its selection can be linked.
 */
import { create } from 'zustand';

export interface Selection {
  /** An engine layer or ONNX node name. */
  layer: string | null;
  /** A variant id (or engine id for imported runs). */
  variant: string | null;
  /** A timeline span: trace id and span index. */
  span: { traceId: string; index: number } | null;
}

interface SelectionState extends Selection {
  select(change: Partial<Selection>): void;
  clear(): void;
}

export const useSelectionStore = create<SelectionState>()((set) => ({
  layer: null,
  variant: null,
  span: null,
  select: (change) => set(change),
  clear: () => set({ layer: null, variant: null, span: null }),
}));
