/**
 * GPU side of an nsys export: kernels, memcpys and memsets on one track per (process, device, stream).
 * Each is joined to the CUDA API call that launched it (same process, same correlationId): a flow
 * arrow launch -> GPU work, and the call's innermost NVTX range becomes the span's `layer`.
 */
import type { Database } from 'sql.js';
import { CopyKind, SpanKind } from '../model/trace';
import type { TraceBuilder } from '../model/trace-builder';
import type { CpuActivity } from './nsys-cpu-activity';
import { firstColumn, NsysTable, requireColumns, type NsysSchema } from './nsys-schema';
import { pidOf, type NsysTracks } from './nsys-tracks';
import { tableRows } from './sqlite-database';
import { forEachRow, type SqlRow } from './sqlite-rows';

/** Labels of nsys copyKind values; 11-13 are the unified-memory variants of HtoD, DtoH, DtoD. */
const COPY_KINDS: { label: string; kind: CopyKind }[] = [
  { label: 'Unknown', kind: CopyKind.Unknown },
  { label: 'HtoD', kind: CopyKind.HtoD },
  { label: 'DtoH', kind: CopyKind.DtoH },
  { label: 'HtoA', kind: CopyKind.HtoA },
  { label: 'AtoH', kind: CopyKind.AtoH },
  { label: 'AtoA', kind: CopyKind.AtoA },
  { label: 'AtoD', kind: CopyKind.AtoD },
  { label: 'DtoA', kind: CopyKind.DtoA },
  { label: 'DtoD', kind: CopyKind.DtoD },
  { label: 'HtoH', kind: CopyKind.HtoH },
  { label: 'PtoP', kind: CopyKind.PtoP },
  { label: 'HtoD (unified)', kind: CopyKind.HtoD },
  { label: 'DtoH (unified)', kind: CopyKind.DtoH },
  { label: 'DtoD (unified)', kind: CopyKind.DtoD },
];

export class NsysGpuReader {
  /** Kernel GPU time (ns) summed per NVTX range span (indexed by span), for the per-layer profile. */
  kernelTimeByRange = new Float64Array(0);
  private unknownCopyKinds = 0;

  constructor(
    private readonly builder: TraceBuilder,
    private readonly db: Database,
    private readonly schema: NsysSchema,
    private readonly tracks: NsysTracks,
    private readonly cpu: CpuActivity,
    private readonly file: string,
  ) {}

  /** Links GPU span `span` to its launch; returns the NVTX range span (-1 none). */
  private link(span: number, pid: number, correlationId: number): number {
    if (correlationId === 0) return -1;
    const call = this.cpu.callByCorrelation.get(this.tracks.processOrdinal(pid), correlationId);
    if (call < 0) return -1;
    this.builder.addFlow(call, span);
    this.builder.setLayerIndex(span, this.builder.layerIndexOf(call));
    return this.cpu.rangeSpanOfCall(call);
  }

