/**
 * Level of detail of a Trace, so that drawing costs what the screen holds, not what the trace holds.
 *
 * Built once per trace: for each track and nesting depth (a "lane") the spans sorted by start, plus
 * a range-maximum index over their durations (blocks of 32 positions and a sparse table over the
 * blocks). A query for (start, end, bucket size) rounds the bucket down to a power of two, then walks
 * the lane bucket by bucket: each non-empty bucket becomes one summary (its longest span, how many
 * spans it holds, where they start and end) in O(log n) work, so the answer has at most one entry per
 * bucket whatever the trace's size, as in Perfetto's zoomed-out tracks.
 *
 * Bad input is tolerated: spans with a non-finite start are left out (and counted), negative or NaN
 * durations count as zero, spans out of order are sorted, and overlapping spans on one lane are
 * summarised like any others (the one that reaches furthest into a window from before it is kept).
 */
import type { SpanColumns, Trace } from './trace';

/** Positions per block of the range-maximum index. */
const BLOCK = 32;
const BLOCK_SHIFT = 5;
/** A query's bucket is widened so that its window holds at most this many (twice this after rounding). */
export const MAX_QUERY_BUCKETS = 1 << 16;

/** The spans of one (track, depth), sorted by start (longer first on equal starts, then by index). */
export interface LodLane {
  /** Span indices into the trace's columns, in start order. */
  spans: Uint32Array;
  /** Their starts (ns), in the same order, so binary searches stay in one array. */
  starts: Float64Array;
  /** Their ends (start + duration, the duration clamped at 0). */
  ends: Float64Array;
  /** Position i: the position among 0..i whose span ends last (earliest on ties). */
  lastEnding: Uint32Array;
  /** Level k, entry j: the position of the longest span among blocks j .. j + 2^k - 1. */
  longest: Uint32Array[];
}

export interface TrackLod {
  track: number;
  /** Lane per depth, 0 = outermost; a depth with no spans has an empty lane. */
  lanes: LodLane[];
  /** Earliest start and latest end on the track; both 0 when the track is empty. */
  startNs: number;
  endNs: number;
  spanCount: number;
}

export interface TraceLod {
  traceId: string;
  tracks: TrackLod[];
  startNs: number;
  endNs: number;
  /** Spans left out because their start is not a finite number. */
  skipped: number;
}

/** One query's answer: one entry per non-empty bucket, in time order. Columns of length `count`. */
export interface LodBuckets {
  /** The bucket size used: the one asked for, rounded down to a power of two (and widened when the
   * window would hold more than MAX_QUERY_BUCKETS buckets). */
  bucketNs: number;
  count: number;
  /** The longest span of the bucket (an index into the trace's span columns). */
  span: Uint32Array;
  /** How many spans the bucket summarises. */
  spanCount: Uint32Array;
  /** Start of the bucket's first span. */
  start: Float64Array;
  /** The later end of the bucket's longest and last spans: the extent to draw. */
  end: Float64Array;
}

const emptyLane = (): LodLane => ({
  spans: new Uint32Array(0),
  starts: new Float64Array(0),
  ends: new Float64Array(0),
  lastEnding: new Uint32Array(0),
  longest: [],
});

/** Duration as the index sees it: NaN and negative durations are zero-length. */
function cleanDuration(value: number): number {
  return value > 0 && Number.isFinite(value) ? value : 0;
}

