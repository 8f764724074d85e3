/** A tensor shape as people write it: "[1, 3, 224, 224]", a symbol by its name, "?" where unknown. */
import type { Dim } from './types';

export function shapeText(shape: readonly Dim[] | null | undefined): string {
  if (!shape) return '?';
  return `[${shape.map((dim) => (dim === null ? '?' : String(dim))).join(', ')}]`;
}
