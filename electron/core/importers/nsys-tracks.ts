/**
 * Names and tracks of an nsys export: one track per CPU thread (CUDA API calls and NVTX push/pop ranges),
 * one per GPU stream (kernels, copies, memsets), one per process for NVTX start/end ranges. Thread and
 * process ids come out of nsys' serialized globalTid/globalPid: pid = (id >> 24) & 0xFFFFFF,
 * tid = id & 0xFFFFFF (computed in SQL: the serialized ids exceed 2^53 and would lose bits as numbers).
 */
import type { Database } from 'sql.js';
import type { TraceBuilder } from '../model/trace-builder';
import { NsysTable, type NsysSchema } from './nsys-schema';
import { forEachRow } from './sqlite-rows';

/** SQL expressions extracting pid / tid from a serialized global id column. */
export const pidOf = (column: string): string => `((${column} >> 24) & 16777215)`;
export const tidOf = (column: string): string => `(${column} & 16777215)`;

/** SQL expression of a thread's key, unique per (pid, tid) and exact as a double: the low 48 bits of a
 * serialized global id, pid * 2^24 + tid. */
export const threadKeyOf = (column: string): string => `(${column} & 281474976710655)`;

/** Process id of a thread key. */
export const pidOfThreadKey = (key: number): number => Math.floor(key / 16777216);

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

  /** Reads StringIds, process names, thread names (NVTX ones come with the NVTX scan) and GPUs. */
  readNames(): void {
    const { db, schema } = this;
    forEachRow(db, `SELECT id, value FROM ${NsysTable.strings}`, (row) =>
      this.stringById.set(row.number(0), row.text(1) ?? ''),
    );
    if (schema.hasColumn(NsysTable.processes, 'globalPid')) {
      forEachRow(
        db,
        `SELECT ${pidOf('globalPid')}, name FROM ${NsysTable.processes} WHERE name IS NOT NULL`,
        (row) => this.processNames.set(row.number(0), row.text(1) ?? ''),
      );
    }
    if (schema.hasColumn(NsysTable.threadNames, 'globalTid')) {
      forEachRow(db, `SELECT ${threadKeyOf('globalTid')}, nameId FROM ${NsysTable.threadNames}`, (row) => {
        const name = this.stringById.get(row.number(1));
        if (name) this.threadNames.set(row.number(0), name);
      });
    }
    this.readGpus();
  }

  private readGpus(): void {
    const { db, schema } = this;
    if (!schema.hasColumn(NsysTable.gpus, 'id')) return;
    const column = (name: string): string => (schema.hasColumn(NsysTable.gpus, name) ? name : 'NULL');
    const sql = `SELECT id, ${column('name')}, ${column('smCount')}, ${column('totalMemory')}, ${column('computeMajor')}, ${column('computeMinor')} FROM ${NsysTable.gpus}`;
    forEachRow(db, sql, (row) => {
      const gpu: GpuInfo = {
        id: row.number(0),
        name: row.text(1) ?? `GPU ${row.number(0)}`,
      };
      if (!row.isNull(2)) gpu.smCount = row.number(2);
      if (!row.isNull(3)) gpu.memoryBytes = row.number(3);
      if (!row.isNull(4) && !row.isNull(5)) gpu.computeCapability = `${row.text(4)}.${row.text(5)}`;
      if (!this.gpus.has(gpu.id)) this.gpus.set(gpu.id, gpu);
    });
  }

  // Rows of one thread, process or stream come in runs: the last answer skips a Map lookup per row.
  private lastPid = -1;
  private lastOrdinal = -1;
  private lastThreadKey = -1;
  private lastThreadTrack = -1;
  private lastStreamKey = -1;
  private lastStreamTrack = -1;

  /** Small ordinal of a process (for compact numeric keys). */
  processOrdinal(pid: number): number {
    if (pid === this.lastPid) return this.lastOrdinal;
    let ordinal = this.processOrdinals.get(pid);
    if (ordinal === undefined) {
      ordinal = this.processOrdinals.size;
      this.processOrdinals.set(pid, ordinal);
    }
    this.lastPid = pid;
    this.lastOrdinal = ordinal;
    return ordinal;
  }

  /** Track of a CPU thread by its key (threadKeyOf in SQL). */
  threadTrack(key: number): number {
    if (key === this.lastThreadKey) return this.lastThreadTrack;
    this.lastThreadKey = key;
    this.lastThreadTrack = this.threadTrackOf(key);
    return this.lastThreadTrack;
  }

  /** Names thread tracks after threadNames, which NVTX rows may have filled after a track was made. */
  renameThreadTracks(): void {
    for (const [key, track] of this.threadTracks) {
      const name = this.threadNames.get(key);
      if (name !== undefined) this.builder.tracks[track]!.name = name;
    }
  }

  private threadTrackOf(key: number): number {
    let track = this.threadTracks.get(key);
    if (track === undefined) {
      const pid = pidOfThreadKey(key);
      const tid = key - pid * 16777216;
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
