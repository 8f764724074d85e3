import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../../electron/core/errors';
import { importChromeTrace } from '../../../electron/core/importers/chrome-trace';
import { detectFile } from '../../../electron/core/importers/detect-file';
import { SpanKind, type Trace } from '../../../electron/core/model/trace';
import { fixture } from '../../helpers/fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chrome-trace-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function kindCount(trace: Trace, kind: SpanKind): number {
  let count = 0;
  for (let i = 0; i < trace.spans.count; i++) if (trace.spans.kind[i] === kind) count++;
  return count;
}

const nameOf = (trace: Trace, span: number): string => trace.strings[trace.spans.name[span]!]!;

async function expectStudioError(file: string, message: RegExp): Promise<void> {
  const error = await importChromeTrace(file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StudioError);
  expect((error as StudioError).file).toBe(file);
  expect((error as StudioError).problem).toMatch(message);
}

// Counts from jq over the gunzipped fixtures, e.g.
// zcat f | jq '[.traceEvents[] | select(.ph=="X") | .cat] | group_by(.) | map([.[0], length])'
describe('Chrome trace / Kineto importer on real traces', () => {
  it('HTA AlexNet (Kineto, gzip): 868 X events, 79 kernels, 16 memcpy, 3 memset, 361 runtime, 139 complete ac2g flows', async () => {
    const file = fixture('traces', 'hta_alexnet_a100_inference_trace.json.gz');
    expect(detectFile(file).kind).toBe('chrome-trace');
    const trace = (await importChromeTrace(file)).traces[0]!;
    expect(trace.source).toBe('kineto');
    expect(trace.spans.count).toBe(868);
    expect(kindCount(trace, SpanKind.Kernel)).toBe(79);
    expect(kindCount(trace, SpanKind.Memcpy)).toBe(16);
    expect(kindCount(trace, SpanKind.Memset)).toBe(3);
    expect(kindCount(trace, SpanKind.Runtime)).toBe(361);
    expect(kindCount(trace, SpanKind.Cpu)).toBe(359);
    // 345 f and 155 s events: 139 ids have both ends, 206 only an f, 16 only an s.
    expect(trace.flows.count).toBe(139);
    expect(trace.warnings.join('\n')).toMatch(/222 flow\(s\) with only a start or only a finish/);
    expect(trace.warnings.join('\n')).toMatch(/2 instant event\(s\) not shown/);
    // Every flow starts at a CUDA runtime call and ends at each of the 79 kernels, 16 copies, 3 memsets
    // and 41 cuda_sync events on the GPU streams (79 + 16 + 3 + 41 = 139).
    const targets: Record<string, number> = {};
    for (let f = 0; f < trace.flows.count; f++) {
      expect(trace.spans.kind[trace.flows.from[f]!]).toBe(SpanKind.Runtime);
      const kind = SpanKind[trace.spans.kind[trace.flows.to[f]!]!]!;
      targets[kind] = (targets[kind] ?? 0) + 1;
    }
    expect(targets).toEqual({ Kernel: 79, Memcpy: 16, Memset: 3, Other: 41 });
    const streams = trace.tracks.filter((t) => t.kind === 'gpu-stream').map((t) => t.name);
    expect(streams).toEqual(['stream 7', 'stream 20']);
    expect(trace.tracks[0]!.processName).toBe('python3.10 (CPU)');
  });

  it('HTA Triton example: 8 spans, the one complete flow goes cuLaunchKernel -> the Triton kernel', async () => {
    const trace = (await importChromeTrace(fixture('traces', 'hta_triton_example.json.gz'))).traces[0]!;
    expect(trace.spans.count).toBe(8);
    expect(trace.flows.count).toBe(1);
    expect(nameOf(trace, trace.flows.from[0]!)).toBe('cuLaunchKernel');
    expect(nameOf(trace, trace.flows.to[0]!)).toBe('triton_poi_fused_add_cos_sin_0');
    const kernel = trace.flows.to[0]!;
    expect(trace.spans.duration[kernel]).toBe(1760); // dur 1.76 µs
    // ts are µs on a monotonic clock: no wall-clock origin.
    expect(trace.originNs).toBeUndefined();
    // Nesting: cuLaunchKernel sits inside the compiled region and the triton cpu_op.
    expect(trace.spans.depth[trace.flows.from[0]!]).toBe(2);
  });

  it('every file in fixtures/traces imports through the registry formats', async () => {
    for (const file of fs.readdirSync(fixture('traces'))) {
      const result = await importChromeTrace(fixture('traces', file));
      expect(result.traces[0]!.spans.count).toBeGreaterThan(0);
    }
  });

  it('B/E pairs become spans with nesting; metadata names tracks', async () => {
    const file = write(
      'be.json',
      JSON.stringify({
        traceEvents: [
          { ph: 'M', name: 'thread_name', pid: 1, tid: 2, args: { name: 'worker' } },
          { ph: 'B', name: 'outer', pid: 1, tid: 2, ts: 10 },
          { ph: 'B', name: 'inner', pid: 1, tid: 2, ts: 12.5 },
          { ph: 'E', pid: 1, tid: 2, ts: 13.25 },
          { ph: 'E', pid: 1, tid: 2, ts: 20 },
          { ph: 'C', name: 'memory', pid: 1, ts: 11, args: { bytes: 5 } },
        ],
      }),
    );
    const trace = (await importChromeTrace(file)).traces[0]!;
    expect(trace.tracks.map((t) => t.name)).toEqual(['worker']);
    const spans = [0, 1].map((i) => [
      nameOf(trace, i),
      trace.spans.start[i],
      trace.spans.duration[i],
      trace.spans.depth[i],
    ]);
    expect(spans).toEqual([
      ['inner', 2500, 750, 1],
      ['outer', 0, 10000, 0],
    ]);
    expect(trace.warnings.join()).toMatch(/1 counter event\(s\) not shown/);
  });
});

