/**
 * Every input a profile job will use, opened and checked before the first variant is made: the input
 * specs against the model, the calibration source (files exist, arrays match the inputs and dtypes,
 * at least one sample), and the evaluation samples (loaded in full: every image decodes). A problem
 * is one StudioError naming the file or flag, raised before any work is spent.
 */
import path from 'node:path';
import type { PostprocessKind, ProfileJob } from '../api';
import { StudioError } from '../errors';
import { readCocoAnnotations, type CocoAnnotations } from '../importers/coco-annotations';
import type { OnnxModel } from '../onnx/graph';
import {
  loadCalibrationSource,
  loadEvaluationSamples,
  type CalibrationSource,
  type EvaluationSample,
} from '../pipeline/input-source';
import { fixedInputsFrom, type FixedInputs } from '../pipeline/input-values';
import { detectPostprocess } from '../pipeline/postprocess';
import { modelInputs } from '../pipeline/model-inputs';
import type { CalibrationSelector } from './calibration-selection';
import { DEFAULT_RANDOM_EVAL } from './profile-defaults';

export interface JobInputs {
  /** Present when the job makes an INT8 variant. */
  calibration?: CalibrationSource;
  evaluation: {
    spec: string;
    samples: EvaluationSample[];
    geometry?: { width: number; height: number };
  };
  /** What timing runs feed the inputs with a spec. */
  fixedInputs?: FixedInputs;
  /** The evaluation images' annotations, read and checked up front. */
  annotations?: { coco: CocoAnnotations; labels?: 'index' | 'category-id' };
  /** Made on the first INT8 variant with automatic calibration, shared by the next INT8 target. */
  calibrationSelector?: CalibrationSelector;
  /** The job's post-processing, or the one the model's outputs call for (a DETR's) when it names none. */
  postprocess: PostprocessKind;
  /** Facts the user should read (and the session keep): random evaluation data, the post-processing found. */
  notes: string[];
}

function sameSource(a: string, b: string): boolean {
  const target = (spec: string) => path.resolve(spec.slice(spec.indexOf(':') + 1));
  const kind = (spec: string) => spec.slice(0, spec.indexOf(':'));
  return kind(a) === kind(b) && kind(a) !== 'random' && target(a) === target(b);
}

export async function openJobInputs(
  job: ProfileJob,
  model: OnnxModel,
  signal?: AbortSignal,
): Promise<JobInputs> {
  const inputs = modelInputs(model);
  const fixedInputs = fixedInputsFrom(job.inputs, inputs, job.shapes);
  const int8 = job.precisions.includes('int8');
  if (int8 && !job.calibration) {
    throw new StudioError(
      job.modelPath,
      'int8 needs calibration data: give --calib random:N, npy:DIR or images:DIR',
    );
  }
  if (job.calibration && job.evaluation && sameSource(job.calibration, job.evaluation)) {
    throw new StudioError(
      job.evaluation,
      'the evaluation data is the calibration data: judge accuracy on inputs the calibration never saw',
    );
  }
  const calibration =
    int8 && job.calibration
      ? loadCalibrationSource(job.calibration, inputs, {
          shapes: job.shapes,
          image: job.image,
          inputs: job.inputs,
          limit: job.calibrationLimit,
        })
      : undefined;
  const spec = job.evaluation ?? DEFAULT_RANDOM_EVAL;
  const notes = job.evaluation
    ? []
    : [
        `accuracy judged on ${DEFAULT_RANDOM_EVAL.split(':')[1]} seeded random inputs: give --eval images:DIR for real inputs`,
      ];
  const loaded = await loadEvaluationSamples(
    spec,
    model,
    { shapes: job.shapes, image: job.image, limit: job.evaluationLimit, inputs: job.inputs },
    signal,
  );
  if (loaded.samples.length === 0) throw new StudioError(spec, 'holds no evaluation samples');
  const detected = job.postprocess ? undefined : detectPostprocess(model);
  if (detected)
    notes.push(
      `post-processing: ${detected}, found from the model's outputs (--postprocess to choose another)`,
    );
  const postprocess = job.postprocess ?? detected ?? 'none';
  const annotations = job.annotations && {
    coco: readCocoAnnotations(job.annotations.path),
    labels: job.annotations.labels,
  };
  if (annotations && !loaded.samples.some((s) => annotations.coco.byFile.has(path.basename(s.id)))) {
    throw new StudioError(annotations.coco.file, `annotates none of the evaluation images of ${spec}`);
  }
  return { calibration, evaluation: { spec, ...loaded }, fixedInputs, annotations, postprocess, notes };
}
