/**
 * Binds Chrome trace flow events to spans. A flow is an `s` (start) and an `f` (finish) event sharing
 * `cat` and `id`; each end attaches to the slice on its thread that encloses its timestamp (for `f`
 * only with `"bp": "e"`; otherwise to the next slice that begins at or after it, as Chrome does).
 */
import type { TraceBuilder } from '../model/trace-builder';
import { spansByTrack } from '../model/span-nesting';

export interface FlowEnd {
  /** cat + id: the pair's identity. */
  key: string;
  isStart: boolean;
  trackKey: string;
  ts: number;
  /** Binds to the enclosing slice (s, or f with bp "e") rather than the next one. */
  enclosing: boolean;
}

/** Index in `sorted` of the last span starting at or before `timeNs`, -1 when none. */
function lastStartingBy(starts: Float64Array, sorted: Uint32Array, timeNs: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (starts[sorted[middle]!]! <= timeNs) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

const MAX_BACKWARD_STEPS = 256;

/** Adds a flow for each complete, bindable pair; returns warnings about the rest. */
export function bindFlows(
  builder: TraceBuilder,
  ends: FlowEnd[],
  trackOf: Map<string, number>,
  originUs: number,
): string[] {
  if (ends.length === 0) return [];
  const columns = builder.columns;
  const byTrack = spansByTrack(columns, builder.tracks.length);
  const spanAt = (end: FlowEnd): number => {
    const track = trackOf.get(end.trackKey);
    if (track === undefined) return -1;
    const sorted = byTrack[track]!;
    const timeNs = Math.round((end.ts - originUs) * 1000);
    const position = lastStartingBy(columns.start, sorted, timeNs);
    if (!end.enclosing) return position + 1 < sorted.length ? sorted[position + 1]! : -1;
    // The innermost enclosing slice is the latest-starting one that still covers the time.
    for (let p = position, steps = 0; p >= 0 && steps < MAX_BACKWARD_STEPS; p--, steps++) {
      const span = sorted[p]!;
      if (columns.start[span]! + columns.duration[span]! >= timeNs) return span;
    }
    return -1;
  };
  const pairs = new Map<string, { from?: FlowEnd; to?: FlowEnd }>();
  for (const end of ends) {
    let pair = pairs.get(end.key);
    if (!pair) pairs.set(end.key, (pair = {}));
    if (end.isStart) pair.from ??= end;
    else pair.to ??= end;
  }
  let unpaired = 0;
  let unbound = 0;
  for (const { from, to } of pairs.values()) {
    if (!from || !to) {
      unpaired++;
      continue;
    }
    const fromSpan = spanAt(from);
    const toSpan = spanAt(to);
    if (fromSpan < 0 || toSpan < 0) unbound++;
    else builder.addFlow(fromSpan, toSpan);
  }
  const warnings: string[] = [];
  if (unpaired > 0)
    warnings.push(`${unpaired} flow(s) with only a start or only a finish event were left out`);
  if (unbound > 0) warnings.push(`${unbound} flow(s) whose ends fall on no slice were left out`);
  return warnings;
}
