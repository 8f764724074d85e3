/**
 * The timeline's operations of the contract, called as every adapter calls them (handleOperation), on
 * the real profile4.sqlite: tracks grouped by process and device, level-of-detail windows, a kernel's
 * launch configuration against SQL over the file, an area aggregate against a plain scan, search.
 */
import type { Database } from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AllowedFolders } from '../../../electron/core/api/file-access';
import { handleOperation, type HandlerContext } from '../../../electron/core/api/handlers';
import { JobManager } from '../../../electron/core/jobs/job-manager';
import { openSqliteFile } from '../../../electron/core/importers/sqlite-database';
import { SpanKind, type Trace } from '../../../electron/core/model/trace';
import { FIXTURES, fixture, tempDir } from '../../helpers/fixtures';

const PROFILE4 = fixture('nsys', 'profile4.sqlite');

describe('timeline operations', () => {
  const context: HandlerContext = {
    files: new AllowedFolders(tempDir('trt-timeline-ops-'), [FIXTURES]),
    jobs: new JobManager(),
    transport: 'http',
    maxUploadBytes: null,
  };
  let trace: Trace;
  let db: Database;

  beforeAll(async () => {
    const opened = await handleOperation('openFiles', { paths: [PROFILE4] }, context);
    trace = opened.session.traces[0]!;
    db = await openSqliteFile(PROFILE4);
  });
  afterAll(() => db.close());

  it('lists the tracks grouped by process and device, streams in order', async () => {
    const overview = await handleOperation('traceOverview', { traceId: trace.id }, context);
    expect(overview.groups.map((group) => group.label)).toEqual([
      'ParallelKernelsTest.exe (pid 25752)',
      'GPU 0 (GeForce GTX 1060 with Max-Q Design)',
    ]);
    const streams = overview.groups[1]!.tracks.map((track) => track.streamId);
    expect(streams).toEqual([...streams].sort((a, b) => a! - b!));
    const [sqlStreams] = db.exec(
      'SELECT COUNT(DISTINCT streamId) FROM (SELECT streamId FROM CUPTI_ACTIVITY_KIND_KERNEL UNION SELECT streamId FROM CUPTI_ACTIVITY_KIND_MEMCPY UNION SELECT streamId FROM CUPTI_ACTIVITY_KIND_MEMSET)',
    );
    expect(streams).toHaveLength(Number(sqlStreams!.values[0]![0]));
    // The NVTX ranges nest on the main thread: it needs several rows.
    expect(overview.groups[0]!.tracks[0]!.lanes).toBeGreaterThan(2);
    const summary = await handleOperation('traceSummary', { traceId: trace.id }, context);
    expect(summary.kernels.length).toBeGreaterThan(0);
  });

  it('answers a window with at most one bucket per bucket width, every span accounted for', async () => {
    const overview = await handleOperation('traceOverview', { traceId: trace.id }, context);
    const tracks = overview.groups.flatMap((group) => group.tracks.map((track) => track.track));
    const width = overview.endNs - overview.startNs;
    const window = await handleOperation(
      'traceWindow',
      { traceId: trace.id, tracks, startNs: overview.startNs, endNs: overview.endNs, bucketNs: width / 1000 },
      context,
    );
    expect(Math.log2(window.bucketNs) % 1).toBe(0);
    let spans = 0;
    for (const lane of window.lanes) {
      expect(lane.count).toBeLessThanOrEqual(width / window.bucketNs + 3);
      for (let b = 0; b < lane.count; b++) {
        spans += lane.spanCount[b]!;
        expect(window.names[lane.name[b]!]).toBe(trace.strings[trace.spans.name[lane.span[b]!]!]);
      }
    }
    expect(spans).toBe(trace.spans.count);
  });

  it("gives a kernel's launch configuration as the export holds it", async () => {
    const kernel = Array.from({ length: trace.spans.count }, (_, i) => i).find(
      (i) => trace.spans.kind[i] === SpanKind.Kernel,
    )!;
    const { details } = await handleOperation('traceSpan', { traceId: trace.id, span: kernel }, context);
    const [row] = db.exec(
      `SELECT gridX, gridY, gridZ, blockX, blockY, blockZ, registersPerThread, staticSharedMemory + dynamicSharedMemory, streamId, end - start
       FROM CUPTI_ACTIVITY_KIND_KERNEL WHERE start = ${trace.spans.start[kernel]}`,
    );
    const [gx, gy, gz, bx, by, bz, registers, shared, stream, duration] = row!.values[0]!.map(Number);
    expect(details.launch).toEqual({
      grid: [gx, gy, gz],
      block: [bx, by, bz],
      registersPerThread: registers,
      sharedMemoryBytes: shared,
    });
    expect(details.streamId).toBe(stream);
    expect(details.durationNs).toBe(duration);
    expect(details.kind).toBe('kernel');
    // Its launch on the CPU thread links to it.
    expect(details.flows.map((flow) => [flow.direction, flow.name])).toEqual([['in', 'cudaLaunchKernel']]);
  });

  it('aggregates an area like a plain scan of the spans that overlap it', async () => {
    const overview = await handleOperation('traceOverview', { traceId: trace.id }, context);
    const gpu = overview.groups[1]!.tracks.map((track) => track.track);
    const [from, to] = [
      overview.startNs + (overview.endNs - overview.startNs) * 0.3,
      overview.startNs + (overview.endNs - overview.startNs) * 0.8,
    ];
    const aggregate = await handleOperation(
      'traceAggregate',
      { traceId: trace.id, tracks: gpu, startNs: from, endNs: to },
      context,
    );
    const expected = new Map<string, { count: number; total: number }>();
    const { spans } = trace;
    for (let i = 0; i < spans.count; i++) {
      const [start, end] = [spans.start[i]!, spans.start[i]! + spans.duration[i]!];
      if (!gpu.includes(spans.track[i]!) || start > to || !(end > from || start >= from)) continue;
      const name = trace.strings[spans.name[i]!]!;
      const row = expected.get(name) ?? { count: 0, total: 0 };
      expected.set(name, { count: row.count + 1, total: row.total + spans.duration[i]! });
    }
    expect(
      new Map(aggregate.rows.map((row) => [row.name, { count: row.count, total: row.totalNs }])),
    ).toEqual(expected);
    expect(aggregate.rows.reduce((sum, row) => sum + row.sharePercent, 0)).toBeCloseTo(100, 6);
  });

  it('finds spans by name in time order, and refuses an unknown trace with one line', async () => {
    const result = await handleOperation('traceSearch', { traceId: trace.id, text: 'TEST4' }, context);
    expect(result.total).toBe(2);
    expect(result.names).toEqual(['test4(double *, unsigned long long, unsigned long long)']);
    expect(result.matches[0]!.startNs).toBeLessThan(result.matches[1]!.startNs);
    await expect(handleOperation('traceOverview', { traceId: 'nope' }, context)).rejects.toThrow(
      /trace "nope" is not open here/,
    );
  });
});
