/**
 * Runs the FP32 reference and each variant on the same evaluation inputs, input by input, and
 * compares them (accuracy.ts); with post-processing selected, also compares decoded boxes or classes
 * and records each engine's end-to-end pipeline (pre-processing, inference, post-processing).
 */
import type { PostprocessKind } from '../api';
import { throwIfCancelled, type ProgressSink } from '../model/progress';
import type { Backend, PreparedEngine } from '../backends/backend';
import type { AccuracyResult } from '../model/types';
import type { EvaluationSample } from '../pipeline/input-source';
import { PipelineRecorder } from '../pipeline/pipeline-timing';
import { postprocess } from '../pipeline/postprocess';
import { AccuracyAccumulator } from '../analysis/accuracy';

export interface AccuracyRunOptions {
  postprocess?: PostprocessKind;
  geometry?: { width: number; height: number };
}

export interface AccuracyRun {
  /** One per variant (the reference is not compared with itself). */
  results: AccuracyResult[];
  /** Per engine id, including the reference. */
  pipelines: Map<string, PipelineRecorder>;
}

export async function compareOnInputs(
  backend: Backend,
  reference: PreparedEngine,
  variants: PreparedEngine[],
  samples: EvaluationSample[],
  options: AccuracyRunOptions,
  progress: ProgressSink,
  signal?: AbortSignal,
): Promise<AccuracyRun> {
  const kind = options.postprocess ?? 'none';
  const geometry = { inputWidth: options.geometry?.width ?? 0, inputHeight: options.geometry?.height ?? 0 };
  const accumulators = variants.map(() => new AccuracyAccumulator());
  const pipelines = new Map([reference, ...variants].map((e) => [e.engine.id, new PipelineRecorder()]));

  const runTimed = async (engine: PreparedEngine, sample: EvaluationSample) => {
    const start = performance.now();
    const outputs = await backend.run(engine, sample.feeds, signal);
    const inferenceMs = performance.now() - start;
    const post = postprocess(kind, outputs, geometry);
    pipelines.get(engine.engine.id)!.add({ pre: sample.pre ?? [], inferenceMs, post: post.steps });
    return { outputs, post };
  };

  for (const [index, sample] of samples.entries()) {
    throwIfCancelled(signal);
    progress({ stage: 'accuracy', fraction: index / samples.length, message: sample.id });
    const ref = await runTimed(reference, sample);
    for (const [v, variant] of variants.entries()) {
      const got = await runTimed(variant, sample);
      accumulators[v]!.add(ref.outputs, got.outputs);
      if (ref.post.boxes && got.post.boxes) accumulators[v]!.addBoxes(ref.post.boxes, got.post.boxes);
    }
  }
  progress({ stage: 'accuracy', fraction: 1, message: `${samples.length} inputs` });
  const results = variants.map((variant, v) =>
    accumulators[v]!.result(variant.variant.id, reference.variant.id),
  );
  return { results, pipelines };
}
