/**
 * Names and tracks of an nsys export: one track per CPU thread (CUDA API calls and NVTX push/pop ranges),
 * one per GPU stream (kernels, copies, memsets), one per process for NVTX start/end ranges. Thread and
 * process ids come out of nsys' serialized globalTid/globalPid: pid = (id >> 24) & 0xFFFFFF,
 * tid = id & 0xFFFFFF (computed in SQL: the serialized ids exceed 2^53 and would lose bits as numbers).
 */
import type { Database } from 'sql.js';
import type { TraceBuilder } from '../model/trace-builder';
import { NsysTable, type NsysSchema } from './nsys-schema';
import { forEachRow } from './sqlite-database';

/** SQL expressions extracting pid / tid from a serialized global id column. */
export const pidOf = (column: string): string => `((${column} >> 24) & 16777215)`;
export const tidOf = (column: string): string => `(${column} & 16777215)`;

/** Numeric key of a thread: unique per (pid, tid), exact as a double. */
export const threadKey = (pid: number, tid: number): number => pid * 16777216 + tid;

export interface GpuInfo {
  id: number;
  name: string;
  smCount?: number;
  memoryBytes?: number;
  computeCapability?: string;
}

export class NsysTracks {
  readonly stringById = new Map<number, string>();
  readonly processNames = new Map<number, string>();
  readonly threadNames = new Map<number, string>();
  readonly gpus = new Map<number, GpuInfo>();
  readonly domainNames = new Map<number, string>();
  private readonly threadTracks = new Map<number, number>();
  private readonly gpuTracks = new Map<number, number>();
  private readonly processOrdinals = new Map<number, number>();
  private readonly nvtxTracks = new Map<number, number>();

  constructor(
    private readonly builder: TraceBuilder,
    private readonly db: Database,
    private readonly schema: NsysSchema,
  ) {}

  /** Reads StringIds, process names, thread names and GPUs. */
  readNames(): void {
    const { db, schema } = this;
    forEachRow(db, `SELECT id, value FROM ${NsysTable.strings}`, (row) =>
      this.stringById.set(Number(row[0]), String(row[1])),
    );
    if (schema.hasColumn(NsysTable.processes, 'globalPid')) {
      forEachRow(
        db,
        `SELECT ${pidOf('globalPid')}, name FROM ${NsysTable.processes} WHERE name IS NOT NULL`,
        (row) => this.processNames.set(Number(row[0]), String(row[1])),
      );
    }
    if (schema.hasColumn(NsysTable.threadNames, 'globalTid')) {
      forEachRow(
        db,
        `SELECT ${pidOf('globalTid')}, ${tidOf('globalTid')}, nameId FROM ${NsysTable.threadNames}`,
        (row) => {
          const name = this.stringById.get(Number(row[2]));
          if (name) this.threadNames.set(threadKey(Number(row[0]), Number(row[1])), name);
        },
      );
    }
    this.readNvtxNames();
    this.readGpus();
  }

  /** One scan for NVTX thread names (eventType 39, they override ThreadNames) and domain names (75). */
  private readNvtxNames(): void {
    const { db, schema } = this;
    if (!schema.hasColumn(NsysTable.nvtx, 'eventType') || !schema.hasColumn(NsysTable.nvtx, 'text')) return;
    const textId = schema.hasColumn(NsysTable.nvtx, 'textId') ? 'textId' : 'NULL';
    const domainId = schema.hasColumn(NsysTable.nvtx, 'domainId') ? 'domainId' : '0';
    const sql = `SELECT eventType, ${pidOf('globalTid')}, ${tidOf('globalTid')}, text, ${textId}, ${domainId} FROM ${NsysTable.nvtx} WHERE eventType IN (39, 75)`;
    forEachRow(db, sql, (row) => {
      const name = row[3] != null ? String(row[3]) : this.stringById.get(Number(row[4]));
      if (!name) return;
      if (row[0] === 39) this.threadNames.set(threadKey(Number(row[1]), Number(row[2])), name);
      else this.domainNames.set(Number(row[5] ?? 0), name);
    });
  }

