/**
 * `trt-studio import --json` on real Nsight Systems exports: its nsys-stats-style summaries equal the
 * same figures computed by SQL over the same file, and the importers' warnings reach the user.
 */
import type { Database } from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../electron/core/analysis/import-summary';
import type { NameStats, TraceSummary } from '../../electron/core/analysis/trace-summary';
import { openSqliteFile } from '../../electron/core/importers/sqlite-database';
import { runCli } from '../helpers/cli';
import { fixture } from '../helpers/fixtures';

const FILES = ['profile4.sqlite', 'con_kernel.sqlite'].map((name) => fixture('nsys', name));

type Row = Record<string, number | string | null>;

function rowsOf(db: Database, sql: string): Row[] {
  const [result] = db.exec(sql);
  if (!result) return [];
  return result.values.map((values) =>
    Object.fromEntries(result.columns.map((column, i) => [column, values[i] as number | string | null])),
  );
}

/** name -> [count, total, min, max] of a summary section, to compare with SQL's aggregates. */
function figures(rows: NameStats[]): Map<string, number[]> {
  return new Map(rows.map((row) => [row.name, [row.count, row.totalNs, row.minNs, row.maxNs]]));
}

function sqlFigures(rows: Row[]): Map<string, number[]> {
  const merged = new Map<string, number[]>();
  for (const row of rows) {
    const name = String(row.name);
    const [count, total, min, max] = [row.n, row.total, row.low, row.high].map(Number) as [
      number,
      number,
      number,
      number,
    ];
    const seen = merged.get(name);
    merged.set(
      name,
      seen
        ? [seen[0]! + count, seen[1]! + total, Math.min(seen[2]!, min), Math.max(seen[3]!, max)]
        : [count, total, min, max],
    );
  }
  return merged;
}

const AGGREGATES =
  'COUNT(*) AS n, SUM(end - start) AS total, MIN(end - start) AS low, MAX(end - start) AS high';

