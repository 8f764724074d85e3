/**
 * CPU side of an nsys export: NVTX ranges (read by NsysNvtxReader) and CUDA runtime/driver calls on
 * their threads, the projection of each call onto its innermost enclosing push/pop range, and NVTX
 * start/end ranges per process.
 */
import type { Database } from 'sql.js';
import { SpanKind } from '../model/trace';
import type { TraceBuilder } from '../model/trace-builder';
import { CorrelationIndex } from './correlation-index';
import { NsysNvtxReader } from './nsys-nvtx';
import { NsysTable, type NsysSchema } from './nsys-schema';
import { pidOfThreadKey, threadKeyOf, type NsysTracks } from './nsys-tracks';
import { emptyIntervals, projectCallsOntoRanges, type ThreadIntervals } from './nvtx-projection';
import { tableRows } from './sqlite-database';
import { forEachRow } from './sqlite-rows';

/** What the GPU side needs from the CPU side. */
export interface CpuActivity {
  /** (process ordinal, correlationId) -> span index of the CUDA API call. */
  callByCorrelation: CorrelationIndex;
  /** Span index of a call -> span index of its innermost NVTX range (-1 none), via callRangeSpan. */
  rangeSpanOfCall(callSpan: number): number;
  duplicateCalls: number;
}

/** Removes the `_v7000` style version suffix nsys keeps on API names. */
export function apiName(name: string): string {
  return name.replace(/_v\d+$/, '');
}

export class NsysCpuReader {
  private readonly nvtx: NsysNvtxReader;

  constructor(
    private readonly builder: TraceBuilder,
    private readonly db: Database,
    private readonly schema: NsysSchema,
    private readonly tracks: NsysTracks,
  ) {
    this.nvtx = new NsysNvtxReader(builder, db, schema, tracks);
  }

  /** Adds NVTX push/pop ranges and API calls, projects calls onto ranges, returns the lookup for kernels. */
  read(): CpuActivity {
    const ranges = this.nvtx.read();
    const calls = this.readCalls();
    const projection = projectCallsOntoRanges(ranges.intervals, calls.intervals);
    const builder = this.builder;
    for (let r = 0; r < ranges.intervals.count; r++)
      builder.setDepth(ranges.firstSpan + r, projection.rangeDepth[r]!);
    const callRangeSpan = new Int32Array(calls.intervals.count);
    for (let c = 0; c < calls.intervals.count; c++) {
      const span = calls.firstSpan + c;
      builder.setDepth(span, projection.callDepth[c]!);
      const range = projection.callRange[c]!;
      callRangeSpan[c] = range < 0 ? -1 : ranges.firstSpan + range;
      if (range >= 0) builder.setLayerIndex(span, ranges.layerName[range]!);
    }
    if (this.nvtx.unclosedRanges > 0) {
      this.builder.warnings.push(
        `${this.nvtx.unclosedRanges} NVTX range(s) never closed (no end time) were left out`,
      );
    }
    if (calls.duplicates > 0) {
      this.builder.warnings.push(
        `${calls.duplicates} duplicate CUDA API row(s) (same correlationId as an earlier call) were merged into one call each`,
      );
    }
    return {
      callByCorrelation: calls.byCorrelation,
      rangeSpanOfCall: (callSpan) => callRangeSpan[callSpan - calls.firstSpan] ?? -1,
      duplicateCalls: calls.duplicates,
    };
  }

  private readCalls(): {
    intervals: ThreadIntervals;
    firstSpan: number;
    byCorrelation: CorrelationIndex;
    duplicates: number;
  } {
    const table = NsysTable.runtime;
    const firstSpan = this.builder.spanCount;
    const byCorrelation = new CorrelationIndex();
    if (!this.schema.has(table))
      return { intervals: emptyIntervals(0), firstSpan, byCorrelation, duplicates: 0 };
    const capacity = tableRows(this.db, table);
    const result = emptyIntervals(capacity);
    this.builder.reserve(capacity);
    const nameIdByString = new Map<number, number>();
    let duplicates = 0;
    const sql = `SELECT start, end, ${threadKeyOf('globalTid')}, correlationId, nameId FROM ${table}`;
    forEachRow(this.db, sql, (row) => {
      const thread = row.number(2);
      const correlationId = row.number(3);
      const processOrdinal = this.tracks.processOrdinal(pidOfThreadKey(thread));
      if (correlationId !== 0 && byCorrelation.get(processOrdinal, correlationId) >= 0) {
        duplicates++;
        return;
      }
      const start = row.number(0);
      const end = row.number(1);
      const track = this.tracks.threadTrack(thread);
      const i = result.count++;
      result.thread[i] = track;
      result.start[i] = start;
      result.end[i] = end;
      const stringId = row.number(4);
      let name = nameIdByString.get(stringId);
      if (name === undefined) {
        name = this.builder.intern(apiName(this.tracks.stringById.get(stringId) ?? `CUDA API ${stringId}`));
        nameIdByString.set(stringId, name);
      }
      const span = this.builder.appendSpan(start, end - start, track, name, SpanKind.Runtime, correlationId);
      if (correlationId !== 0) byCorrelation.set(processOrdinal, correlationId, span);
    });
    return { intervals: result, firstSpan, byCorrelation, duplicates };
  }

  /** NVTX start/end ranges (eventType 60) go to one track per process, laid out in non-overlapping lanes. */
  addStartEndRanges(): void {
    const ranges = [...this.nvtx.startEndRanges].sort((a, b) => a.start - b.start);
    const laneEnds = new Map<number, number[]>();
    for (const range of ranges) {
      let lanes = laneEnds.get(range.pid);
      if (!lanes) laneEnds.set(range.pid, (lanes = []));
      let lane = lanes.findIndex((laneEnd) => laneEnd <= range.start);
      if (lane < 0) lane = lanes.push(range.end) - 1;
      else lanes[lane] = range.end;
      const text = range.text ?? range.textId;
      const span = this.builder.addSpan({
        startNs: range.start,
        durationNs: range.end - range.start,
        track: this.tracks.nvtxProcessTrack(range.pid),
        name: this.nvtx.rangeName(text, range.domainId),
        kind: SpanKind.Nvtx,
        depth: Math.min(lane, 255),
      });
      const layer = this.nvtx.rangeText(text);
      if (layer) this.builder.setLayer(span, layer);
    }
  }
}