  private readGpus(): void {
    const { db, schema } = this;
    if (!schema.hasColumn(NsysTable.gpus, 'id')) return;
    const column = (name: string): string => (schema.hasColumn(NsysTable.gpus, name) ? name : 'NULL');
    const sql = `SELECT id, ${column('name')}, ${column('smCount')}, ${column('totalMemory')}, ${column('computeMajor')}, ${column('computeMinor')} FROM ${NsysTable.gpus}`;
    forEachRow(db, sql, (row) => {
      const gpu: GpuInfo = {
        id: Number(row[0]),
        name: row[1] == null ? `GPU ${String(row[0])}` : String(row[1]),
      };
      if (row[2] != null) gpu.smCount = Number(row[2]);
      if (row[3] != null) gpu.memoryBytes = Number(row[3]);
      if (row[4] != null && row[5] != null) gpu.computeCapability = `${String(row[4])}.${String(row[5])}`;
      if (!this.gpus.has(gpu.id)) this.gpus.set(gpu.id, gpu);
    });
  }

  /** Small ordinal of a process (for compact numeric keys). */
  processOrdinal(pid: number): number {
    let ordinal = this.processOrdinals.get(pid);
    if (ordinal === undefined) {
      ordinal = this.processOrdinals.size;
      this.processOrdinals.set(pid, ordinal);
    }
    return ordinal;
  }

  private lastThreadKey = -1;
  private lastThreadTrack = -1;
  private lastStreamKey = -1;
  private lastStreamTrack = -1;

  threadTrack(pid: number, tid: number): number {
    const key = threadKey(pid, tid);
    // Rows of one thread come in runs: skip the Map (whose keys here are not small integers) for a repeat.
    if (key === this.lastThreadKey) return this.lastThreadTrack;
    this.lastThreadKey = key;
    this.lastThreadTrack = this.threadTrackOf(key, pid, tid);
    return this.lastThreadTrack;
  }

  private threadTrackOf(key: number, pid: number, tid: number): number {
    let track = this.threadTracks.get(key);
    if (track === undefined) {
      const processName = this.processNames.get(pid);
      const name = this.threadNames.get(key) ?? `Thread ${tid}`;
      track = this.builder.addTrack({
        kind: 'cpu-thread',
        name,
        pid,
        tid,
        ...(processName !== undefined && { processName }),
      });
      this.threadTracks.set(key, track);
    }
    return track;
  }

  gpuStreamTrack(pid: number, deviceId: number, streamId: number): number {
    const key = (this.processOrdinal(pid) * 256 + (deviceId & 255)) * 4294967296 + streamId;
    if (key === this.lastStreamKey) return this.lastStreamTrack;
    this.lastStreamKey = key;
    this.lastStreamTrack = this.streamTrackOf(key, pid, deviceId, streamId);
    return this.lastStreamTrack;
  }

  private streamTrackOf(key: number, pid: number, deviceId: number, streamId: number): number {
    let track = this.gpuTracks.get(key);
    if (track === undefined) {
      const processName = this.processNames.get(pid);
      const gpu = this.gpus.get(deviceId);
      const device = gpu ? `GPU ${deviceId} (${gpu.name})` : `GPU ${deviceId}`;
      track = this.builder.addTrack({
        kind: 'gpu-stream',
        name: `${device} stream ${streamId}`,
        pid,
        deviceId,
        streamId,
        ...(processName !== undefined && { processName }),
      });
      this.gpuTracks.set(key, track);
    }
    return track;
  }

  /** Track of NVTX start/end ranges of a process (they may cross threads, so they get their own). */
  nvtxProcessTrack(pid: number): number {
    let track = this.nvtxTracks.get(pid);
    if (track === undefined) {
      const processName = this.processNames.get(pid);
      track = this.builder.addTrack({
        kind: 'nvtx',
        name: 'NVTX start/end ranges',
        pid,
        ...(processName !== undefined && { processName }),
      });
      this.nvtxTracks.set(pid, track);
    }
    return track;
  }
}
