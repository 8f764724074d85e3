/**
 * CPU side of an nsys export: NVTX push/pop ranges and CUDA runtime/driver calls on their threads, the
 * projection of each call onto its innermost enclosing range, and NVTX start/end ranges per process.
 */
import type { Database } from 'sql.js';
import { SpanKind } from '../model/trace';
import type { TraceBuilder } from '../model/trace-builder';
import { CorrelationIndex } from './correlation-index';
import { NsysTable, type NsysSchema } from './nsys-schema';
import { pidOf, pidOfThreadKey, threadKeyOf, type NsysTracks } from './nsys-tracks';
import { projectCallsOntoRanges, type ThreadIntervals } from './nvtx-projection';
import { forEachRow } from './sqlite-rows';

const NVTX_PUSH_POP = 59;
const NVTX_START_END = 60;

/** What the GPU side needs from the CPU side. */
export interface CpuActivity {
  /** (process ordinal, correlationId) -> span index of the CUDA API call. */
  callByCorrelation: CorrelationIndex;
  /** Span index of a call -> span index of its innermost NVTX range (-1 none), via callRangeSpan. */
  rangeSpanOfCall(callSpan: number): number;
  duplicateCalls: number;
}

function intervals(capacity: number): ThreadIntervals {
  return {
    count: 0,
    thread: new Uint32Array(capacity),
    start: new Float64Array(capacity),
    end: new Float64Array(capacity),
  };
}

/** Rows in a table, cheaply: nsys tables are written once, so the largest rowid counts them. */
export function tableRows(db: Database, table: string): number {
  let count = 0;
  forEachRow(db, `SELECT max(rowid) FROM ${table}`, (row) => (count = row.number(0)));
  return count;
}

/** Removes the `_v7000` style version suffix nsys keeps on API names. */
export function apiName(name: string): string {
  return name.replace(/_v\d+$/, '');
}

interface RangeLabel {
  name: number;
  layer: number;
}

/** Labels of NVTX ranges by (domain, text or textId): one Map lookup per range instead of building names. */
class RangeLabels {
  private readonly byDomain = new Map<number, Map<string | number | null, RangeLabel>>();
  private lastDomainId = NaN;
  private lastDomain = new Map<string | number | null, RangeLabel>();

  private domain(domainId: number): Map<string | number | null, RangeLabel> {
    if (domainId === this.lastDomainId) return this.lastDomain;
    let labels = this.byDomain.get(domainId);
    if (!labels) this.byDomain.set(domainId, (labels = new Map()));
    this.lastDomainId = domainId;
    this.lastDomain = labels;
    return labels;
  }

  get(domainId: number, text: string | number | null): RangeLabel | undefined {
    return this.domain(domainId).get(text);
  }

  set(domainId: number, text: string | number | null, label: RangeLabel): RangeLabel {
    this.domain(domainId).set(text, label);
    return label;
  }
}

export class NsysCpuReader {
  private unclosedRanges = 0;

  constructor(
    private readonly builder: TraceBuilder,
    private readonly db: Database,
    private readonly schema: NsysSchema,
    private readonly tracks: NsysTracks,
  ) {}

  private nvtxTextSql(): string {
    const textId = this.schema.hasColumn(NsysTable.nvtx, 'textId') ? 'textId' : 'NULL';
    const text = this.schema.hasColumn(NsysTable.nvtx, 'text') ? 'text' : 'NULL';
    return `${text}, ${textId}`;
  }

  private domainSql(): string {
    return this.schema.hasColumn(NsysTable.nvtx, 'domainId') ? 'domainId' : '0';
  }

  private nvtxName(text: unknown, textId: unknown, domainId: number): string {
    const name =
      text != null ? String(text) : textId != null ? (this.tracks.stringById.get(Number(textId)) ?? '') : '';
    const domain = domainId !== 0 ? this.tracks.domainNames.get(domainId) : undefined;
    const label = name === '' ? '(unnamed range)' : name;
    return domain ? `${label} [${domain}]` : label;
  }

  /** String indices of a range's name (with its domain) and of its layer (the range's own text, no domain). */
  private rangeLabel(text: unknown, textId: unknown, domainId: number): RangeLabel {
    const name = this.nvtxName(text, textId, domainId);
    const layer = text != null ? String(text) : (this.tracks.stringById.get(Number(textId)) ?? name);
    return { name: this.builder.intern(name), layer: this.builder.intern(layer) };
  }

