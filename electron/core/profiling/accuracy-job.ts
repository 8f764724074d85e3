/**
 * The `accuracy` job: an FP32 reference model and variant files judged on the same evaluation inputs,
 * optionally layer by layer. Variants are files already made (by `profile` or another tool).
 */
import path from 'node:path';
import type { AccuracyJob } from '../api';
import type { PreparedEngine } from '../backends/backend';
import type { ProgressSink } from '../model/progress';
import { OnnxRuntimeBackend } from '../backends/onnxruntime';
import type { AccuracyResult, Variant } from '../model/types';
import { readOnnx } from '../onnx/reader';
import { loadEvaluationSamples } from '../pipeline/input-source';
import { detectPostprocess } from '../pipeline/postprocess';
import { fixedInputsFrom } from '../pipeline/input-values';
import { modelInputs } from '../pipeline/model-inputs';
import { readCocoAnnotations } from '../importers/coco-annotations';
import { compareOnInputs } from './accuracy-run';
import { perLayerAccuracy } from './accuracy-per-layer';
import { evaluationSourceOf } from '../analysis/accuracy-view';

function fileVariant(file: string, index: number): Variant {
  return {
    id: index === 0 ? 'reference' : path.basename(file),
    precision: 'unknown',
    modelSha256: '',
    onnxPath: file,
    recipe: {},
    keptHigherPrecision: [],
    notes: [],
  };
}

export async function runAccuracyJob(
  job: AccuracyJob,
  progress: ProgressSink,
  signal?: AbortSignal,
): Promise<{ accuracy: AccuracyResult[] }> {
  const reference = readOnnx(job.referencePath);
  const fixedInputs = fixedInputsFrom(job.inputs, modelInputs(reference), job.shapes);
  const backend = new OnnxRuntimeBackend();
  const files = [job.referencePath, ...job.variantPaths];
  const engines: PreparedEngine[] = [];
  try {
    for (const [index, file] of files.entries()) {
      const options = { shapes: job.shapes, threads: job.threads, fixedInputs };
      engines.push(await backend.prepare(fileVariant(file, index), file, options, progress, signal));
    }
    const { samples, geometry } = await loadEvaluationSamples(
      job.evaluation,
      reference,
      { shapes: job.shapes, image: job.image, limit: job.evaluationLimit, inputs: job.inputs },
      signal,
    );
    const [ref, ...variants] = engines;
    const annotations = job.annotations && {
      coco: readCocoAnnotations(job.annotations.path),
      labels: job.annotations.labels,
    };
    const options = { postprocess: job.postprocess ?? detectPostprocess(reference), geometry, annotations };
    const run = await compareOnInputs(backend, ref!, variants, samples, options, progress, signal);
    for (const result of run.results) result.evaluation = evaluationSourceOf(job.evaluation);
    if (job.perLayer) {
      const inputs = samples.map((s) => s.feeds);
      for (const [index, result] of run.results.entries()) {
        progress({
          stage: 'per-layer',
          fraction: index / run.results.length,
          message: job.variantPaths[index],
        });
        const variant = readOnnx(job.variantPaths[index]!);
        Object.assign(
          result,
          await perLayerAccuracy(reference, variant, inputs, { threads: job.threads }, signal),
        );
      }
    }
    return { accuracy: run.results };
  } finally {
    for (const engine of engines) await backend.release(engine);
  }
}
