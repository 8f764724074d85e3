/**
 * Nsight Systems SQLite export (`nsys export --type sqlite`, or `nsys profile --export=sqlite`) -> Trace
 * (+ a per-layer Profile when kernels run inside NVTX ranges, which is how TensorRT layer names reach
 * kernels). Read with sql.js; rows go into the Trace's typed columns through TraceBuilder.appendSpan.
 */
import path from 'node:path';
import type { Database } from 'sql.js';
import { StudioError } from '../errors';
import type { Trace } from '../model/trace';
import { TraceBuilder } from '../model/trace-builder';
import type { DeviceInfo, Profile } from '../model/types';
import type { Importer, ImportResult } from './importer';
import { NsysCpuReader } from './nsys-cpu-activity';
import { NsysGpuReader } from './nsys-gpu-activity';
import { layerProfileFromRanges } from './nsys-layer-profile';
import { inspectNsysSchema, NsysTable, type NsysSchema } from './nsys-schema';
import { NsysTracks } from './nsys-tracks';
import { hasSqliteMagic, openSqliteFile, queryValue, tableRows } from './sqlite-database';

const NSYS_TABLE_HINTS = ['CUPTI_ACTIVITY_KIND_', 'NVTX_EVENTS', 'TARGET_INFO_', 'StringIds'];

function detect(input: { path: string; head: Uint8Array }): number {
  if (!hasSqliteMagic(input.head)) return 0;
  // The schema (sqlite_master) sits in the first pages: table names are visible in the head bytes.
  const text = Buffer.from(input.head.buffer, input.head.byteOffset, input.head.byteLength).toString(
    'latin1',
  );
  if (NSYS_TABLE_HINTS.some((hint) => text.includes(hint))) return 1;
  // Some other SQLite file: claim it weakly so the user hears why it is not an nsys export.
  return 0.2;
}

/** Spans to reserve: an upper bound from rowids (counting rows would scan every table once more). */
function spanCapacity(db: Database, schema: NsysSchema): number {
  const tables = [NsysTable.nvtx, NsysTable.runtime, NsysTable.kernel, NsysTable.memcpy, NsysTable.memset];
  return tables.filter((table) => schema.has(table)).reduce((sum, table) => sum + tableRows(db, table), 0);
}

function sessionStartNs(db: Database, schema: NsysSchema): number | undefined {
  if (!schema.hasColumn(NsysTable.sessionStart, 'utcEpochNs')) return undefined;
  const value = queryValue(db, `SELECT utcEpochNs FROM ${NsysTable.sessionStart} LIMIT 1`);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function describeVersion(schema: NsysSchema): string {
  if (schema.productVersion) return `nsys ${schema.productVersion} (schema ${schema.schemaVersion ?? '?'})`;
  return 'nsys export without version metadata';
}

/** Reads an opened nsys database into a Trace and, when NVTX ranges hold kernels, a layer Profile. */
export function importNsysDatabase(db: Database, file: string): ImportResult {
  const schema = inspectNsysSchema(db, file);
  const base = path.basename(file);
  const builder = new TraceBuilder(0);
  const capacity = spanCapacity(db, schema);
  builder.reserve(capacity);
  const tracks = new NsysTracks(builder, db, schema);
  tracks.readNames();
  const cpuReader = new NsysCpuReader(builder, db, schema, tracks);
  const cpu = cpuReader.read();
  const gpuReader = new NsysGpuReader(builder, db, schema, tracks, cpu, file);
  gpuReader.readKernels(capacity);
  gpuReader.readMemcpys();
  gpuReader.readMemsets();
  cpuReader.addStartEndRanges();
  if (builder.spanCount === 0) builder.warnings.push(`${file}: the export holds no CUDA or NVTX activity`);

  const traceId = `nsys:${base}`;
  const originNs = sessionStartNs(db, schema);
  const trace: Trace = builder.build({
    id: traceId,
    source: 'nsys',
    files: [file],
    ...(originNs !== undefined && { originNs }),
  });
  const facts = [`${file}: ${describeVersion(schema)}`];
  if (tracks.domainNames.size > 0)
    facts.push(`${file}: NVTX domains: ${[...tracks.domainNames.values()].join(', ')}`);

  const profiles: Profile[] = [];
  const profile = layerProfileFromRanges(
    trace.spans,
    trace.strings,
    gpuReader.kernelTimeByRange,
    totalKernelNs(trace),
    { id: `${traceId}:layers`, traceId, file },
  );
  if (profile) {
    const device = singleDevice(tracks);
    if (device) profile.machine = { device };
    profiles.push(profile);
  }
  return { engines: [], profiles, traces: [trace], warnings: facts };
}

function totalKernelNs(trace: Trace): number {
  let total = 0;
  for (let i = 0; i < trace.spans.count; i++)
    if (trace.spans.kind[i] === 0) total += trace.spans.duration[i]!;
  return total;
}

function singleDevice(tracks: NsysTracks): DeviceInfo | undefined {
  const gpu = [...tracks.gpus.values()][0];
  if (!gpu) return undefined;
  const device: DeviceInfo = { name: gpu.name };
  if (gpu.computeCapability) device.computeCapability = gpu.computeCapability;
  if (gpu.smCount !== undefined) device.smCount = gpu.smCount;
  if (gpu.memoryBytes !== undefined) device.memoryBytes = gpu.memoryBytes;
  return device;
}

export async function importNsysSqlite(file: string): Promise<ImportResult> {
  const db = await openSqliteFile(file);
  try {
    return importNsysDatabase(db, file);
  } catch (error) {
    if (error instanceof StudioError) throw error;
    throw new StudioError(file, `cannot read the nsys export: ${(error as Error).message}`, { cause: error });
  } finally {
    db.close();
  }
}

export const nsysSqliteImporter: Importer = {
  format: 'nsys-sqlite',
  description: 'an Nsight Systems SQLite export',
  detect,
  parse: importNsysSqlite,
};
