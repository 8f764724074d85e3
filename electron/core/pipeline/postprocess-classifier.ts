/**
 * Classifier post-processing: softmax over the class axis (skipped when the graph already ends in
 * one, i.e. rows already sum to 1) and the top-k classes per row.
 */
import { floatValues, type NamedTensor } from '../model/tensor';

export interface ClassScore {
  classId: number;
  probability: number;
}

function isDistribution(row: Float32Array): boolean {
  let sum = 0;
  for (const v of row) {
    if (v < 0) return false;
    sum += v;
  }
  return Math.abs(sum - 1) < 1e-3;
}

export function softmax(row: Float32Array): Float32Array {
  let max = -Infinity;
  for (const v of row) if (v > max) max = v;
  const out = new Float32Array(row.length);
  let sum = 0;
  for (let i = 0; i < row.length; i++) sum += out[i] = Math.exp(row[i]! - max);
  for (let i = 0; i < row.length; i++) out[i]! /= sum;
  return out;
}

/** Top-k classes per batch row of a [N, C] (or [C]) score tensor. */
export function classifyTopK(output: NamedTensor, k = 5): ClassScore[][] {
  const classes = output.dims.at(-1)!;
  const values = floatValues(output);
  const rows: ClassScore[][] = [];
  for (let offset = 0; offset + classes <= values.length; offset += classes) {
    const raw = values.subarray(offset, offset + classes);
    const probabilities = isDistribution(raw) ? raw : softmax(raw);
    const order = Array.from({ length: classes }, (_, i) => i).sort(
      (a, b) => probabilities[b]! - probabilities[a]!,
    );
    rows.push(order.slice(0, k).map((classId) => ({ classId, probability: probabilities[classId]! })));
  }
  return rows;
}