/** Builds the level-of-detail index of a trace. O(n log n); keep one per trace. */
export function buildTraceLod(trace: Trace): TraceLod {
  const spans = trace.spans;
  const trackCount = trace.tracks.length;
  const laneCounts: number[][] = Array.from({ length: trackCount }, () => []);
  let skipped = 0;
  for (let i = 0; i < spans.count; i++) {
    const track = spans.track[i]!;
    if (track >= trackCount || !Number.isFinite(spans.start[i]!)) {
      skipped++;
      continue;
    }
    const counts = laneCounts[track]!;
    const depth = spans.depth[i]!;
    while (counts.length <= depth) counts.push(0);
    counts[depth]!++;
  }
  const members = laneCounts.map((counts) => counts.map((count) => new Uint32Array(count)));
  const filled = laneCounts.map((counts) => counts.map(() => 0));
  for (let i = 0; i < spans.count; i++) {
    const track = spans.track[i]!;
    if (track >= trackCount || !Number.isFinite(spans.start[i]!)) continue;
    const depth = spans.depth[i]!;
    members[track]![depth]![filled[track]![depth]!++] = i;
  }
  let startNs = Infinity;
  let endNs = -Infinity;
  const tracks = members.map((lanes, track): TrackLod => {
    const built = lanes.map((list) => (list.length === 0 ? emptyLane() : buildLane(spans, list)));
    let trackStart = Infinity;
    let trackEnd = -Infinity;
    let spanCount = 0;
    for (const lane of built) {
      const n = lane.spans.length;
      if (n === 0) continue;
      spanCount += n;
      trackStart = Math.min(trackStart, lane.starts[0]!);
      trackEnd = Math.max(trackEnd, lane.ends[lane.lastEnding[n - 1]!]!);
    }
    if (spanCount === 0) return { track, lanes: built, startNs: 0, endNs: 0, spanCount };
    startNs = Math.min(startNs, trackStart);
    endNs = Math.max(endNs, trackEnd);
    return { track, lanes: built, startNs: trackStart, endNs: trackEnd, spanCount };
  });
  if (startNs > endNs) startNs = endNs = 0;
  return { traceId: trace.id, tracks, startNs, endNs, skipped };
}

/** Sorts one lane's spans by start and builds its indices. */
function buildLane(spans: SpanColumns, list: Uint32Array): LodLane {
  const { start, duration } = spans;
  let sorted = true;
  for (let p = 1; p < list.length && sorted; p++) {
    const a = list[p - 1]!;
    const b = list[p]!;
    const order = start[a]! - start[b]! || cleanDuration(duration[b]!) - cleanDuration(duration[a]!);
    sorted = order < 0 || (order === 0 && a < b);
  }
  if (!sorted) {
    list.sort(
      (a, b) => start[a]! - start[b]! || cleanDuration(duration[b]!) - cleanDuration(duration[a]!) || a - b,
    );
  }
  const n = list.length;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const lastEnding = new Uint32Array(n);
  let furthest = 0;
  for (let p = 0; p < n; p++) {
    const i = list[p]!;
    starts[p] = start[i]!;
    ends[p] = starts[p]! + cleanDuration(duration[i]!);
    if (ends[p]! > ends[furthest]!) furthest = p;
    lastEnding[p] = furthest;
  }
  return { spans: list, starts, ends, lastEnding, longest: buildLongest(starts, ends) };
}

/** Position of the longer of two spans; the earlier position on equal lengths. */
function longer(starts: Float64Array, ends: Float64Array, a: number, b: number): number {
  const lengthA = ends[a]! - starts[a]!;
  const lengthB = ends[b]! - starts[b]!;
  return lengthB > lengthA || (lengthB === lengthA && b < a) ? b : a;
}

function buildLongest(starts: Float64Array, ends: Float64Array): Uint32Array[] {
  const n = starts.length;
  const blocks = Math.ceil(n / BLOCK);
  const level0 = new Uint32Array(blocks);
  for (let block = 0; block < blocks; block++) {
    const first = block * BLOCK;
    let best = first;
    for (let p = first + 1; p < Math.min(n, first + BLOCK); p++) best = longer(starts, ends, best, p);
    level0[block] = best;
  }
  const levels = [level0];
  for (let width = 2; width <= blocks; width *= 2) {
    const previous = levels[levels.length - 1]!;
    const half = width / 2;
    const level = new Uint32Array(blocks - width + 1);
    for (let j = 0; j < level.length; j++) level[j] = longer(starts, ends, previous[j]!, previous[j + half]!);
    levels.push(level);
  }
  return levels;
}

