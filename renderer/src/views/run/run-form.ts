/**
 * The Run form's fields and the profile job they stand for: defaults (or the settings a session's run
 * was made with, so it can be repeated), and the job the contract takes. Empty number fields mean
 * "the job's default". Checks of the data itself are core's (validateRun); this only turns text
 * fields into numbers and says which field is not a number.
 */
import { profileJobSchema, type ProfileJob } from '../../../../electron/core/api/jobs';
import type { Model, Session } from '../../../../electron/core/model/types';

export type SourceKind = 'none' | 'images' | 'npy' | 'random';
export type Precision = 'fp32' | 'fp16' | 'int8';

export interface SourceFields {
  kind: SourceKind;
  path: string;
  /** random: how many samples. */
  count: string;
  /** At most this many samples (empty: all). */
  limit: string;
}

export interface RunFields {
  precisions: Record<Precision, boolean>;
  backend: string;
  calibration: SourceFields;
  calibrationMethod: NonNullable<ProfileJob['calibrationMethod']>;
  evaluation: SourceFields;
  measure: 'iterations' | 'duration';
  iterations: string;
  durationSeconds: string;
  warmupIterations: string;
  threads: string;
  batchSize: string;
  /** Per dynamic input, one text field per dimension. */
  shapes: Record<string, string[]>;
  postprocess: NonNullable<ProfileJob['postprocess']>;
}

export type FieldErrors = Partial<Record<keyof RunFields | 'model', string>>;

const EMPTY_SOURCE: SourceFields = { kind: 'none', path: '', count: '16', limit: '' };

function sourceFields(spec: unknown, limit: unknown): SourceFields {
  if (typeof spec !== 'string') return { ...EMPTY_SOURCE };
  const colon = spec.indexOf(':');
  const kind = spec.slice(0, colon) as SourceKind;
  const rest = spec.slice(colon + 1);
  const fields = { ...EMPTY_SOURCE, limit: typeof limit === 'number' ? String(limit) : '' };
  if (kind === 'random') return { ...fields, kind, count: rest };
  if (kind === 'images' || kind === 'npy') return { ...fields, kind, path: rest };
  return fields;
}

/** The model's dynamic inputs (and those it was given shapes for), each dimension as text. */
export function shapeFieldsOf(
  model: Model,
  given: Record<string, number[]> = model.shapeOverrides,
): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const input of model.inputs) {
    const set = given[input.name];
    const open = !input.shape || input.shape.some((dim) => typeof dim !== 'number' || dim <= 0);
    if (set) fields[input.name] = set.map(String);
    else if (open)
      fields[input.name] = (input.shape ?? []).map((dim) =>
        typeof dim === 'number' && dim > 0 ? String(dim) : '',
      );
  }
  return fields;
}

/** The form for a session: its run's settings when it has a run, else the studio's defaults. */
export function initialFields(session: Session, model: Model): RunFields {
  const parsed = profileJobSchema.partial().safeParse(session.run?.job ?? {});
  const job: Partial<ProfileJob> = parsed.success ? parsed.data : {};
  const precisions = job.precisions ?? ['fp32', 'fp16', 'int8'];
  return {
    precisions: {
      fp32: precisions.includes('fp32'),
      fp16: precisions.includes('fp16'),
      int8: precisions.includes('int8'),
    },
    backend: job.backend ?? 'onnxruntime',
    calibration: job.calibration
      ? sourceFields(job.calibration, job.calibrationLimit)
      : { ...EMPTY_SOURCE, kind: 'images' },
    calibrationMethod: job.calibrationMethod ?? 'auto',
    evaluation: sourceFields(job.evaluation, job.evaluationLimit),
    measure: job.durationSeconds !== undefined ? 'duration' : 'iterations',
    iterations: job.iterations !== undefined ? String(job.iterations) : '',
    durationSeconds: job.durationSeconds !== undefined ? String(job.durationSeconds) : '',
    warmupIterations: job.warmupIterations !== undefined ? String(job.warmupIterations) : '',
    threads: job.threads !== undefined ? String(job.threads) : '',
    batchSize: job.batchSize !== undefined ? String(job.batchSize) : '',
    shapes: shapeFieldsOf(model, job.shapes ?? model.shapeOverrides),
    postprocess: job.postprocess ?? 'none',
  };
}