  readKernels(totalSpans: number): void {
    const table = NsysTable.kernel;
    if (!this.schema.has(table)) return;
    requireColumns(this.schema, this.file, table, ['start', 'end', 'deviceId', 'streamId', 'correlationId']);
    const nameColumn =
      firstColumn(this.schema, table, ['demangledName', 'shortName', 'mangledName']) ?? 'NULL';
    const column = (name: string): string => (this.schema.hasColumn(table, name) ? name : '0');
    const sharedMemory = `${column('staticSharedMemory')} + ${column('dynamicSharedMemory')}`;
    const pid = this.schema.hasColumn(table, 'globalPid') ? pidOf('globalPid') : '0';
    const sql = `SELECT start, end, deviceId, streamId, ${pid}, correlationId, ${nameColumn}, ${column('gridX')}, ${column('gridY')}, ${column('gridZ')}, ${column('blockX')}, ${column('blockY')}, ${column('blockZ')}, ${column('registersPerThread')}, ${sharedMemory} FROM ${table}`;
    const info = this.builder.reserveKernels(tableRows(this.db, table));
    const timeByRange = (this.kernelTimeByRange = new Float64Array(totalSpans));
    const nameIndex = new Map<number, number>();
    forEachRow(this.db, sql, (row) => {
      const start = row.number(0);
      const duration = row.number(1) - start;
      const processId = row.number(4);
      const track = this.tracks.gpuStreamTrack(processId, row.number(2), row.number(3));
      const stringId = row.number(6);
      let name = nameIndex.get(stringId);
      if (name === undefined) {
        name = this.builder.intern(this.tracks.stringById.get(stringId) ?? `kernel ${stringId}`);
        nameIndex.set(stringId, name);
      }
      const correlationId = row.number(5);
      const span = this.builder.appendSpan(start, duration, track, name, SpanKind.Kernel, correlationId);
      const kernel = info.count++;
      info.span[kernel] = span;
      info.gridX[kernel] = row.number(7);
      info.gridY[kernel] = row.number(8);
      info.gridZ[kernel] = row.number(9);
      info.blockX[kernel] = row.number(10);
      info.blockY[kernel] = row.number(11);
      info.blockZ[kernel] = row.number(12);
      info.registersPerThread[kernel] = row.number(13);
      info.sharedMemoryBytes[kernel] = row.number(14);
      const range = this.link(span, processId, correlationId);
      if (range >= 0) timeByRange[range] = timeByRange[range]! + duration;
    });
  }

  readMemcpys(): void {
    const table = NsysTable.memcpy;
    if (!this.schema.has(table)) return;
    requireColumns(this.schema, this.file, table, [
      'start',
      'end',
      'deviceId',
      'streamId',
      'bytes',
      'copyKind',
    ]);
    const pid = this.schema.hasColumn(table, 'globalPid') ? pidOf('globalPid') : '0';
    const correlation = this.schema.hasColumn(table, 'correlationId') ? 'correlationId' : '0';
    const sql = `SELECT start, end, deviceId, streamId, ${pid}, ${correlation}, bytes, copyKind FROM ${table}`;
    forEachRow(this.db, sql, (row) => {
      const copy = COPY_KINDS[row.number(7)];
      if (!copy) this.unknownCopyKinds++;
      this.addTransfer(
        row,
        SpanKind.Memcpy,
        `Memcpy ${copy?.label ?? 'Unknown'}`,
        copy?.kind ?? CopyKind.Unknown,
      );
    });
    if (this.unknownCopyKinds > 0) {
      this.builder.warnings.push(
        `${this.unknownCopyKinds} memcpy row(s) with an unknown copyKind were labelled Unknown`,
      );
    }
  }

  readMemsets(): void {
    const table = NsysTable.memset;
    if (!this.schema.has(table)) return;
    requireColumns(this.schema, this.file, table, ['start', 'end', 'deviceId', 'streamId', 'bytes']);
    const pid = this.schema.hasColumn(table, 'globalPid') ? pidOf('globalPid') : '0';
    const correlation = this.schema.hasColumn(table, 'correlationId') ? 'correlationId' : '0';
    const sql = `SELECT start, end, deviceId, streamId, ${pid}, ${correlation}, bytes FROM ${table}`;
    forEachRow(this.db, sql, (row) => this.addTransfer(row, SpanKind.Memset, 'Memset', CopyKind.Unknown));
  }

  /** Row: start, end, deviceId, streamId, pid, correlationId, bytes. */
  private addTransfer(row: SqlRow, kind: SpanKind, name: string, copyKind: CopyKind): void {
    const start = row.number(0);
    const processId = row.number(4);
    const track = this.tracks.gpuStreamTrack(processId, row.number(2), row.number(3));
    const correlationId = row.number(5);
    const span = this.builder.appendSpan(
      start,
      row.number(1) - start,
      track,
      this.builder.intern(name),
      kind,
      correlationId,
    );
    this.builder.setTransfer(span, row.number(6), copyKind);
    this.link(span, processId, correlationId);
  }
}