/** Position of the longest span among positions [from, to) of a lane (to > from). */
export function longestInRange(lane: LodLane, from: number, to: number): number {
  const { starts, ends } = lane;
  const firstFull = (from + BLOCK - 1) >> BLOCK_SHIFT;
  const lastFull = (to >> BLOCK_SHIFT) - 1;
  if (firstFull > lastFull) {
    let best = from;
    for (let p = from + 1; p < to; p++) best = longer(starts, ends, best, p);
    return best;
  }
  let best = from;
  for (let p = from + 1; p < firstFull << BLOCK_SHIFT; p++) best = longer(starts, ends, best, p);
  const blocks = lastFull - firstFull + 1;
  const level = 31 - Math.clz32(blocks);
  const table = lane.longest[level]!;
  best = longer(starts, ends, best, table[firstFull]!);
  best = longer(starts, ends, best, table[lastFull - (1 << level) + 1]!);
  for (let p = (lastFull + 1) << BLOCK_SHIFT; p < to; p++) best = longer(starts, ends, best, p);
  return best;
}

/** First position in [from, n) whose start is >= value, or > value when `after` (n if none). */
function bound(starts: Float64Array, value: number, after: boolean, from = 0): number {
  let lo = from;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! < value || (after && starts[mid]! === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position in [from, to) whose start is >= value, searching outward from `from` (galloping),
 * so a bucket of k spans costs O(log k) however long the lane is. */
function gallop(starts: Float64Array, value: number, from: number, to: number): number {
  let step = 1;
  let lo = from;
  let hi = from + 1;
  while (hi < to && starts[hi]! < value) {
    lo = hi;
    step *= 2;
    hi = Math.min(to, hi + step);
  }
  hi = Math.min(hi, to);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A bucket size rounded down to a power of two (at least 1 ns): the unit of the cache key. */
export function lodBucketNs(requestedNs: number): number {
  if (!(requestedNs > 1)) return 1;
  if (!Number.isFinite(requestedNs)) return 2 ** 1023;
  return 2 ** Math.floor(Math.log2(requestedNs));
}

/** The bucket a query over [startNs, endNs] really uses. */
export function queryBucketNs(startNs: number, endNs: number, requestedNs: number): number {
  const span = Math.max(0, endNs - startNs);
  return lodBucketNs(Math.max(requestedNs, span / MAX_QUERY_BUCKETS));
}

/**
 * Summarises the spans of one lane that overlap [startNs, endNs] (a span starting before the window
 * counts when it reaches into it: the one that reaches furthest is kept), one entry per bucket of
 * `bucketNs` (rounded down to a power of two) aligned to multiples of that size.
 */
export function queryLane(lane: LodLane, startNs: number, endNs: number, bucketNs: number): LodBuckets {
  const bucket = queryBucketNs(startNs, endNs, bucketNs);
  if (!(endNs >= startNs)) return emptyBuckets(bucket);
  const { starts, ends, spans } = lane;
  const lo = bound(starts, startNs, false);
  const hi = bound(starts, endNs, true, lo);
  let before = -1;
  if (lo > 0) {
    const candidate = lane.lastEnding[lo - 1]!;
    if (ends[candidate]! > startNs) before = candidate;
  }
  // At most one entry per bucket the window touches, plus the bucket of the span from before it.
  const windowBuckets = (endNs - startNs) / bucket;
  const capacity = Math.min(
    hi - lo + 1,
    Number.isFinite(windowBuckets) ? Math.ceil(windowBuckets) + 3 : Infinity,
  );
  const out = {
    span: new Uint32Array(capacity),
    spanCount: new Uint32Array(capacity),
    start: new Float64Array(capacity),
    end: new Float64Array(capacity),
  };
  let count = 0;
  let p = lo;
  if (before >= 0) {
    // The span reaching in from before the window opens its bucket; window spans in that bucket join it.
    const limit = (Math.floor(starts[before]! / bucket) + 1) * bucket;
    const groupEnd = p < hi ? gallop(starts, limit, p, hi) : p;
    let best = before;
    let last = before;
    if (groupEnd > p) {
      best = longer(starts, ends, before, longestInRange(lane, p, groupEnd));
      last = groupEnd - 1;
    }
    out.span[count] = spans[best]!;
    out.spanCount[count] = 1 + groupEnd - p;
    out.start[count] = starts[before]!;
    out.end[count] = Math.max(ends[best]!, ends[last]!);
    count++;
    p = groupEnd;
  }
  while (p < hi) {
    const limit = (Math.floor(starts[p]! / bucket) + 1) * bucket;
    const groupEnd = gallop(starts, limit, p, hi);
    const best = groupEnd - p === 1 ? p : longestInRange(lane, p, groupEnd);
    out.span[count] = spans[best]!;
    out.spanCount[count] = groupEnd - p;
    out.start[count] = starts[p]!;
    out.end[count] = Math.max(ends[best]!, ends[groupEnd - 1]!);
    count++;
    p = groupEnd;
  }
  return {
    bucketNs: bucket,
    count,
    span: out.span.subarray(0, count),
    spanCount: out.spanCount.subarray(0, count),
    start: out.start.subarray(0, count),
    end: out.end.subarray(0, count),
  };
}

function emptyBuckets(bucketNs: number): LodBuckets {
  return {
    bucketNs,
    count: 0,
    span: new Uint32Array(0),
    spanCount: new Uint32Array(0),
    start: new Float64Array(0),
    end: new Float64Array(0),
  };
}

/** Every lane of a track queried at once: entry d holds depth d. */
export function queryTrack(
  lod: TraceLod,
  track: number,
  startNs: number,
  endNs: number,
  bucketNs: number,
): LodBuckets[] {
  const trackLod = lod.tracks[track];
  if (!trackLod) return [];
  return trackLod.lanes.map((lane) => queryLane(lane, startNs, endNs, bucketNs));
}

/**
 * The window a viewer should load for a viewport of `pixels` columns: the bucket is one pixel rounded
 * up to a power of two and the range is widened by half a viewport each side, cut at whole chunks of
 * 256 buckets. Viewports that stay inside it at the same bucket size reuse the same load (same key).
 */
export interface LodWindow {
  key: string;
  startNs: number;
  endNs: number;
  bucketNs: number;
}

const CHUNK_BUCKETS = 256;

/** The bucket for a viewport: one pixel rounded up to a power of two (so at most one bucket per pixel). */
function pixelBucketNs(viewStartNs: number, viewEndNs: number, pixels: number): number {
  const width = Math.max(viewEndNs - viewStartNs, 1);
  const pixel = width / Math.max(pixels, 1);
  const floor = lodBucketNs(pixel);
  return queryBucketNs(viewStartNs, viewEndNs, floor < pixel ? floor * 2 : floor);
}

export function lodWindow(viewStartNs: number, viewEndNs: number, pixels: number): LodWindow {
  const width = Math.max(viewEndNs - viewStartNs, 1);
  const bucketNs = pixelBucketNs(viewStartNs, viewEndNs, pixels);
  const chunk = bucketNs * CHUNK_BUCKETS;
  const first = Math.floor((viewStartNs - width / 2) / chunk);
  const last = Math.ceil((viewEndNs + width / 2) / chunk);
  return {
    key: `${Math.log2(bucketNs)}:${first}:${last}`,
    startNs: first * chunk,
    endNs: last * chunk,
    bucketNs,
  };
}

/** Whether a loaded window still serves a viewport: same bucket size and the viewport inside it. */
export function windowServes(
  window: LodWindow,
  viewStartNs: number,
  viewEndNs: number,
  pixels: number,
): boolean {
  const bucketNs = pixelBucketNs(viewStartNs, viewEndNs, pixels);
  return bucketNs === window.bucketNs && viewStartNs >= window.startNs && viewEndNs <= window.endNs;
}
