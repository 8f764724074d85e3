import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importChromeTrace } from '../../../electron/core/importers/chrome-trace';
import { importNsysSqlite } from '../../../electron/core/importers/nsys-sqlite';
import { importOrtProfile } from '../../../electron/core/importers/onnxruntime-profile';
import type { Trace } from '../../../electron/core/model/trace';
import {
  chromeTraceDocument,
  writeChromeTrace,
  type ChromeTraceEvent,
} from '../../../electron/core/report/chrome-trace-export';
import { fixture } from '../../helpers/fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chrome-export-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every span as text (name, start, duration, kind, layer, bytes, correlation), sorted. */
function spanSet(trace: Trace): string[] {
  const s = trace.spans;
  const rows: string[] = [];
  for (let i = 0; i < s.count; i++) {
    const layer = s.layer[i]! >= 0 ? trace.strings[s.layer[i]!] : '';
    rows.push(
      [
        trace.strings[s.name[i]!],
        s.start[i],
        s.duration[i],
        s.kind[i],
        layer,
        s.bytes[i],
        s.correlation[i],
      ].join('|'),
    );
  }
  return rows.sort();
}

/** Flows as "from span text -> to span text", sorted. */
function flowSet(trace: Trace): string[] {
  const text = (i: number): string => `${trace.strings[trace.spans.name[i]!]}@${trace.spans.start[i]}`;
  const rows: string[] = [];
  for (let f = 0; f < trace.flows.count; f++)
    rows.push(`${text(trace.flows.from[f]!)}->${text(trace.flows.to[f]!)}`);
  return rows.sort();
}

/** X events on each (pid, tid) must nest: what Perfetto and chrome://tracing need of one thread. */
function expectNestingPerThread(events: ChromeTraceEvent[]): void {
  const byThread = new Map<string, { ts: number; end: number }[]>();
  for (const e of events.filter((e) => e.ph === 'X')) {
    const key = `${String(e.pid)}:${String(e.tid)}`;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key)!.push({ ts: e.ts as number, end: (e.ts as number) + (e.dur as number) });
  }
  for (const slices of byThread.values()) {
    slices.sort((a, b) => a.ts - b.ts || b.end - a.end);
    const open: number[] = [];
    for (const slice of slices) {
      while (open.length > 0 && open[open.length - 1]! <= slice.ts) open.pop();
      if (open.length > 0) expect(slice.end).toBeLessThanOrEqual(open[open.length - 1]! + 1e-9);
      open.push(slice.end);
    }
  }
}

const sources: [string, () => Promise<Trace>][] = [
  ['nsys profile4', async () => (await importNsysSqlite(fixture('nsys', 'profile4.sqlite'))).traces[0]!],
  ['nsys con_kernel', async () => (await importNsysSqlite(fixture('nsys', 'con_kernel.sqlite'))).traces[0]!],
  [
    'nsys saxpy',
    async () =>
      (await importNsysSqlite(fixture('nsys', 'saxpy-mpi-cuda_nsys_perlmutter0.sqlite'))).traces[0]!,
  ],
  [
    'Kineto AlexNet',
    async () =>
      (await importChromeTrace(fixture('traces', 'hta_alexnet_a100_inference_trace.json.gz'))).traces[0]!,
  ],
  [
    'ORT ResNet-18',
    async () =>
      (await importOrtProfile(fixture('traces', 'ort_resnet18_cpu_2026-11-21_11-45-27_469.json'))).traces[0]!,
  ],
];

describe('Chrome trace export', () => {
  it.each(sources)(
    '%s: written, read back through the Chrome trace importer with the same spans and flows',
    async (label, load) => {
      const trace = await load();
      const file = path.join(dir, `${label.replace(/\W/g, '_')}.json`);
      writeChromeTrace(trace, file);
      const back = (await importChromeTrace(file)).traces[0]!;
      expect(back.spans.count).toBe(trace.spans.count);
      expect(spanSet(back)).toEqual(spanSet(trace));
      expect(back.flows.count).toBe(trace.flows.count);
      expect(flowSet(back)).toEqual(flowSet(trace));
      expect(back.id).toBe(trace.id);
      expect(back.source).toBe(trace.source);
      expect(back.originNs).toBe(trace.originNs);
      expect(back.warnings).toEqual([]);
    },
  );

  it.each(sources)(
    '%s: every thread nests, every span has a named thread and process',
    async (_label, load) => {
      const trace = await load();
      const events = chromeTraceDocument(trace).traceEvents as ChromeTraceEvent[];
      expectNestingPerThread(events);
      const threadNames = new Set(
        events.filter((e) => e.name === 'thread_name').map((e) => `${String(e.pid)}:${String(e.tid)}`),
      );
      const processNames = new Set(events.filter((e) => e.name === 'process_name').map((e) => String(e.pid)));
      for (const e of events.filter((e) => e.ph === 'X')) {
        expect(threadNames.has(`${String(e.pid)}:${String(e.tid)}`)).toBe(true);
        expect(processNames.has(String(e.pid))).toBe(true);
      }
    },
  );

  it('nsys profile4: one tid per GPU stream, NVTX ranges and API calls nested on the CPU thread, ns precision', async () => {
    const trace = (await importNsysSqlite(fixture('nsys', 'profile4.sqlite'))).traces[0]!;
    const events = chromeTraceDocument(trace).traceEvents as ChromeTraceEvent[];
    const names = events
      .filter((e) => e.name === 'thread_name')
      .map((e) => (e.args as { name: string }).name);
    expect(names.filter((n) => /stream \d+$/.test(n))).toHaveLength(15);
    const kernelThreads = new Set(
      events.filter((e) => e.cat === 'kernel').map((e) => `${String(e.pid)}:${String(e.tid)}`),
    );
    expect(kernelThreads.size).toBe(10); // kernels ran on 10 distinct streams (sqlite3: SELECT DISTINCT streamId)
    const nvtxThreads = new Set(events.filter((e) => e.cat === 'nvtx').map((e) => e.tid));
    const apiThreads = new Set(events.filter((e) => e.cat === 'cuda_runtime').map((e) => e.tid));
    expect([...nvtxThreads]).toEqual([...apiThreads]);
    // First NVTX range (domain create aside): start 150503823 ns -> ts 150503.823 µs.
    const main = events.find(
      (e) => e.cat === 'nvtx' && e.name === 'main [de.tu-darmstadt.parallel.extra_prof]',
    )!;
    expect(main.ts).toBe(150503.823);
    expect(events.filter((e) => e.ph === 's')).toHaveLength(59);
    expect(events.filter((e) => e.ph === 'f' && e.bp === 'e')).toHaveLength(59);
  });

  it('nsys con_kernel: launch configuration in the args of kernel events only (sqlite3: gridX of test2 is 18)', async () => {
    const trace = (await importNsysSqlite(fixture('nsys', 'con_kernel.sqlite'))).traces[0]!;
    const events = chromeTraceDocument(trace).traceEvents as ChromeTraceEvent[];
    const kernels = events.filter((e) => e.cat === 'kernel');
    expect(kernels).toHaveLength(9);
    const test2 = kernels.find((e) => e.ts === 533241.319)!;
    expect(test2.args).toMatchObject({
      grid: [18, 1, 1],
      block: [1024, 1, 1],
      registersPerThread: 17,
      sharedMemoryBytes: 0,
    });
    const others = events.filter((e) => e.ph === 'X' && e.cat !== 'kernel');
    expect(others.length).toBeGreaterThan(0);
    expect(others.some((e) => (e.args as Record<string, unknown> | undefined)?.grid)).toBe(false);
  });
});
