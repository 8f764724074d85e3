/**
 * The aggregate of an area selection, as in Perfetto: every span of the chosen tracks that overlaps
 * [startNs, endNs] (a zero-length span counts when it lies inside), grouped by name: count, total,
 * mean, min and max of their whole durations, and each name's share of the total. Read through the
 * level-of-detail index, so only the spans near the area are visited.
 */
import type { Trace } from '../model/trace';
import type { LodLane, TraceLod } from '../model/trace-lod';
import type { AggregateRow, AreaAggregate } from '../model/timeline-data';

export type { AggregateRow, AreaAggregate };

/** Whether a span [start, end] counts for the area [from, to]. */
export function overlapsArea(start: number, end: number, from: number, to: number): boolean {
  return start <= to && (end > from || start >= from);
}

/** Positions of a lane's spans that overlap [from, to]. */
function forEachOverlapping(
  lane: LodLane,
  from: number,
  to: number,
  visit: (position: number) => void,
): void {
  const { starts, ends, lastEnding } = lane;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  // Spans starting before the area: walk back while some span at or before p still reaches into it.
  for (let p = lo - 1; p >= 0 && ends[lastEnding[p]!]! > from; p--) if (ends[p]! > from) visit(p);
  for (let p = lo; p < starts.length && starts[p]! <= to; p++) visit(p);
}

export function aggregateArea(
  trace: Trace,
  lod: TraceLod,
  tracks: number[],
  startNs: number,
  endNs: number,
): AreaAggregate {
  const { spans, strings } = trace;
  const byName = new Map<number, { count: number; total: number; min: number; max: number }>();
  let spanCount = 0;
  let totalNs = 0;
  for (const track of new Set(tracks)) {
    for (const lane of lod.tracks[track]?.lanes ?? []) {
      forEachOverlapping(lane, startNs, endNs, (position) => {
        const span = lane.spans[position]!;
        const duration = lane.ends[position]! - lane.starts[position]!;
        const name = spans.name[span]!;
        let row = byName.get(name);
        if (!row) byName.set(name, (row = { count: 0, total: 0, min: Infinity, max: -Infinity }));
        row.count++;
        row.total += duration;
        row.min = Math.min(row.min, duration);
        row.max = Math.max(row.max, duration);
        spanCount++;
        totalNs += duration;
      });
    }
  }
  const rows = [...byName].map(([name, row]) => ({
    name: strings[name] ?? '',
    count: row.count,
    totalNs: row.total,
    meanNs: row.total / row.count,
    minNs: row.min,
    maxNs: row.max,
    sharePercent: totalNs > 0 ? (100 * row.total) / totalNs : 0,
  }));
  rows.sort((a, b) => b.totalNs - a.totalNs || a.name.localeCompare(b.name));
  return { rows, spanCount, totalNs };
}
