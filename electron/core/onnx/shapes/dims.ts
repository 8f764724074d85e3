/**
 * Arithmetic on dimensions that may be numbers, symbols ("batch") or unknown (null). Anything that
 * cannot be told exactly becomes null: shapes are listed as unknown, never guessed.
 */
import type { Dim } from '../../model/types';

export function isStaticShape(shape: Dim[] | null | undefined): shape is number[] {
  return !!shape && shape.every((d) => typeof d === 'number');
}

/** Number of elements of a fully static shape, else null. */
export function elementCount(shape: Dim[] | null | undefined): number | null {
  if (!isStaticShape(shape)) return null;
  return shape.reduce((product, d) => product * d, 1);
}

export function addDims(a: Dim, b: Dim): Dim {
  return typeof a === 'number' && typeof b === 'number' ? a + b : null;
}

export function mulDims(a: Dim, b: Dim): Dim {
  if (a === 1) return b;
  if (b === 1) return a;
  return typeof a === 'number' && typeof b === 'number' ? a * b : null;
}

/** Normalizes a possibly negative axis against a rank; null when out of range. */
export function normalizeAxis(axis: number, rank: number): number | null {
  const normalized = axis < 0 ? axis + rank : axis;
  return normalized >= 0 && normalized < rank ? normalized : null;
}

/** The numbers of a value list, or null when any entry is symbolic or unknown. */
export function numericValues(values: Dim[] | undefined): number[] | null {
  if (!values || !values.every((v) => typeof v === 'number')) return null;
  return values as number[];
}

/**
 * A product of dims as a number times symbols, so that Reshape's -1 can be solved when symbols
 * cancel ([batch, seq, 768] -> [batch, seq, 12, -1] gives 64).
 */
export interface SymbolicProduct {
  coefficient: number;
  symbols: Map<string, number>;
}

export function symbolicProduct(dims: Dim[]): SymbolicProduct | null {
  const product: SymbolicProduct = { coefficient: 1, symbols: new Map() };
  for (const d of dims) {
    if (d === null) return null;
    if (typeof d === 'number') product.coefficient *= d;
    else product.symbols.set(d, (product.symbols.get(d) ?? 0) + 1);
  }
  return product;
}

/** total / part as a single dim (a number or one symbol), or null when it is not one. */
export function divideProducts(total: SymbolicProduct, part: SymbolicProduct): Dim {
  const remaining = new Map(total.symbols);
  for (const [symbol, count] of part.symbols) {
    const left = (remaining.get(symbol) ?? 0) - count;
    if (left < 0) return null;
    if (left === 0) remaining.delete(symbol);
    else remaining.set(symbol, left);
  }
  if (part.coefficient === 0 || total.coefficient % part.coefficient !== 0) return null;
  const coefficient = total.coefficient / part.coefficient;
  if (remaining.size === 0) return coefficient;
  const [[symbol, count]] = [...remaining];
  return remaining.size === 1 && count === 1 && coefficient === 1 ? symbol : null;
}
