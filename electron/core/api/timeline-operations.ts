/**
 * The timeline's operations of the contract (spread into operations.ts): a trace's tracks, its summary,
 * the level-of-detail buckets of a time window, one span's details, an area's aggregate, a search, and
 * two or more runs aligned by layer. Every request names the trace by id; `sessionPath` (the session
 * file it came from, when there is one) lets core reopen a session it has forgotten.
 *
 * Schemas and types only, as operations.ts: the renderer imports this file too.
 */
import { z } from 'zod';
import type { AlignedTraces } from '../model/time-warp';
import type {
  AreaAggregate,
  SearchResult,
  SpanDetails,
  TimelineTrack,
  TraceWindow,
  TrackGroup,
} from '../model/timeline-data';
import type { TraceSummary } from '../model/trace-stats';
import { isObject } from './jobs';

const traceRef = { traceId: z.string().min(1), sessionPath: z.string().min(1).optional() };
const time = z.number().finite();
const tracks = z.array(z.number().int().nonnegative()).max(10_000);

export interface TraceOverview {
  traceId: string;
  source: string;
  files: string[];
  startNs: number;
  endNs: number;
  groups: TrackGroup[];
  /** The importer's warnings about this trace. */
  warnings: string[];
  /** Spans the timeline cannot place (their start is not a number). */
  skipped: number;
}

const custom = <T>(what: string) => z.custom<T>(isObject, `expected ${what}`);

export const timelineOperations = {
  traceOverview: {
    description: "A trace's tracks, grouped by process and device, and its extent.",
    request: z.strictObject({ ...traceRef }),
    response: custom<TraceOverview>('a trace overview'),
  },
  traceSummary: {
    description:
      "A trace's nsys-stats-style summary: kernels, CUDA API, copies, NVTX, layers, stages, GPU idle.",
    request: z.strictObject({ ...traceRef }),
    response: custom<TraceSummary>('a trace summary'),
  },
  traceWindow: {
    description:
      'Level-of-detail buckets of a time window on some tracks: per lane, one entry per non-empty bucket.',
    request: z.strictObject({
      ...traceRef,
      tracks,
      startNs: time,
      endNs: time,
      bucketNs: z.number().positive(),
    }),
    response: custom<TraceWindow>('a trace window'),
  },
  traceSpan: {
    description:
      "One span's details: kind, track, times, launch configuration, bytes, engine layer and ONNX nodes, links.",
    request: z.strictObject({ ...traceRef, span: z.number().int().nonnegative() }),
    response: z.object({ details: custom<SpanDetails>('span details') }),
  },
  traceAggregate: {
    description:
      'The spans of some tracks that overlap a time range, per name: count, total, mean, min, max, share.',
    request: z.strictObject({ ...traceRef, tracks, startNs: time, endNs: time }),
    response: custom<AreaAggregate>('an aggregate'),
  },
  traceSearch: {
    description: 'Spans whose name contains a text (case-insensitive), in time order.',
    request: z.strictObject({
      ...traceRef,
      text: z.string().max(500),
      limit: z.number().int().positive().max(100_000).optional(),
    }),
    response: custom<SearchResult>('search results'),
  },
  traceAlignment: {
    description:
      'Two or more runs aligned by layer: one time warp per trace so the same layer sits at the same place.',
    request: z.strictObject({
      traceIds: z.array(z.string().min(1)).min(2).max(8),
      sessionPath: z.string().min(1).optional(),
    }),
    response: custom<AlignedTraces & { traceIds: string[] }>('an alignment'),
  },
};

export type { TimelineTrack, TrackGroup, TraceWindow };
export type { LaneBuckets } from '../model/timeline-data';
