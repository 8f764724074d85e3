/**
 * Summary statistics of timing samples. Percentiles use linear interpolation between closest ranks
 * (numpy's default), so figures match what a user computes in a notebook.
 */
import type { SampleStats } from './types';

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export function summarize(samples: ArrayLike<number>): SampleStats {
  const n = samples.length;
  if (n === 0) {
    return {
      count: 0,
      totalMs: 0,
      meanMs: 0,
      medianMs: 0,
      minMs: 0,
      maxMs: 0,
      p90Ms: 0,
      p95Ms: 0,
      p99Ms: 0,
      stdMs: 0,
      cv: 0,
    };
  }
  const sorted = Float64Array.from(samples).sort();
  let total = 0;
  for (let i = 0; i < n; i++) total += sorted[i]!;
  const mean = total / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (sorted[i]! - mean) ** 2;
  const std = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
  return {
    count: n,
    totalMs: total,
    meanMs: mean,
    medianMs: percentile(sorted, 50),
    minMs: sorted[0]!,
    maxMs: sorted[n - 1]!,
    p90Ms: percentile(sorted, 90),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    stdMs: std,
    cv: mean > 0 ? std / mean : 0,
  };
}

/** Stats from aggregates only (imported profiles): what the source did not give is null. */
export function statsFromAggregates(a: {
  count: number;
  totalMs: number;
  meanMs: number;
  medianMs?: number;
}): SampleStats {
  const median = a.medianMs ?? a.meanMs;
  return {
    count: a.count,
    totalMs: a.totalMs,
    meanMs: a.meanMs,
    medianMs: median,
    minMs: null,
    maxMs: null,
    p90Ms: null,
    p95Ms: null,
    p99Ms: null,
    stdMs: null,
    cv: null,
  };
}