describe('Chrome trace importer on bad input', () => {
  it('truncated JSON is a StudioError that says so', async () => {
    const text = zlib.gunzipSync(fs.readFileSync(fixture('traces', 'hta_triton_example.json.gz'))).toString();
    await expectStudioError(
      write('cut.json', text.slice(0, text.length / 2)),
      /not valid JSON \(the file looks truncated\)/,
    );
  });

  it('a .gz that is not gzip, and a corrupt gzip, are StudioErrors', async () => {
    await expectStudioError(
      write('plain.json.gz', '{"traceEvents": []}'),
      /named \.gz but not gzip-compressed/,
    );
    const gz = fs.readFileSync(fixture('traces', 'hta_triton_example.json.gz'));
    await expectStudioError(
      write('cut.json.gz', gz.subarray(0, gz.length - 100)),
      /corrupt or truncated gzip/,
    );
  });

  it('a file of another tool (trtexec --exportProfile) is a StudioError, not an empty trace', async () => {
    const profile = fixture('trtexec', 'trt10__resnet18_fp16.profile.json');
    await expectStudioError(profile, /no duration events/);
    await expectStudioError(write('object.json', '{"Layers": []}'), /not a Chrome trace/);
  });

  it('wrong types, NaN-like, infinite and huge numbers are skipped with a warning, never passed on', async () => {
    const file = write(
      'mixed.json',
      '[{"ph":"X","name":"good","ts":1,"dur":2,"pid":1,"tid":1},' +
        '{"ph":"X","name":"inf","ts":1e999,"dur":2},{"ph":"X","name":"nan","ts":"NaN","dur":1},' +
        '{"ph":"X","name":"neg","ts":3,"dur":-1},{"ph":"X","name":"huge","ts":3,"dur":1e300},' +
        '{"ph":"X","ts":{},"dur":1}, 7, null, {"ph":"E","ts":5}]',
    );
    const trace = (await importChromeTrace(file)).traces[0]!;
    expect(trace.spans.count).toBe(1);
    expect(trace.warnings.join('\n')).toMatch(
      new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 7 malformed event`),
    );
    expect(trace.warnings.join('\n')).toMatch(/1 "E" event\(s\) without a matching "B"/);
  });

  it('fuzz: any JSON value as a trace gives a StudioError or a trace with finite columns', async () => {
    const event = fc.record(
      {
        ph: fc.constantFrom('X', 'B', 'E', 'M', 's', 'f', 'C', 'i', 'q'),
        name: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        ts: fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(null)),
        dur: fc.oneof(fc.double(), fc.nat(), fc.string()),
        pid: fc.oneof(fc.integer(), fc.string()),
        tid: fc.oneof(fc.integer(), fc.string()),
        id: fc.oneof(fc.integer(), fc.string()),
        cat: fc.constantFrom('kernel', 'cuda_runtime', 'ac2g', 'x'),
        args: fc.oneof(fc.object(), fc.constant(null)),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.array(event), fc.record({ traceEvents: fc.array(event) }), fc.jsonValue()),
        async (doc) => {
          const file = write('fuzz.json', JSON.stringify(doc) ?? 'null');
          try {
            const trace = (await importChromeTrace(file)).traces[0]!;
            for (let i = 0; i < trace.spans.count; i++) {
              expect(Number.isFinite(trace.spans.start[i]) && Number.isFinite(trace.spans.duration[i])).toBe(
                true,
              );
              expect(trace.spans.duration[i]).toBeGreaterThanOrEqual(0);
            }
          } catch (error) {
            expect(error).toBeInstanceOf(StudioError);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
