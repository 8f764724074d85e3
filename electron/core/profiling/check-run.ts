/**
 * A profile job's settings checked before anything runs, so the Run form can show each problem next
 * to the field it concerns: the model reads, every input dimension is set (a dynamic leading one
 * becomes the batch), INT8 has calibration data, and each data source opens and yields its first
 * sample (the folder exists, holds images or arrays, the first one decodes and fits the input).
 * Evaluation data must not be the calibration data. Nothing here runs the model.
 */
import path from 'node:path';
import type { ProfileJob } from '../api/jobs';
import type { RunProblem } from '../api/operations';
import { describeError, StudioError } from '../errors';
import type { OnnxModel } from '../onnx/graph';
import { readOnnx } from '../onnx/reader';
import { loadCalibrationSource, loadEvaluationSamples } from '../pipeline/input-source';
import { modelInputs, type ModelInput } from '../pipeline/model-inputs';

function problemOf(error: unknown): string {
  return error instanceof StudioError ? error.message : describeError(error);
}

/** Inputs whose dimensions past the first are not all numbers, and not set in `shapes`. */
function unsetDimensions(inputs: ModelInput[], shapes: ProfileJob['shapes']): RunProblem[] {
  return inputs.flatMap((input): RunProblem[] => {
    const given = shapes?.[input.name];
    if (given) {
      if (input.shape && given.length !== input.shape.length)
        return [
          {
            field: 'shapes',
            message: `input "${input.name}": ${given.length} dimensions given, the model's input has ${input.shape.length}`,
          },
        ];
      return [];
    }
    if (!input.shape)
      return [
        { field: 'shapes', message: `input "${input.name}" has no declared shape: set its dimensions` },
      ];
    const open = input.shape
      .map((dim, axis) => ({ dim, axis }))
      .filter(({ dim, axis }) => axis > 0 && !(typeof dim === 'number' && dim > 0));
    if (open.length === 0) return [];
    const names = open.map(({ dim, axis }) => `${axis} ("${dim ?? '?'}")`).join(', ');
    return [
      {
        field: 'shapes',
        message: `input "${input.name}" has dynamic dimension ${names}: set it under Shapes`,
      },
    ];
  });
}

function sourceTarget(spec: string): { kind: string; target: string } {
  const colon = spec.indexOf(':');
  return { kind: spec.slice(0, colon), target: path.resolve(spec.slice(colon + 1)) };
}

function sameData(calibration: string, evaluation: string): boolean {
  const a = sourceTarget(calibration);
  const b = sourceTarget(evaluation);
  return a.kind !== 'random' && a.kind === b.kind && a.target === b.target;
}

async function checkCalibration(job: ProfileJob, model: OnnxModel): Promise<string | null> {
  try {
    const source = loadCalibrationSource(job.calibration!, modelInputs(model), {
      shapes: job.shapes,
      image: job.image,
      limit: 1,
    });
    const first = await source.samples().next();
    return first.done ? `${job.calibration}: yields no calibration sample` : null;
  } catch (error) {
    return problemOf(error);
  }
}

async function checkEvaluation(job: ProfileJob, model: OnnxModel): Promise<string | null> {
  try {
    const { samples } = await loadEvaluationSamples(job.evaluation!, model, {
      shapes: job.shapes,
      image: job.image,
      limit: 1,
    });
    return samples.length > 0 ? null : `${job.evaluation}: holds no evaluation samples`;
  } catch (error) {
    return problemOf(error);
  }
}

export async function checkRun(job: ProfileJob): Promise<RunProblem[]> {
  let model: OnnxModel;
  try {
    model = readOnnx(job.modelPath);
  } catch (error) {
    return [{ field: 'model', message: problemOf(error) }];
  }
  const problems = unsetDimensions(modelInputs(model), job.shapes);
  if (problems.length > 0) return problems; // the sources cannot be checked against unknown shapes
  const int8 = job.precisions.includes('int8');
  if (int8 && !job.calibration) {
    problems.push({
      field: 'calibration',
      message: 'INT8 needs calibration data: an image folder, .npy/.npz arrays or random samples',
    });
  } else if (int8) {
    const problem = await checkCalibration(job, model);
    if (problem) problems.push({ field: 'calibration', message: problem });
  }
  if (job.evaluation) {
    if (int8 && job.calibration && sameData(job.calibration, job.evaluation)) {
      problems.push({
        field: 'evaluation',
        message: `${job.evaluation}: the evaluation data is the calibration data: judge accuracy on inputs the calibration never saw`,
      });
    } else {
      const problem = await checkEvaluation(job, model);
      if (problem) problems.push({ field: 'evaluation', message: problem });
    }
  }
  return problems;
}
