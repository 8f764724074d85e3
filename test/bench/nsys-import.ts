/**
 * Nsight Systems import rate: builds a synthetic nsys-like SQLite export (1,000,000 kernels, one CUDA
 * launch and one NVTX push/pop "layer" range per kernel, like TensorRT's per-layer ranges) with sql.js,
 * then times the importer into the columnar Trace and measures the Trace's memory per kernel.
 * Baseline in the same process: a naive read of the same tables with `getAsObject` per row.
 * Prints figures; asserts nothing about time. Run from the repository root: node bin/run-ts.mjs test/bench/nsys-import.ts [kernels]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Database } from 'sql.js';
import { importNsysSqlite } from '../../electron/core/importers/nsys-sqlite';
import { loadSqlJs } from '../../electron/core/importers/sqlite-database';
import { forEachRow } from '../../electron/core/importers/sqlite-rows';
import type { Trace } from '../../electron/core/model/trace';

const KERNELS = Number(process.argv[2] ?? 1_000_000);
const LAYER_NAMES = 50;
const PID = 4242;
const TID = 4243;
const GLOBAL_TID = PID * 2 ** 24 + TID;
const GLOBAL_PID = PID * 2 ** 24;

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function createSchema(db: Database): void {
  db.run(`
    CREATE TABLE StringIds (id INTEGER PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE META_DATA_EXPORT (name TEXT, value TEXT);
    CREATE TABLE PROCESSES (globalPid INTEGER, pid INTEGER, name TEXT);
    CREATE TABLE ThreadNames (nameId INTEGER, priority INTEGER, globalTid INTEGER);
    CREATE TABLE TARGET_INFO_GPU (id INTEGER, name TEXT, smCount INTEGER, totalMemory INTEGER, computeMajor INTEGER, computeMinor INTEGER);
    CREATE TABLE CUPTI_ACTIVITY_KIND_KERNEL (start INTEGER, end INTEGER, deviceId INTEGER, contextId INTEGER, streamId INTEGER,
      correlationId INTEGER, globalPid INTEGER, demangledName INTEGER, shortName INTEGER, registersPerThread INTEGER,
      gridX INTEGER, gridY INTEGER, gridZ INTEGER, blockX INTEGER, blockY INTEGER, blockZ INTEGER,
      staticSharedMemory INTEGER, dynamicSharedMemory INTEGER);
    CREATE TABLE CUPTI_ACTIVITY_KIND_RUNTIME (start INTEGER, end INTEGER, eventClass INTEGER, globalTid INTEGER,
      correlationId INTEGER, nameId INTEGER, returnValue INTEGER);
    CREATE TABLE NVTX_EVENTS (start INTEGER, end INTEGER, eventType INTEGER, rangeId INTEGER, text TEXT, globalTid INTEGER,
      textId INTEGER, domainId INTEGER);
  `);
}

/** Layer i (every 1000 ns): NVTX range [0, 800], launch [100, 300], kernel [400, 900] on one of 4 streams. */
function fillTables(db: Database, kernels: number): void {
  db.run(
    `INSERT INTO META_DATA_EXPORT VALUES ('EXPORT_PRODUCT_VERSION', '2024.5.1'), ('EXPORT_SCHEMA_VERSION', '3.15.0')`,
  );
  db.run(`INSERT INTO PROCESSES VALUES (${GLOBAL_PID}, ${PID}, 'trtexec')`);
  db.run(`INSERT INTO StringIds VALUES (1, 'cudaLaunchKernel_v7000'), (2, 'trtexec main')`);
  db.run(`INSERT INTO ThreadNames VALUES (2, 10, ${GLOBAL_TID})`);
  db.run(`INSERT INTO TARGET_INFO_GPU VALUES (0, 'NVIDIA H200', 132, 150000000000, 9, 0)`);
  for (let i = 0; i < LAYER_NAMES; i++) {
    db.run(
      `INSERT INTO StringIds VALUES (${100 + i}, 'sm90_xmma_fprop_implicit_gemm_f16f16_layer${i}_kernel')`,
    );
  }
  const sequence = `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${kernels - 1})`;
  db.run(`INSERT INTO NVTX_EVENTS ${sequence}
    SELECT i * 1000, i * 1000 + 800, 59, NULL, 'layer ' || (i % ${LAYER_NAMES}) || ' [Conv + Relu]', ${GLOBAL_TID}, NULL, 0 FROM n`);
  db.run(`INSERT INTO CUPTI_ACTIVITY_KIND_RUNTIME ${sequence}
    SELECT i * 1000 + 100, i * 1000 + 300, 1, ${GLOBAL_TID}, i + 1, 1, 0 FROM n`);
  db.run(`INSERT INTO CUPTI_ACTIVITY_KIND_KERNEL ${sequence}
    SELECT i * 1000 + 400, i * 1000 + 900, 0, 1, 7 + (i % 4), i + 1, ${GLOBAL_PID}, 100 + (i % ${LAYER_NAMES}),
      100 + (i % ${LAYER_NAMES}), 64, 256, 1, 1, 128, 1, 1, 0, 49152 FROM n`);
}

