/**
 * What the timeline exchanges with core, as data: its tracks in groups, the level-of-detail buckets of
 * a window, one span's details, an area's aggregate, search matches (analysis/ computes each; the
 * renderer draws them). Times in ns.
 */
import type { TrackKind } from './trace';

export interface TimelineTrack {
  track: number;
  kind: TrackKind;
  name: string;
  /** The name to show inside its group (a GPU's streams are "stream 7" under "GPU 0 (H200)"). */
  label: string;
  /** Rows the track needs: its deepest nesting level + 1. */
  lanes: number;
  spanCount: number;
  startNs: number;
  endNs: number;
  pid?: number;
  tid?: number;
  deviceId?: number;
  streamId?: number;
}

export interface TrackGroup {
  key: string;
  label: string;
  tracks: TimelineTrack[];
}

/** One lane (track, depth) of a window: one entry per non-empty bucket, columns of equal length. */
export interface LaneBuckets {
  track: number;
  depth: number;
  count: number;
  /** The bucket's longest span (its index in the trace). */
  span: Uint32Array;
  /** How many spans the bucket holds. */
  spanCount: Uint32Array;
  start: Float64Array;
  end: Float64Array;
  /** Name (an index into the response's `names`) and SpanKind of the longest span. */
  name: Uint32Array;
  kind: Uint8Array;
}

export interface TraceWindow {
  bucketNs: number;
  startNs: number;
  endNs: number;
  lanes: LaneBuckets[];
  /** The names the lanes refer to, by index. */
  names: Record<string, string>;
}

export interface LinkedSpan {
  span: number;
  name: string;
  track: number;
  trackName: string;
  depth: number;
  startNs: number;
  durationNs: number;
  /** 'out': this span leads to it (a launch to its kernel); 'in': it leads to this span. */
  direction: 'in' | 'out';
}

export interface SpanDetails {
  span: number;
  name: string;
  kind: string;
  track: number;
  trackName: string;
  startNs: number;
  durationNs: number;
  depth: number;
  deviceId?: number;
  streamId?: number;
  pid?: number;
  tid?: number;
  launch?: {
    grid: [number, number, number];
    block: [number, number, number];
    registersPerThread: number;
    sharedMemoryBytes: number;
  };
  bytes?: number;
  copyKind?: string;
  correlation?: number;
  /** The layer or NVTX range name the span ran under. */
  layer?: string;
  engineLayer?: {
    engineId: string;
    name: string;
    type: string;
    precision: string;
    tacticName?: string;
    originNodes: string[];
  };
  flows: LinkedSpan[];
}

export interface AggregateRow {
  name: string;
  count: number;
  totalNs: number;
  meanNs: number;
  minNs: number;
  maxNs: number;
  sharePercent: number;
}

export interface AreaAggregate {
  rows: AggregateRow[];
  spanCount: number;
  totalNs: number;
}

export interface SearchMatch {
  span: number;
  track: number;
  depth: number;
  startNs: number;
  durationNs: number;
}

export interface SearchResult {
  /** The first `limit` matches in time order. */
  matches: SearchMatch[];
  /** All matches, shown or not. */
  total: number;
  /** The distinct names that matched (at most 20), to show what the text found. */
  names: string[];
}
