/** Multidirectional (numpy) broadcasting of shapes and of small constant value lists. */
import type { Dim } from '../../model/types';

function broadcastDim(a: Dim, b: Dim): Dim | undefined {
  if (a === 1) return b;
  if (b === 1) return a;
  if (a === b) return a;
  if (a === null || b === null) return null;
  if (typeof a === 'number' && typeof b === 'number') return undefined; // incompatible
  // A symbol against a number other than 1 must equal that number for the model to be valid.
  if (typeof a === 'number') return a;
  if (typeof b === 'number') return b;
  return null; // two different symbols: either could be 1
}

/** The broadcast shape, or null when the shapes are incompatible. */
export function broadcastShapes(shapes: Dim[][]): Dim[] | null {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const result: Dim[] = [];
  for (let axis = 0; axis < rank; axis++) {
    let dim: Dim = 1;
    for (const shape of shapes) {
      const index = shape.length - rank + axis;
      const d = index < 0 ? 1 : shape[index];
      const combined = broadcastDim(dim, d);
      if (combined === undefined) return null;
      dim = combined;
    }
    result.push(dim);
  }
  return result;
}

/**
 * Applies `op` elementwise over value lists that are scalars or of equal length (what shape
 * arithmetic in exported graphs uses); undefined for anything else.
 */
export function combineValues(lists: Dim[][], op: (args: number[]) => number | null): Dim[] | undefined {
  const length = Math.max(...lists.map((l) => l.length));
  if (lists.some((l) => l.length !== length && l.length !== 1)) return undefined;
  const result: Dim[] = [];
  for (let i = 0; i < length; i++) {
    const args = lists.map((l) => (l.length === 1 ? l[0] : l[i]));
    result.push(args.every((a) => typeof a === 'number') ? op(args as number[]) : null);
  }
  return result;
}
