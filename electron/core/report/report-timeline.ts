/**
 * The timeline overview of a report: per recorded trace, each track's busy time and its occupancy in
 * equal time buckets (a strip a reader can scan), and the span names with the most time; per variant
 * with a per-layer profile, one inference laid out layer after layer from the per-layer means. One
 * pass over the span columns, so a million spans stay cheap.
 */
import type { Trace } from '../model/trace';
import { layerKind } from '../model/engine-layers';
import type { ReportInput } from './report-inputs';
import type { Report, ReportTimelineTrace } from '../model/report';

export const TIMELINE_BUCKETS = 120;
const TOP_SPANS = 12;
const NS_PER_MS = 1e6;

/** Which variant a trace belongs to: its profile names it, or it is that profile's pipeline trace. */
function variantOfTrace(trace: Trace, inputs: ReportInput[]): number | null {
  const index = inputs.findIndex(
    ({ profile }) => profile && (profile.traceId === trace.id || trace.id === `${profile.id}-pipeline`),
  );
  return index >= 0 ? index : null;
}

function traceOverview(trace: Trace, variant: number | null, buckets: number): ReportTimelineTrace {
  const s = trace.spans;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < s.count; i++) {
    first = Math.min(first, s.start[i]!);
    last = Math.max(last, s.start[i]! + s.duration[i]!);
  }
  const span = s.count > 0 ? Math.max(last - first, 1) : 1;
  const width = span / buckets;
  const tracks = trace.tracks.map((track) => ({
    name: track.name,
    kind: track.kind,
    spans: 0,
    busyNs: 0,
    occupancy: new Float64Array(buckets),
  }));
  const byName = new Map<number, { count: number; totalNs: number }>();
  for (let i = 0; i < s.count; i++) {
    const track = tracks[s.track[i]!];
    const name = byName.get(s.name[i]!) ?? { count: 0, totalNs: 0 };
    name.count++;
    name.totalNs += s.duration[i]!;
    byName.set(s.name[i]!, name);
    if (!track) continue;
    track.spans++;
    // Nested spans lie inside their parent: only the outermost count towards busy time.
    if (s.depth[i]! > 0) continue;
    track.busyNs += s.duration[i]!;
    const from = s.start[i]! - first;
    const to = from + s.duration[i]!;
    for (let b = Math.floor(from / width); b < buckets && b * width < to; b++) {
      const overlap = Math.min(to, (b + 1) * width) - Math.max(from, b * width);
      if (overlap > 0) track.occupancy[b]! += overlap / width;
    }
  }
  const topSpans = [...byName]
    .sort((a, b) => b[1].totalNs - a[1].totalNs)
    .slice(0, TOP_SPANS)
    .map(([name, { count, totalNs }]) => ({
      name: trace.strings[name] ?? '?',
      count,
      totalMs: totalNs / NS_PER_MS,
    }));
  return {
    id: trace.id,
    source: trace.source,
    variant,
    durationMs: s.count > 0 ? span / NS_PER_MS : 0,
    spans: s.count,
    tracks: tracks
      .filter((track) => track.spans > 0)
      .map((track) => ({
        name: track.name,
        kind: track.kind,
        spans: track.spans,
        busyMs: track.busyNs / NS_PER_MS,
        occupancy: Array.from(track.occupancy, (value) => Math.min(1, Number(value.toFixed(4)))),
      })),
    topSpans,
  };
}

/** One inference per variant, layer after layer, from the per-layer means in execution order (rows that took no time left out). */
function layerSequences(inputs: ReportInput[]): Report['timeline']['layerSequences'] {
  return inputs.flatMap(({ engine, profile }, variant) => {
    if (!profile?.layers.length) return [];
    let startMs = 0;
    const layers = profile.layers
      .filter((row) => row.stats.meanMs > 0)
      .map((row) => {
        const layer = row.layerIndex === undefined ? undefined : engine.layers[row.layerIndex];
        const item = {
          name: row.name,
          type: layer ? layerKind(layer) : 'unattributed',
          startMs,
          durationMs: row.stats.meanMs,
        };
        startMs += row.stats.meanMs;
        return item;
      });
    return [{ variant, layers }];
  });
}

export function timelineOverview(
  traces: Trace[],
  inputs: ReportInput[],
  buckets = TIMELINE_BUCKETS,
): Report['timeline'] {
  return {
    buckets,
    traces: traces.map((trace) => traceOverview(trace, variantOfTrace(trace, inputs), buckets)),
    layerSequences: layerSequences(inputs),
  };
}