describe('trt-studio import: trace summaries of nsys exports', () => {
  let summary: ImportSummary;
  let stderr: string;
  const databases = new Map<string, Database>();

  beforeAll(async () => {
    const run = runCli(['import', ...FILES, '--json']);
    expect(run.code, run.stderr).toBe(0);
    summary = JSON.parse(run.stdout) as ImportSummary;
    stderr = run.stderr;
    for (const file of FILES) databases.set(file, await openSqliteFile(file));
  });
  afterAll(() => {
    for (const db of databases.values()) db.close();
  });

  const traceOf = (file: string): TraceSummary => summary.traces.find((t) => t.files[0] === file)!;

  it.each(FILES)('kernels per name equal SQL over %s', (file) => {
    const sql = `SELECT s.value AS name, ${AGGREGATES} FROM CUPTI_ACTIVITY_KIND_KERNEL k JOIN StringIds s ON s.id = k.demangledName GROUP BY k.demangledName`;
    const expected = sqlFigures(rowsOf(databases.get(file)!, sql));
    expect(expected.size).toBeGreaterThan(0);
    expect(figures(traceOf(file).kernels)).toEqual(expected);
  });

  it.each(FILES)('CUDA API calls per name equal SQL over %s (version suffix dropped)', (file) => {
    // A repeated correlationId in one process is one call (the importer merges such rows, keeping the first).
    const sql = `SELECT s.value AS name, ${AGGREGATES} FROM CUPTI_ACTIVITY_KIND_RUNTIME r JOIN StringIds s ON s.id = r.nameId
      WHERE r.correlationId = 0 OR r.rowid IN (SELECT MIN(rowid) FROM CUPTI_ACTIVITY_KIND_RUNTIME GROUP BY (globalTid >> 24) & 16777215, correlationId)
      GROUP BY r.nameId`;
    const rows = rowsOf(databases.get(file)!, sql).map((row) => ({
      ...row,
      name: String(row.name).replace(/_v\d+$/, ''),
    }));
    expect(figures(traceOf(file).apiCalls)).toEqual(sqlFigures(rows));
  });

  it.each(FILES)('copies by kind and size equal SQL over %s', (file) => {
    const db = databases.get(file)!;
    const labels = [
      'unknown',
      'HtoD',
      'DtoH',
      'HtoA',
      'AtoH',
      'AtoA',
      'AtoD',
      'DtoA',
      'DtoD',
      'HtoH',
      'PtoP',
    ];
    const copies = rowsOf(
      db,
      `SELECT copyKind, ${AGGREGATES}, SUM(bytes) AS bytes, MIN(bytes) AS minBytes, MAX(bytes) AS maxBytes FROM CUPTI_ACTIVITY_KIND_MEMCPY GROUP BY copyKind`,
    ).map((row): Row => ({ ...row, name: labels[Number(row.copyKind)] ?? 'unknown' }));
    const memsets = rowsOf(
      db,
      `SELECT 'memset' AS name, ${AGGREGATES}, SUM(bytes) AS bytes, MIN(bytes) AS minBytes, MAX(bytes) AS maxBytes FROM CUPTI_ACTIVITY_KIND_MEMSET`,
    ).filter((row) => Number(row.n) > 0) as Row[];
    const expected = [...copies, ...memsets].map((row) => [
      row.name,
      Number(row.n),
      Number(row.total),
      Number(row.bytes),
      Number(row.minBytes),
      Number(row.maxBytes),
    ]);
    const actual = traceOf(file).copies.map((row) => [
      row.name,
      row.count,
      row.totalNs,
      row.totalBytes,
      row.minBytes,
      row.maxBytes,
    ]);
    const byName = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(expected.length).toBeGreaterThan(0);
    expect(actual.sort(byName)).toEqual(expected.sort(byName));
  });

  it('NVTX ranges per name equal SQL over profile4.sqlite (named after their domain)', () => {
    const file = FILES[0]!;
    const sql = `WITH domains AS (SELECT domainId, text AS domain FROM NVTX_EVENTS WHERE eventType = 75)
      SELECT text || ' [' || domain || ']' AS name, ${AGGREGATES}
      FROM NVTX_EVENTS JOIN domains USING (domainId)
      WHERE eventType IN (59, 60) AND end IS NOT NULL GROUP BY name`;
    const expected = sqlFigures(rowsOf(databases.get(file)!, sql));
    expect(expected.size).toBe(76);
    expect(figures(traceOf(file).nvtxRanges)).toEqual(expected);
  });

  it.each(FILES)(
    'GPU idle gaps equal SQL over %s (gaps in the union of kernels, copies, memsets)',
    (file) => {
      const sql = `WITH work AS (
        SELECT deviceId, start, end FROM CUPTI_ACTIVITY_KIND_KERNEL
        UNION ALL SELECT deviceId, start, end FROM CUPTI_ACTIVITY_KIND_MEMCPY
        UNION ALL SELECT deviceId, start, end FROM CUPTI_ACTIVITY_KIND_MEMSET),
      reach AS (SELECT deviceId, start, MAX(end) OVER (PARTITION BY deviceId ORDER BY start ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before FROM work)
      SELECT deviceId, COUNT(*) AS gaps, SUM(start - before) AS idle, MAX(start - before) AS longest,
        (SELECT MAX(end) - MIN(start) FROM work w WHERE w.deviceId = reach.deviceId) AS range
      FROM reach WHERE start > before GROUP BY deviceId`;
      const expected = rowsOf(databases.get(file)!, sql).map((row) => ({
        device: `GPU ${row.deviceId}`,
        gapCount: Number(row.gaps),
        idleNs: Number(row.idle),
        longest: Number(row.longest),
        rangeNs: Number(row.range),
      }));
      const actual = traceOf(file).gpuIdle.map((gpu) => ({
        device: gpu.device,
        gapCount: gpu.gapCount,
        idleNs: gpu.idleNs,
        longest: gpu.longest[0]?.durationNs,
        rangeNs: gpu.endNs - gpu.startNs,
      }));
      expect(expected.length).toBe(1);
      expect(actual).toEqual(expected);
    },
  );

  it('prints the export versions as notes, not warnings', () => {
    expect(summary.notes).toContain(`${FILES[0]}: nsys 2022.1.1.61 (schema 2.9.1)`);
    expect(stderr).not.toMatch(/warning: .*nsys 2022/);
  });

  it('passes the importer warnings on to the user (duplicate CUDA API rows merged)', () => {
    const file = fixture('nsys', 'saxpy-mpi-cuda_nsys_perlmutter0.sqlite');
    const run = runCli(['import', file]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      `warning: ${file}: 38 duplicate CUDA API row(s) (same correlationId as an earlier call) were merged into one call each`,
    );
    expect(run.stdout).toMatch(/-- kernels: 1 name, 5 launches/);
    expect(run.stdout).toMatch(/saxpy\(double \*, double \*, double \*, double, int\)/);
  });

  it('summarises a Kineto trace and a Chrome trace too', () => {
    const run = runCli(['import', fixture('traces', 'hta_alexnet_a100_inference_trace.json.gz'), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const [trace] = (JSON.parse(run.stdout) as ImportSummary).traces;
    expect(trace!.source).toBe('kineto');
    const kernelLaunches = trace!.kernels.reduce((sum, row) => sum + row.count, 0);
    expect(kernelLaunches).toBeGreaterThan(0);
    expect(trace!.apiCalls.find((row) => row.name === 'cudaLaunchKernel')!.count).toBeGreaterThanOrEqual(
      kernelLaunches,
    );
    expect(trace!.copies.map((row) => row.name)).toContain('HtoD');
    expect(trace!.gpuIdle).toHaveLength(1);
  });
});