function traceBytes(trace: Trace): number {
  const buffers = new Set<ArrayBufferLike>();
  const add = (columns: object): void => {
    for (const column of Object.values(columns)) if (ArrayBuffer.isView(column)) buffers.add(column.buffer);
  };
  add(trace.spans);
  add(trace.flows);
  if (trace.kernelInfo) add(trace.kernelInfo);
  let bytes = 0;
  for (const buffer of buffers) bytes += buffer.byteLength;
  for (const text of trace.strings) bytes += 2 * text.length + 16;
  return bytes;
}

/** Bytes per span of the span columns and per row of the kernel launch columns (one row per kernel). */
function columnBytesPerRow(trace: Trace): { spans: number; kernel: number } {
  const sum = (columns: object): number =>
    Object.values(columns).reduce(
      (total: number, column) =>
        total + (ArrayBuffer.isView(column) ? (column as Float64Array).BYTES_PER_ELEMENT : 0),
      0,
    );
  return { spans: sum(trace.spans), kernel: trace.kernelInfo ? sum(trace.kernelInfo) : 0 };
}

function heapBytes(): number {
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Baseline: each row an object, the way a first attempt reads the tables. */
function naiveRead(db: Database): unknown[][] {
  const tables = ['NVTX_EVENTS', 'CUPTI_ACTIVITY_KIND_RUNTIME', 'CUPTI_ACTIVITY_KIND_KERNEL'];
  return tables.map((table) => {
    const rows: unknown[] = [];
    const statement = db.prepare(`SELECT * FROM ${table}`);
    while (statement.step()) rows.push(statement.getAsObject());
    statement.free();
    return rows;
  });
}

/** Writes the synthetic export (run in a child process: its WebAssembly heap then never burdens the import). */
async function buildExport(file: string): Promise<void> {
  const SQL = await loadSqlJs();
  const source = new SQL.Database();
  createSchema(source);
  fillTables(source, KERNELS);
  fs.writeFileSync(file, source.export());
  source.close();
}

if (process.env.NSYS_BENCH_BUILD) {
  await buildExport(process.env.NSYS_BENCH_BUILD);
  process.exit(0);
}

const SQL = await loadSqlJs();
let started = performance.now();
const file = path.join(os.tmpdir(), `nsys-bench-${process.pid}.sqlite`);
const child = spawnSync(
  process.execPath,
  [...process.execArgv, 'bin/run-ts.mjs', 'test/bench/nsys-import.ts', String(KERNELS)],
  {
    env: { ...process.env, NSYS_BENCH_BUILD: file },
    stdio: 'inherit',
  },
);
if (child.status !== 0)
  throw new Error(`building the synthetic export failed (exit ${String(child.status)})`);
console.log(
  `built ${KERNELS.toLocaleString()} kernels + launches + NVTX ranges: ${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MiB in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
// KEEP=1 leaves the file for profiling and stops here.
if (process.env.KEEP) {
  console.log(file);
  process.exit(0);
}
try {
  const before = heapBytes();
  started = performance.now();
  const result = await importNsysSqlite(file);
  const importSeconds = (performance.now() - started) / 1000;
  const trace = result.traces[0]!;
  const retained = heapBytes() - before;
  const rate = KERNELS / importSeconds;
  console.log(
    `studio import:  ${importSeconds.toFixed(2)} s, ${Math.round(rate).toLocaleString()} kernels/s (target >= 500,000)`,
  );
  console.log(
    `  spans ${trace.spans.count.toLocaleString()}, flows ${trace.flows.count.toLocaleString()}, profile layers ${result.profiles[0]?.layers.length ?? 0}`,
  );
  console.log(
    `  Trace columns + strings: ${(traceBytes(trace) / KERNELS).toFixed(1)} bytes/kernel (target < 200)`,
  );
  const perRow = columnBytesPerRow(trace);
  console.log(
    `  of which: ${perRow.spans} B/span x ${(trace.spans.count / KERNELS).toFixed(1)} spans/kernel, launch configuration ${perRow.kernel} B/kernel row x ${((trace.kernelInfo?.count ?? 0) / KERNELS).toFixed(1)} rows/kernel, flows ${(8 * trace.flows.count) / KERNELS} B/kernel`,
  );
  console.log(
    `  heap + array buffers retained after GC (includes WebAssembly heap growth): ${(retained / KERNELS).toFixed(1)} bytes/kernel`,
  );

  const baselineDb = new SQL.Database(fs.readFileSync(file));
  const rowPath = forEachRow(baselineDb, 'SELECT 1', () => {});
  console.log(
    `  rows read through ${rowPath === 'native' ? "SQLite's exported column functions (native path)" : 'sql.js get() arrays (portable path: the native one was not available)'}`,
  );
  const baselineBefore = heapBytes();
  started = performance.now();
  const rows = naiveRead(baselineDb);
  const baselineSeconds = (performance.now() - started) / 1000;
  const baselineRetained = heapBytes() - baselineBefore;
  console.log(
    `naive getAsObject read of the same 3 tables (no join, no projection): ${baselineSeconds.toFixed(2)} s, ${Math.round(KERNELS / baselineSeconds).toLocaleString()} kernels/s, ${(baselineRetained / KERNELS).toFixed(0)} bytes/kernel (${rows.length} tables)`,
  );
  console.log(
    `ratio: studio import is ${(baselineSeconds / importSeconds).toFixed(2)}x the speed and ${(baselineRetained / retained).toFixed(1)}x smaller than the naive read`,
  );
} finally {
  fs.rmSync(file, { force: true });
}
