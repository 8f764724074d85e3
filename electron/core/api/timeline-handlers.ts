/**
 * The core functions behind the timeline's operations (timeline-operations.ts), over the traces this
 * process has open (open-traces.ts). A session file named in a request passes the front end's
 * FileAccess before it is read.
 */
import { alignRuns, type AlignedRun } from '../analysis/aligned-traces';
import { aggregateArea } from '../analysis/span-aggregate';
import { spanDetails } from '../analysis/span-details';
import { searchSpans } from '../analysis/span-search';
import { timelineTrackGroups } from '../analysis/timeline-tracks';
import { timelineWindow } from '../analysis/timeline-window';
import { ApiError } from './api-error';
import type { FileAccess } from './file-access';
import { openTraces, type OpenTrace } from './open-traces';
import type { TraceOverview } from './timeline-operations';

/** What these handlers need of the front end that calls them (handlers.ts passes its whole context). */
interface TimelineContext {
  files: FileAccess;
}

function open(
  request: { traceId: string; sessionPath?: string | undefined },
  context: TimelineContext,
): OpenTrace {
  const sessionPath = request.sessionPath ? context.files.readable(request.sessionPath) : undefined;
  return openTraces.get(request.traceId, sessionPath);
}

/** The run of an open trace for alignment: its engine (through the profile that recorded it) and a label. */
function runOf({ trace, session }: OpenTrace): AlignedRun {
  const profile = session.profiles.find(
    (candidate) => candidate.traceId === trace.id || `${candidate.id}-pipeline` === trace.id,
  );
  const engine = profile && session.engines.find((candidate) => candidate.id === profile.engineId);
  const variant =
    engine?.variantId && session.variants.find((candidate) => candidate.id === engine.variantId);
  const label = variant ? variant.precision : engine ? `${engine.precision} (${engine.id})` : trace.id;
  return engine ? { trace, engine, label } : { trace, label };
}

export const timelineHandlers = {
  traceOverview: (
    request: { traceId: string; sessionPath?: string },
    context: TimelineContext,
  ): TraceOverview => {
    const { trace } = open(request, context);
    const lod = openTraces.lod(trace);
    return {
      traceId: trace.id,
      source: trace.source,
      files: trace.files,
      startNs: lod.startNs,
      endNs: lod.endNs,
      groups: timelineTrackGroups(trace, lod),
      warnings: trace.warnings,
      skipped: lod.skipped,
    };
  },

  traceSummary: (request: { traceId: string; sessionPath?: string }, context: TimelineContext) =>
    openTraces.summary(open(request, context).trace),

  traceWindow: (
    request: {
      traceId: string;
      sessionPath?: string;
      tracks: number[];
      startNs: number;
      endNs: number;
      bucketNs: number;
    },
    context: TimelineContext,
  ) => {
    const { trace } = open(request, context);
    return timelineWindow(
      trace,
      openTraces.lod(trace),
      request.tracks,
      request.startNs,
      request.endNs,
      request.bucketNs,
    );
  },

  traceSpan: (request: { traceId: string; sessionPath?: string; span: number }, context: TimelineContext) => {
    const { trace, session } = open(request, context);
    if (request.span >= trace.spans.count)
      throw new ApiError(404, `${trace.id}: no span ${request.span} (the trace has ${trace.spans.count})`);
    return { details: spanDetails(trace, request.span, session.engines, session.profiles) };
  },

  traceAggregate: (
    request: { traceId: string; sessionPath?: string; tracks: number[]; startNs: number; endNs: number },
    context: TimelineContext,
  ) => {
    const { trace } = open(request, context);
    return aggregateArea(trace, openTraces.lod(trace), request.tracks, request.startNs, request.endNs);
  },

  traceSearch: (
    request: { traceId: string; sessionPath?: string; text: string; limit?: number },
    context: TimelineContext,
  ) => searchSpans(open(request, context).trace, request.text, request.limit),

  traceAlignment: (request: { traceIds: string[]; sessionPath?: string }, context: TimelineContext) => {
    const runs = request.traceIds.map((traceId) =>
      runOf(open({ traceId, sessionPath: request.sessionPath }, context)),
    );
    return { traceIds: request.traceIds, ...alignRuns(runs) };
  },
};