  /** Adds NVTX push/pop ranges and API calls, projects calls onto ranges, returns the lookup for kernels. */
  read(): CpuActivity {
    const ranges = this.readPushPopRanges();
    const calls = this.readCalls();
    const projection = projectCallsOntoRanges(ranges.intervals, calls.intervals);
    const columns = this.builder.columns;
    for (let r = 0; r < ranges.intervals.count; r++)
      columns.depth[ranges.firstSpan + r] = projection.rangeDepth[r]!;
    const callRangeSpan = new Int32Array(calls.intervals.count);
    for (let c = 0; c < calls.intervals.count; c++) {
      const span = calls.firstSpan + c;
      columns.depth[span] = projection.callDepth[c]!;
      const range = projection.callRange[c]!;
      callRangeSpan[c] = range < 0 ? -1 : ranges.firstSpan + range;
      if (range >= 0) columns.layer[span] = ranges.layerName[range]!;
    }
    if (this.unclosedRanges > 0) {
      this.builder.warnings.push(
        `${this.unclosedRanges} NVTX range(s) never closed (no end time) were left out`,
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

  private readPushPopRanges(): { intervals: ThreadIntervals; firstSpan: number; layerName: Int32Array } {
    const table = NsysTable.nvtx;
    const usable =
      this.schema.has(table) &&
      this.schema.hasColumn(table, 'eventType') &&
      this.schema.hasColumn(table, 'end');
    const firstSpan = this.builder.spanCount;
    if (!usable) return { intervals: intervals(0), firstSpan, layerName: new Int32Array(0) };
    const where = `WHERE eventType = ${NVTX_PUSH_POP}`;
    const capacity = tableRows(this.db, table);
    const result = intervals(capacity);
    const layerName = new Int32Array(capacity);
    this.builder.reserve(capacity);
    const columns = this.builder.columns;
    const sql = `SELECT start, end, ${threadKeyOf('globalTid')}, ${this.domainSql()}, ${this.nvtxTextSql()} FROM ${table} ${where}`;
    const labels = new RangeLabels();
    forEachRow(this.db, sql, (row) => {
      if (row.isNull(1)) {
        this.unclosedRanges++;
        return;
      }
      const start = row.number(0);
      const end = row.number(1);
      const track = this.tracks.threadTrack(row.number(2));
      const i = result.count++;
      result.thread[i] = track;
      result.start[i] = start;
      result.end[i] = end;
      const span = columns.count++;
      columns.start[span] = start;
      columns.duration[span] = end - start;
      columns.track[span] = track;
      const domainId = row.number(3);
      const text = row.text(4);
      const textId = row.isNull(5) ? null : row.number(5);
      const key = text ?? textId;
      let label = labels.get(domainId, key);
      if (!label) label = labels.set(domainId, key, this.rangeLabel(text, textId, domainId));
      columns.name[span] = label.name;
      columns.kind[span] = SpanKind.Nvtx;
      layerName[i] = label.layer;
      columns.layer[span] = label.layer;
    });
    return { intervals: result, firstSpan, layerName };
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
    if (!this.schema.has(table)) return { intervals: intervals(0), firstSpan, byCorrelation, duplicates: 0 };
    const capacity = tableRows(this.db, table);
    const result = intervals(capacity);
    this.builder.reserve(capacity);
    const columns = this.builder.columns;
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
      const span = columns.count++;
      if (correlationId !== 0) byCorrelation.set(processOrdinal, correlationId, span);
      columns.start[span] = start;
      columns.duration[span] = end - start;
      columns.track[span] = track;
      const stringId = row.number(4);
      let name = nameIdByString.get(stringId);
      if (name === undefined) {
        name = this.builder.intern(apiName(this.tracks.stringById.get(stringId) ?? `CUDA API ${stringId}`));
        nameIdByString.set(stringId, name);
      }
      columns.name[span] = name;
      columns.kind[span] = SpanKind.Runtime;
      columns.correlation[span] = correlationId;
    });
    return { intervals: result, firstSpan, byCorrelation, duplicates };
  }

  /** NVTX start/end ranges (eventType 60) go to one track per process, laid out in non-overlapping lanes. */
  readStartEndRanges(): void {
    const table = NsysTable.nvtx;
    if (!this.schema.hasColumn(table, 'eventType') || !this.schema.hasColumn(table, 'end')) return;
    const sql = `SELECT start, end, ${pidOf('globalTid')}, ${this.domainSql()}, ${this.nvtxTextSql()} FROM ${table} WHERE eventType = ${NVTX_START_END} AND end IS NOT NULL ORDER BY start`;
    const laneEnds = new Map<number, number[]>();
    forEachRow(this.db, sql, (row) => {
      const start = row.number(0);
      const end = row.number(1);
      const processId = row.number(2);
      let lanes = laneEnds.get(processId);
      if (!lanes) laneEnds.set(processId, (lanes = []));
      let lane = lanes.findIndex((laneEnd) => laneEnd <= start);
      if (lane < 0) lane = lanes.push(end) - 1;
      else lanes[lane] = end;
      const textId = row.isNull(5) ? null : row.number(5);
      const text = row.text(4) ?? (textId === null ? undefined : this.tracks.stringById.get(textId));
      const span = this.builder.addSpan({
        startNs: start,
        durationNs: end - start,
        track: this.tracks.nvtxProcessTrack(processId),
        name: this.nvtxName(row.text(4), textId, row.number(3)),
        kind: SpanKind.Nvtx,
        depth: Math.min(lane, 255),
      });
      if (text) this.builder.setLayer(span, text);
    });
  }
}
