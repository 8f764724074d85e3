/**
 * The traces a front end has open, kept where core runs so the timeline asks for what it draws (buckets
 * of the level-of-detail index, one span's details, an area's aggregate) instead of holding millions of
 * spans in the page. Every session that openFiles / loadSession / saveSession hands out is remembered
 * with its traces, whose level-of-detail index and summary are made then, once. The oldest sessions are
 * forgotten past a span budget; a timeline call that names the session file reloads it then.
 */
import { loadSession } from '../model/session';
import type { Trace } from '../model/trace';
import { buildTraceLod, type TraceLod } from '../model/trace-lod';
import { summarizeTrace, type TraceSummary } from '../analysis/trace-summary';
import type { Session } from '../model/types';
import { ApiError } from './api-error';

export interface OpenTrace {
  trace: Trace;
  session: Session;
  sessionPath?: string;
}

/** Spans kept in memory across the open sessions before the oldest are forgotten. */
const SPAN_BUDGET = 60_000_000;

export class OpenTraces {
  private readonly sessions: { session: Session; sessionPath?: string; spans: number }[] = [];
  private readonly lods = new WeakMap<Trace, TraceLod>();
  private readonly summaries = new WeakMap<Trace, TraceSummary>();

  constructor(private readonly spanBudget = SPAN_BUDGET) {}

  /** Remembers a session's traces (the latest session wins for a trace id seen before). */
  remember(session: Session, sessionPath?: string): void {
    const index = this.sessions.findIndex((entry) => entry.session === session);
    if (index >= 0) this.sessions.splice(index, 1);
    const spans = session.traces.reduce((sum, trace) => sum + trace.spans.count, 0);
    this.sessions.push({ session, spans, ...(sessionPath !== undefined && { sessionPath }) });
    let total = this.sessions.reduce((sum, entry) => sum + entry.spans, 0);
    while (this.sessions.length > 1 && total > this.spanBudget) total -= this.sessions.shift()!.spans;
    // The level-of-detail index and the summary are made on import, so opening the timeline waits for
    // nothing but its windows (core answers one request at a time).
    for (const trace of session.traces) {
      this.lod(trace);
      this.summary(trace);
    }
  }

  /** The open trace `traceId` (reloading `sessionPath` when it was forgotten), or ApiError 404. */
  get(traceId: string, sessionPath?: string): OpenTrace {
    const found = this.find(traceId);
    if (found) return found;
    if (sessionPath) {
      this.remember(loadSession(sessionPath), sessionPath);
      const reloaded = this.find(traceId);
      if (reloaded) return reloaded;
      throw new ApiError(404, `${sessionPath}: the session holds no trace "${traceId}"`);
    }
    throw new ApiError(404, `trace "${traceId}" is not open here: open its session or file again`);
  }

  /** The trace's level-of-detail index, built on first use and kept while the trace is. */
  lod(trace: Trace): TraceLod {
    let lod = this.lods.get(trace);
    if (!lod) this.lods.set(trace, (lod = buildTraceLod(trace)));
    return lod;
  }

  /** The trace's summary, computed once. */
  summary(trace: Trace): TraceSummary {
    let summary = this.summaries.get(trace);
    if (!summary) this.summaries.set(trace, (summary = summarizeTrace(trace)));
    return summary;
  }

  private find(traceId: string): OpenTrace | undefined {
    for (let s = this.sessions.length - 1; s >= 0; s--) {
      const entry = this.sessions[s]!;
      const trace = entry.session.traces.find((candidate) => candidate.id === traceId);
      if (trace) {
        return {
          trace,
          session: entry.session,
          ...(entry.sessionPath !== undefined && { sessionPath: entry.sessionPath }),
        };
      }
    }
    return undefined;
  }
}

/** The traces open in this process (one `serve`, or one desktop app's main process). */
export const openTraces = new OpenTraces();
