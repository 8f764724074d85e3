/**
 * The whole latency of each evaluated input in one Trace: its pre-processing stages, the inference, and
 * its post-processing stages on a 'pipeline' track, and, when the backend recorded a trace of profiled
 * model runs (ONNX Runtime's node times, host/device copies, kernels), one of those runs placed at the
 * inference, on the backend trace's own tracks, so the model's layers sit inside the pipeline that
 * feeds them.
 *
 * The stages were measured one input at a time and are laid end to end (the gaps between them are not
 * known). The profiled runs were measured separately, with the profiler on; where they exist the
 * inference stage is the profiled run itself (its layers nest inside it) and the trace says how it
 * compares with the inference timed inside the pipeline.
 */
import { SpanKind, type Trace } from '../model/trace';
import { TraceBuilder } from '../model/trace-builder';

import type { StageTime } from './image-preprocess';

/** One input's pipeline as measured (pipeline-timing.ts records them). */
export interface PipelineSample {
  /** Pre-processing stages of this input, in the order they ran. */
  pre: StageTime[];
  inferenceMs: number;
  /** Post-processing stages (e.g. 'decode', 'nms' or 'softmax-topk'). */
  post: { stage: string; ms: number }[];
}

const MS_TO_NS = 1e6;

/** A profiled run of the model trace: its span (kind Inference) and every span that starts inside it. */
interface ModelRun {
  startNs: number;
  durationNs: number;
  spans: number[];
}

/** Model runs of a backend trace: its Inference spans (ONNX Runtime's model_run), each with its contents. */
function modelRuns(trace: Trace): ModelRun[] {
  const { spans } = trace;
  const order = Array.from({ length: spans.count }, (_, i) => i).filter((i) =>
    Number.isFinite(spans.start[i]!),
  );
  order.sort((a, b) => spans.start[a]! - spans.start[b]! || spans.duration[b]! - spans.duration[a]!);
  const runs: ModelRun[] = [];
  let current: ModelRun | undefined;
  for (const i of order) {
    const start = spans.start[i]!;
    if (spans.kind[i] === SpanKind.Inference && (!current || start >= current.startNs + current.durationNs)) {
      current = { startNs: start, durationNs: Math.max(spans.duration[i]!, 0), spans: [] };
      runs.push(current);
    }
    if (current && (start < current.startNs + current.durationNs || start === current.startNs))
      current.spans.push(i);
  }
  return runs;
}

/** Copies the backend trace's tracks into the builder; returns the new track index of each. */
function copyTracks(builder: TraceBuilder, trace: Trace): number[] {
  return trace.tracks.map(({ id: _id, ...track }) => builder.addTrack(track));
}

/** Adds one profiled run shifted to start at `atNs`; returns the index of its Inference span, or -1. */
function addRun(builder: TraceBuilder, trace: Trace, run: ModelRun, tracks: number[], atNs: number): number {
  const { spans, strings } = trace;
  const shift = atNs - run.startNs;
  const added = new Map<number, number>();
  let inference = -1;
  for (const i of run.spans) {
    const index = builder.addSpan({
      startNs: spans.start[i]! + shift,
      durationNs: spans.duration[i]!,
      track: tracks[spans.track[i]!]!,
      name: strings[spans.name[i]!] ?? '',
      kind: spans.kind[i]!,
      depth: spans.depth[i]!,
      correlation: spans.correlation[i]!,
      ...(spans.layer[i]! >= 0 && { layer: strings[spans.layer[i]!]! }),
      bytes: spans.bytes[i]!,
      copyKind: spans.copyKind[i]!,
    });
    added.set(i, index);
    if (inference < 0 && spans.kind[i] === SpanKind.Inference) inference = index;
  }
  const { flows } = trace;
  for (let f = 0; f < flows.count; f++) {
    const from = added.get(flows.from[f]!);
    const to = added.get(flows.to[f]!);
    if (from !== undefined && to !== undefined) builder.addFlow(from, to);
  }
  return inference;
}

/**
 * One trace of the samples, one input after another: `input i` spans the whole input, its stages nest
 * under it. With `modelTrace`, input i's inference is profiled run i (cycling when there are fewer runs).
 */
export function pipelineTrace(samples: PipelineSample[], id: string, modelTrace?: Trace): Trace {
  const builder = new TraceBuilder(samples.length * 10);
  const track = builder.addTrack({ kind: 'pipeline', name: 'pipeline' });
  const runs = modelTrace ? modelRuns(modelTrace) : [];
  const modelTracks = modelTrace && runs.length > 0 ? copyTracks(builder, modelTrace) : [];
  let cursorNs = 0;
  let profiledNs = 0;
  let measuredNs = 0;
  samples.forEach((sample, index) => {
    const run = runs.length > 0 ? runs[index % runs.length] : undefined;
    const inferenceNs = run ? run.durationNs : sample.inferenceMs * MS_TO_NS;
    profiledNs += inferenceNs;
    measuredNs += sample.inferenceMs * MS_TO_NS;
    const steps = [
      ...sample.pre.map((s) => ({ name: `pre:${s.stage}`, ns: s.ms * MS_TO_NS, kind: SpanKind.PreProcess })),
      { name: 'inference', ns: inferenceNs, kind: SpanKind.Inference },
      ...sample.post.map((s) => ({
        name: `post:${s.stage}`,
        ns: s.ms * MS_TO_NS,
        kind: SpanKind.PostProcess,
      })),
    ];
    const totalNs = steps.reduce((sum, s) => sum + s.ns, 0);
    builder.addSpan({
      startNs: cursorNs,
      durationNs: totalNs,
      track,
      name: `input ${index}`,
      kind: SpanKind.Other,
    });
    let at = cursorNs;
    for (const step of steps) {
      const stage = builder.addSpan({
        startNs: at,
        durationNs: step.ns,
        track,
        name: step.name,
        kind: step.kind,
        depth: 1,
      });
      if (run && step.kind === SpanKind.Inference) {
        const modelRun = addRun(builder, modelTrace!, run, modelTracks, at);
        if (modelRun >= 0) builder.addFlow(stage, modelRun);
      }
      at += step.ns;
    }
    cursorNs = at;
  });
  if (runs.length > 0 && samples.length > 0) {
    const perInput = (ns: number) => `${(ns / samples.length / MS_TO_NS).toFixed(3)} ms`;
    builder.warnings.push(
      `each inference stage is one of ${runs.length} profiled model run(s) of ${modelTrace!.id}, placed there with its layers: ` +
        `${perInput(profiledNs)} per input, against ${perInput(measuredNs)} when the inference was timed inside the pipeline ` +
        `(without the profiler); the stage timings keep the pipeline's figure`,
    );
  }
  return builder.build({ id, source: 'pipeline' });
}
