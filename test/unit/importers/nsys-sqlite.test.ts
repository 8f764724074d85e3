import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importNsysSqlite } from '../../../electron/core/importers/nsys-sqlite';
import { loadSqlJs } from '../../../electron/core/importers/sqlite-database';
import { CopyKind, SpanKind, type Trace } from '../../../electron/core/model/trace';
import { fixture } from '../../helpers/fixtures';

function countKinds(trace: Trace): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < trace.spans.count; i++) {
    const kind = SpanKind[trace.spans.kind[i]!]!;
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

function spansOfKind(trace: Trace, kind: SpanKind): number[] {
  const spans: number[] = [];
  for (let i = 0; i < trace.spans.count; i++) if (trace.spans.kind[i] === kind) spans.push(i);
  return spans;
}

// Facts below were counted with the sqlite3 shell on the fixtures (see the queries in each test name).
describe('nsys SQLite importer on real exports', () => {
  it('every fixture imports', async () => {
    for (const file of fs.readdirSync(fixture('nsys'))) {
      const result = await importNsysSqlite(fixture('nsys', file));
      expect(result.traces).toHaveLength(1);
      expect(result.traces[0]!.spans.count).toBeGreaterThan(0);
    }
  });

  it('con_kernel.sqlite: 9 kernels, 11 memcpy (5 HtoD, 6 DtoH), 1 memset, 71 API calls, 5 streams, no NVTX table', async () => {
    const { traces, profiles } = await importNsysSqlite(fixture('nsys', 'con_kernel.sqlite'));
    const trace = traces[0]!;
    expect(countKinds(trace)).toEqual({ Kernel: 9, Memcpy: 11, Memset: 1, Runtime: 71 });
    const copies = spansOfKind(trace, SpanKind.Memcpy).map((i) => trace.spans.copyKind[i]);
    expect(copies.filter((k) => k === CopyKind.HtoD)).toHaveLength(5);
    expect(copies.filter((k) => k === CopyKind.DtoH)).toHaveLength(6);
    expect(trace.tracks.filter((t) => t.kind === 'gpu-stream')).toHaveLength(5);
    // 18 of the 21 GPU activities have a CUDA API call with their correlationId.
    expect(trace.flows.count).toBe(18);
    expect(profiles).toHaveLength(0);
  });

  it('con_kernel.sqlite: one launch configuration row per kernel (SELECT start, gridX, blockX, registersPerThread FROM CUPTI_ACTIVITY_KIND_KERNEL)', async () => {
    const trace = (await importNsysSqlite(fixture('nsys', 'con_kernel.sqlite'))).traces[0]!;
    const k = trace.kernelInfo!;
    expect(k.count).toBe(9);
    expect(Array.from(k.span)).toEqual(spansOfKind(trace, SpanKind.Kernel));
    const gridXByStart = new Map(Array.from(k.span, (span, row) => [trace.spans.start[span], k.gridX[row]]));
    expect(gridXByStart.get(533241319)).toBe(18);
    expect(gridXByStart.get(529596644)).toBe(1);
    expect(Array.from(k.gridX).sort((a, b) => a - b)).toEqual([1, 1, 1, 1, 1, 1, 1, 18, 32]);
    expect(new Set(k.blockX)).toEqual(new Set([1024]));
    expect(new Set(k.registersPerThread)).toEqual(new Set([17]));
    expect(new Set(k.sharedMemoryBytes)).toEqual(new Set([0]));
  });

  it('profile4.sqlite: 12 kernels, 30 memcpy, 17 memset, 184 calls, 76 NVTX push/pop ranges, 15 streams', async () => {
    const { traces, warnings } = await importNsysSqlite(fixture('nsys', 'profile4.sqlite'));
    const trace = traces[0]!;
    expect(countKinds(trace)).toEqual({ Kernel: 12, Memcpy: 30, Memset: 17, Runtime: 184, Nvtx: 76 });
    expect(trace.tracks.filter((t) => t.kind === 'gpu-stream')).toHaveLength(15);
    expect(trace.tracks.filter((t) => t.kind === 'cpu-thread').map((t) => t.processName)).toEqual([
      'ParallelKernelsTest.exe',
    ]);
    expect(trace.flows.count).toBe(59);
    expect(warnings.join('\n')).toContain('nsys 2022.1.1.61');
    expect(warnings.join('\n')).toContain('de.tu-darmstadt.parallel.extra_prof');
    expect(trace.originNs).toBeCloseTo(1653929684707566100, -4);
  });

  it('profile4.sqlite: each kernel carries the innermost NVTX range enclosing its launch (checked by SQL)', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database(fs.readFileSync(fixture('nsys', 'profile4.sqlite')));
    const expected = db.exec(`
      SELECT k.start, (
        SELECT n.text FROM NVTX_EVENTS n
        WHERE n.eventType = 59 AND n.globalTid = r.globalTid AND n.start <= r.start AND n.end > r.start
        ORDER BY n.start DESC LIMIT 1) AS layer
      FROM CUPTI_ACTIVITY_KIND_KERNEL k JOIN CUPTI_ACTIVITY_KIND_RUNTIME r ON r.correlationId = k.correlationId
      ORDER BY k.start`)[0]!.values;
    db.close();
    const trace = (await importNsysSqlite(fixture('nsys', 'profile4.sqlite'))).traces[0]!;
    const kernels = spansOfKind(trace, SpanKind.Kernel).sort(
      (a, b) => trace.spans.start[a]! - trace.spans.start[b]!,
    );
    const actual = kernels.map((i) => [trace.spans.start[i], trace.strings[trace.spans.layer[i]!]]);
    expect(expected).toHaveLength(12);
    expect(actual).toEqual(expected);
    expect(actual[0]![1]).toBe('main->test_max_par->phase->kernel0');
  });

  it('profile4.sqlite: a per-layer profile of kernel time per NVTX range', async () => {
    const { profiles, traces } = await importNsysSqlite(fixture('nsys', 'profile4.sqlite'));
    const profile = profiles[0]!;
    expect(profile.traceId).toBe(traces[0]!.id);
    expect(profile.layers).toHaveLength(12);
    // sqlite3: SELECT end - start FROM CUPTI_ACTIVITY_KIND_KERNEL WHERE correlationId = (launch inside kernel2 of phase2)
    const kernel2 = profile.layers.find((l) => l.name === 'main->process->phase2->kernel2')!;
    expect(kernel2.stats.totalMs).toBeCloseTo(105.836452, 6);
    expect(profile.machine?.device?.name).toBe('GeForce GTX 1060 with Max-Q Design');
  });

  it('saxpy (nsys 2022.2): duplicate RUNTIME rows per correlationId merge, thread named by NVTX, MPI domain', async () => {
    const { traces, profiles } = await importNsysSqlite(
      fixture('nsys', 'saxpy-mpi-cuda_nsys_perlmutter0.sqlite'),
    );
    const trace = traces[0]!;
    // 95 RUNTIME rows, 57 distinct correlationIds; 22 push/pop ranges; 5 kernels, 15 memcpy, empty MEMSET.
    expect(countKinds(trace)).toEqual({ Kernel: 5, Memcpy: 15, Runtime: 57, Nvtx: 22 });
    expect(trace.warnings.join('\n')).toMatch(/38 duplicate CUDA API row/);
    expect(trace.tracks.find((t) => t.kind === 'cpu-thread')!.name).toBe('MPI Rank 0');
    expect(trace.tracks.filter((t) => t.kind === 'gpu-stream').map((t) => t.name)).toEqual([
      'GPU 0 (NVIDIA A100-SXM4-40GB) stream 7',
    ]);
    expect(trace.flows.count).toBe(20);
    const names = new Set(spansOfKind(trace, SpanKind.Nvtx).map((i) => trace.strings[trace.spans.name[i]!]));
    expect(names).toContain('MPI_Send [MPI]');
    expect(profiles[0]!.layers.map((l) => [l.name, l.stats.count])).toEqual([['saxpy', 5]]);
  });

  it('launch spans nest inside the NVTX ranges of their thread (depths from the projection)', async () => {
    const trace = (await importNsysSqlite(fixture('nsys', 'profile4.sqlite'))).traces[0]!;
    const flow = 0;
    const launch = trace.flows.from[flow]!;
    expect(trace.spans.kind[launch]).toBe(SpanKind.Runtime);
    // The first kernel row is kernel0 of test_max_par: its launch sits under main > test_max_par > phase > kernel0.
    expect(trace.spans.depth[launch]).toBe(4);
  });
});
