/**
 * The whole latency in one trace: pipeline stages around the model, with a profiled ONNX Runtime run
 * (from the real ResNet-18 profile fixture) and its layers inside each inference; ORT's copy nodes as
 * host/device copies.
 */
import { describe, expect, it } from 'vitest';
import { parseOrtProfile, importOrtProfile } from '../../../electron/core/importers/onnxruntime-profile';
import { CopyKind, SpanKind, type Trace } from '../../../electron/core/model/trace';
import { pipelineTrace, type PipelineSample } from '../../../electron/core/pipeline/pipeline-trace';
import { summarizeTrace } from '../../../electron/core/analysis/trace-summary';
import { fixture } from '../../helpers/fixtures';

const samples: PipelineSample[] = [0, 1, 2, 3, 4].map((i) => ({
  pre: [
    { stage: 'decode', ms: 2 + i * 0.1 },
    { stage: 'resize', ms: 1 },
  ],
  inferenceMs: 3.5,
  post: [{ stage: 'softmax-topk', ms: 0.2 }],
}));

function spansOf(trace: Trace, kind: SpanKind): number[] {
  return Array.from({ length: trace.spans.count }, (_, i) => i).filter((i) => trace.spans.kind[i] === kind);
}

describe('pipeline trace', () => {
  it('lays the stages of each input end to end on one pipeline track', () => {
    const trace = pipelineTrace(samples, 'p');
    expect(trace.tracks.map((t) => t.kind)).toEqual(['pipeline']);
    const inference = spansOf(trace, SpanKind.Inference);
    expect(inference.map((i) => trace.spans.duration[i])).toEqual([3.5e6, 3.5e6, 3.5e6, 3.5e6, 3.5e6]);
    const inputs = spansOf(trace, SpanKind.Other);
    expect(trace.spans.start[inputs[1]!]).toBeCloseTo(trace.spans.duration[inputs[0]!]!, 3);
    expect(trace.warnings).toEqual([]);
  });

  it("places one profiled run of the model, with its layers, at each input's inference", async () => {
    const ort = (await importOrtProfile(fixture('traces', 'ort_resnet18_cpu_2026-11-21_11-45-27_469.json')))
      .traces[0]!;
    const runs = spansOf(ort, SpanKind.Inference).map((i) => ort.spans.duration[i]!);
    expect(runs).toHaveLength(3);
    const trace = pipelineTrace(samples, 'whole', ort);
    expect(trace.tracks.map((t) => t.kind)).toEqual(['pipeline', ...ort.tracks.map((t) => t.kind)]);
    const { spans } = trace;
    const stages = spansOf(trace, SpanKind.Inference).filter((i) => spans.track[i] === 0);
    const modelRuns = spansOf(trace, SpanKind.Inference).filter((i) => spans.track[i] !== 0);
    expect(stages.map((i) => spans.duration[i])).toEqual([0, 1, 2, 0, 1].map((r) => runs[r]));
    expect(modelRuns.map((i) => spans.start[i])).toEqual(stages.map((i) => spans.start[i]));
    const layers = spansOf(trace, SpanKind.Layer);
    expect(layers).toHaveLength(5 * 25);
    for (const stage of stages) {
      const [from, to] = [spans.start[stage]!, spans.start[stage]! + spans.duration[stage]!];
      const inside = layers.filter(
        (i) => spans.start[i]! >= from && spans.start[i]! + spans.duration[i]! <= to,
      );
      expect(inside).toHaveLength(25);
    }
    // The stage links to its model run, and post-processing starts when the profiled run ends.
    expect(Array.from(trace.flows.from)).toEqual(stages);
    expect(Array.from(trace.flows.to)).toEqual(modelRuns);
    const post = spansOf(trace, SpanKind.PostProcess);
    expect(spans.start[post[0]!]).toBe(spans.start[stages[0]!]! + spans.duration[stages[0]!]!);
    expect(trace.warnings[0]).toMatch(
      /each inference stage is one of 3 profiled model run\(s\).*timed inside the pipeline/,
    );
    // Its summary holds the stages and the layers of one place.
    const summary = summarizeTrace(trace);
    expect(summary.stages.map((s) => s.name).sort()).toEqual(
      ['inference', 'model_run', 'post:softmax-topk', 'pre:decode', 'pre:resize'].sort(),
    );
    expect(summary.layers).toHaveLength(25);
  });

  it("marks ORT's copy nodes (a device provider's MemcpyFromHost / MemcpyToHost) as host/device copies", () => {
    const node = (name: string, op: string, ts: number, dur: number, outputSize: number) => ({
      cat: 'Node',
      name: `${name}_kernel_time`,
      ph: 'X',
      ts,
      dur,
      pid: 1,
      tid: 1,
      args: {
        op_name: op,
        provider: op.startsWith('Memcpy') ? 'CUDAExecutionProvider' : 'CPUExecutionProvider',
        output_size: String(outputSize),
      },
    });
    const events = [
      { cat: 'Session', name: 'model_run', ph: 'X', ts: 0, dur: 100, pid: 1, tid: 1, args: {} },
      node('Memcpy', 'MemcpyFromHost', 1, 10, 602112),
      node('conv', 'Conv', 12, 60, 3211264),
      node('Memcpy_token_1', 'MemcpyToHost', 80, 5, 4000),
    ];
    const { trace } = parseOrtProfile(events, 'cuda-profile.json');
    const copies = spansOf(trace, SpanKind.Memcpy);
    expect(copies.map((i) => [trace.spans.copyKind[i], trace.spans.bytes[i]])).toEqual([
      [CopyKind.HtoD, 602112],
      [CopyKind.DtoH, 4000],
    ]);
    expect(spansOf(trace, SpanKind.Layer)).toHaveLength(1);
    expect(summarizeTrace(trace).copies.map((c) => [c.name, c.totalBytes])).toEqual([
      ['HtoD', 602112],
      ['DtoH', 4000],
    ]);
  });
});