function whole(text: string, min: number): number | undefined | null {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isInteger(value) && value >= min ? value : null;
}

function sourceSpec(source: SourceFields): string | undefined {
  if (source.kind === 'none') return undefined;
  if (source.kind === 'random') return `random:${source.count.trim()}`;
  return `${source.kind}:${source.path.trim()}`;
}

/** The profile job the fields ask for, or the fields that are not numbers where numbers are needed. */
export function jobOf(
  fields: RunFields,
  modelPath: string,
  outPath: string,
): { job: ProfileJob; errors: FieldErrors } | { job: null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const number = (key: keyof RunFields, text: string, min: number, what: string) => {
    const value = whole(text, min);
    if (value === null)
      errors[key] = `${what}: give a whole number from ${min}, or leave it empty for the default`;
    return value ?? undefined;
  };
  const precisions = (['fp32', 'fp16', 'int8'] as const).filter((precision) => fields.precisions[precision]);
  if (precisions.length === 0) errors.precisions = 'Pick at least one precision.';
  const iterations =
    fields.measure === 'iterations' ? number('iterations', fields.iterations, 1, 'Iterations') : undefined;
  let durationSeconds: number | undefined;
  if (fields.measure === 'duration') {
    durationSeconds = Number(fields.durationSeconds);
    if (!(durationSeconds > 0)) errors.durationSeconds = 'Duration: give a number of seconds above 0';
  }
  const int8 = fields.precisions.int8;
  const calibrationLimit = int8
    ? number('calibration', fields.calibration.limit, 1, 'Calibration limit')
    : undefined;
  const evaluationLimit = number('evaluation', fields.evaluation.limit, 1, 'Evaluation limit');
  for (const [key, source] of [
    ['calibration', fields.calibration],
    ['evaluation', fields.evaluation],
  ] as const) {
    if ((key === 'evaluation' || int8) && source.kind === 'random' && !(whole(source.count, 1) ?? null))
      errors[key] = 'Random samples: give how many (a whole number from 1)';
    if (
      (key === 'evaluation' || int8) &&
      (source.kind === 'images' || source.kind === 'npy') &&
      !source.path.trim()
    )
      errors[key] = 'Give the folder or file to read (type its path, or Browse)';
  }
  const shapes: Record<string, number[]> = {};
  const batch = whole(fields.batchSize, 1) ?? 1;
  for (const [name, dims] of Object.entries(fields.shapes)) {
    // An empty leading dimension is the batch.
    const values = dims.map((dim, axis) => (axis === 0 && dim.trim() === '' ? batch : whole(dim, 1)));
    if (values.some((value) => value === null || value === undefined))
      errors.shapes = `Set every dimension of ${name} (whole numbers from 1)`;
    else shapes[name] = values as number[];
  }
  const job: ProfileJob = {
    kind: 'profile',
    modelPath,
    precisions,
    backend: 'onnxruntime',
    outPath,
    iterations,
    durationSeconds,
    warmupIterations: number('warmupIterations', fields.warmupIterations, 0, 'Warm-up'),
    threads: number('threads', fields.threads, 0, 'Threads'),
    batchSize: number('batchSize', fields.batchSize, 1, 'Batch'),
    shapes: Object.keys(shapes).length > 0 ? shapes : undefined,
    calibration: int8 ? sourceSpec(fields.calibration) : undefined,
    calibrationMethod: int8 ? fields.calibrationMethod : undefined,
    calibrationLimit,
    evaluation: sourceSpec(fields.evaluation),
    evaluationLimit: fields.evaluation.kind === 'none' ? undefined : evaluationLimit,
    postprocess: fields.postprocess === 'none' ? undefined : fields.postprocess,
  };
  if (Object.keys(errors).length > 0) return { job: null, errors };
  // Fields left empty stay out of the job: the job's own defaults apply.
  const defined = Object.fromEntries(
    Object.entries(job).filter(([, value]) => value !== undefined),
  ) as ProfileJob;
  return { job: defined, errors: {} };
}

/** Where the run's session goes: the work folder's sessions, named after the model and the time. */
export function sessionFileFor(modelPath: string, now: Date): string {
  const stem = (modelPath.split(/[\\/]/).at(-1) ?? 'model').replace(/\.onnx$/i, '');
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `sessions/${stem}-${stamp}.session.json`;
}
