/**
 * Runs the FP32 reference and each variant on the same evaluation inputs, input by input, and
 * compares them (accuracy.ts); with post-processing selected, also compares decoded boxes or classes
 * and records each engine's end-to-end pipeline (pre-processing, inference, post-processing).
 */
import path from 'node:path';
import type { PostprocessKind } from '../api';
import { throwIfCancelled, type ProgressSink } from '../model/progress';
import type { Backend, PreparedEngine } from '../backends/backend';
import type { AccuracyResult } from '../model/types';
import type { EvaluationSample } from '../pipeline/input-source';
import { PipelineRecorder } from '../pipeline/pipeline-timing';
import { postprocess } from '../pipeline/postprocess';
import { AccuracyAccumulator } from '../analysis/accuracy';
import type { SampleTally } from '../analysis/paired-difference';
import { cocoMeanAveragePrecision, type AnnotatedImage } from '../analysis/coco-map';
import type { CocoAnnotations } from '../importers/coco-annotations';
import { toSourcePixels } from '../pipeline/box-space';
import type { PostprocessResult } from '../pipeline/postprocess';

export interface AccuracyRunOptions {
  postprocess?: PostprocessKind;
  geometry?: { width: number; height: number };
  /** COCO annotations of (some of) the evaluation images: mAP@[0.5:0.95] per engine. */
  annotations?: { coco: CocoAnnotations; labels?: 'index' | 'category-id' };
}

export interface AccuracyRun {
  /** One per variant (the reference is not compared with itself). */
  results: AccuracyResult[];
  /** Per engine id, including the reference. */
  pipelines: Map<string, PipelineRecorder>;
  /**
   * Per variant (as results), each sample's share of the task metric, for a paired comparison of
   * two variants on the same samples (pairedDifference); null when the metric is not a ratio of counts.
   */
  sampleTallies: (SampleTally[] | null)[];
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
  const detector = kind !== 'none' && kind !== 'classifier';
  const accumulators = variants.map(() => new AccuracyAccumulator({ classifier: detector ? 'off' : 'auto' }));
  const pipelines = new Map([reference, ...variants].map((e) => [e.engine.id, new PipelineRecorder()]));

  const runTimed = async (engine: PreparedEngine, sample: EvaluationSample) => {
    const start = performance.now();
    const outputs = await backend.run(engine, sample.feeds, signal);
    const inferenceMs = performance.now() - start;
    const post = postprocess(kind, outputs, geometry);
    pipelines.get(engine.engine.id)!.add({ pre: sample.pre ?? [], inferenceMs, post: post.steps });
    return { outputs, post };
  };

  const annotated = new Map([reference, ...variants].map((e) => [e.engine.id, [] as AnnotatedImage[]]));
  const annotate = (engine: PreparedEngine, sample: EvaluationSample, post: PostprocessResult) => {
    const image = sample.images?.[0];
    const truth = image && options.annotations?.coco.byFile.get(path.basename(sample.id));
    if (!truth || !post.boxes || !post.boxSpace) return;
    const input = { width: geometry.inputWidth, height: geometry.inputHeight };
    const boxes = toSourcePixels(post.boxes, post.boxSpace, image, input);
    const ids = options.annotations!.coco.categoryIds;
    const detections =
      options.annotations!.labels === 'category-id'
        ? boxes
        : boxes.map((b) => ({ ...b, classId: ids[b.classId] ?? -1 }));
    annotated.get(engine.engine.id)!.push({ groundTruth: truth, detections });
  };

  for (const [index, sample] of samples.entries()) {
    throwIfCancelled(signal);
    progress({ stage: 'accuracy', fraction: index / samples.length, message: sample.id });
    const ref = await runTimed(reference, sample);
    annotate(reference, sample, ref.post);
    for (const [v, variant] of variants.entries()) {
      const got = await runTimed(variant, sample);
      accumulators[v]!.add(ref.outputs, got.outputs);
      if (ref.post.boxes && got.post.boxes) accumulators[v]!.addBoxes(ref.post.boxes, got.post.boxes);
      annotate(variant, sample, got.post);
    }
  }
  progress({ stage: 'accuracy', fraction: 1, message: `${samples.length} inputs` });
  const referenceImages = annotated.get(reference.engine.id)!;
  const referenceMap = referenceImages.length ? cocoMeanAveragePrecision(referenceImages) : NaN;
  const results = variants.map((variant, v) => {
    const result = accumulators[v]!.result(variant.variant.id, reference.variant.id);
    const images = annotated.get(variant.engine.id)!;
    if (options.annotations && images.length > 0) {
      result.map = {
        annotations: options.annotations.coco.file,
        images: images.length,
        reference: referenceMap,
        variant: cocoMeanAveragePrecision(images),
      };
    }
    return result;
  });
  return { results, pipelines, sampleTallies: accumulators.map((a) => a.sampleTallies()) };
}
