/**
 * "Profile this model for precisions fp32,fp16,int8": reads the model, makes each precision variant
 * (precision/), prepares and profiles each on the backend, judges each against FP32 on the evaluation
 * inputs (with the end-to-end pipeline timed when they are images), and writes one Session file
 * atomically. Used by the worker for the CLI and, later, the Electron main process.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ProfileJob } from '../api';
import { throwIfCancelled, type ProgressSink } from '../model/progress';
import type { NamedTensor } from '../model/tensor';
import type { Backend, PreparedEngine } from '../backends/backend';
import { compareOnInputs } from './accuracy-run';
import { perLayerAccuracy } from './accuracy-per-layer';
import { evaluationSourceOf } from '../analysis/accuracy-view';
import { StudioError } from '../errors';
import { saveSession, newSession } from '../model/session';
import type { AccuracyResult, Profile, Session, Variant } from '../model/types';
import { inspectModel } from '../onnx/inspect-model';
import { readOnnx } from '../onnx/reader';
import { loadEvaluationSamples } from '../pipeline/input-source';
import { makeVariant, variantDirectory, type MadeVariant } from './make-variants';
import { summarizeVariants, type VariantSummary } from './profile-summary';
import { explainInt8Payoff } from '../analysis/int8-payoff';
import { chooseBackend } from './backend-choice';
import { DEFAULT_RANDOM_EVAL } from './profile-defaults';

export interface ProfileJobResult {
  sessionPath: string;
  /** Which backend ran, and why (auto picks TensorRT where it is available). */
  backend: string;
  summary: VariantSummary[];
  warnings: string[];
}

export async function runProfileSession(
  job: ProfileJob,
  progress: ProgressSink,
  signal?: AbortSignal,
): Promise<ProfileJobResult> {
  const model = readOnnx(job.modelPath);
  if (job.precisions.includes('int8') && !job.calibration) {
    throw new StudioError(
      job.modelPath,
      'int8 needs calibration data: give --calib random:N, npy:DIR or images:DIR',
    );
  }
  const startedAt = new Date().toISOString();
  const session = newSession();
  session.model = inspectModel(job.modelPath, { shapes: job.shapes });
  const choice = await chooseBackend(job.backend);
  const backend = choice.backend;
  session.notes.push(choice.sentence);
  const directory = variantDirectory(job.outPath);
  const directoryExisted = fs.existsSync(directory);
  const written: string[] = [];
  const engines: PreparedEngine[] = [];
  const warnings: string[] = [];
  try {
    const made: MadeVariant[] = [];
    for (const precision of ['fp32', ...job.precisions.filter((p) => p !== 'fp32')] as const) {
      throwIfCancelled(signal);
      const variant = await makeVariant(model, precision, job, directory, progress, signal, choice.name);
      if (variant.written) written.push(variant.path);
      made.push(variant);
    }
    const profiles = new Map<string, Profile>();
    for (const [index, { variant, path: variantPath }] of made.entries()) {
      const stage = (s: string) => (e: Parameters<ProgressSink>[0]) =>
        progress({ ...e, stage: `${variant.precision}:${s}`, message: e.message });
      progress({
        stage: `${variant.precision}:load`,
        fraction: 0,
        message: `variant ${index + 1}/${made.length}`,
      });
      const engine = await backend.prepare(variant, variantPath, prepareOptions(job), stage('load'), signal);
      engines.push(engine);
      const { profile, trace } = await backend.profile(engine, profileOptions(job), stage('profile'), signal);
      if (trace) session.traces.push(trace);
      profiles.set(variant.id, profile);
      session.variants.push(variant);
      session.engines.push(engine.engine);
      session.profiles.push(profile);
    }
    explainInt8(model, engines, profiles);
    await judgeAccuracy(job, model, backend, engines, profiles, session, warnings, progress, signal);
    if (!job.precisions.includes('fp32')) noteReference(session, made[0]!.variant);
    session.run = { job: repeatableSettings(job), startedAt, finishedAt: new Date().toISOString() };
    saveSession(job.outPath, session);
    const layerTypes = new Map(
      engines.map((e) => [e.variant.id, new Map(e.engine.layers.map((l) => [l.name, l.type]))]),
    );
    const summary = summarizeVariants(session.variants, profiles, session.accuracy, layerTypes);
    return {
      sessionPath: job.outPath,
      backend: choice.sentence,
      summary,
      warnings: [...warnings, ...profileWarnings(session)],
    };
  } catch (error) {
    for (const file of written) fs.rmSync(file, { force: true });
    // A failed run leaves no empty <model>.session.variants/ behind (a folder that was there stays).
    if (!directoryExisted && fs.existsSync(directory) && fs.readdirSync(directory).length === 0)
      fs.rmdirSync(directory);
    throw error;
  } finally {
    for (const engine of engines) await backend.release(engine);
  }
}

/** Adds to the INT8 profile, in the studio's words, why INT8 did or did not pay against FP32. */
function explainInt8(
  model: ReturnType<typeof readOnnx>,
  engines: PreparedEngine[],
  profiles: Map<string, Profile>,
): void {
  const runOf = (precision: string) => {
    const engine = engines.find((e) => e.variant.precision === precision);
    const profile = engine && profiles.get(engine.variant.id);
    return engine && profile ? { engine: engine.engine, profile } : undefined;
  };
  const fp32 = runOf('fp32');
  const int8 = runOf('int8');
  if (!fp32 || !int8) return;
  const convs = model.graph.nodes.filter((n) => n.opType === 'Conv').map((n) => n.name);
  for (const sentence of explainInt8Payoff(fp32, int8, convs))
    int8.profile.warnings.push(`INT8 payoff: ${sentence}`);
}

function prepareOptions(job: ProfileJob) {
  const options: Record<string, unknown> = { shapes: job.shapes };
  if (job.threads !== undefined) options.threads = job.threads;
  if (job.optimizationLevel) options.optimizationLevel = job.optimizationLevel;
  return options;
}

function profileOptions(job: ProfileJob) {
  return {
    iterations: job.iterations,
    durationSeconds: job.durationSeconds,
    warmupIterations: job.warmupIterations,
    batchSize: job.batchSize,
    batchSweep: job.batchSweep,
  };
}

async function judgeAccuracy(
  job: ProfileJob,
  model: ReturnType<typeof readOnnx>,
  backend: Backend,
  engines: PreparedEngine[],
  profiles: Map<string, Profile>,
  session: Session,
  warnings: string[],
  progress: ProgressSink,
  signal?: AbortSignal,
): Promise<void> {
  const spec = job.evaluation ?? DEFAULT_RANDOM_EVAL;
  if (!job.evaluation) {
    const sentence = `accuracy judged on ${DEFAULT_RANDOM_EVAL.split(':')[1]} seeded random inputs: give --eval images:DIR for real inputs`;
    warnings.push(sentence);
    session.notes.push(sentence);
  }
  if (job.calibration && job.evaluation && sameSource(job.calibration, job.evaluation)) {
    throw new StudioError(
      job.evaluation,
      'the evaluation data is the calibration data: judge accuracy on inputs the calibration never saw',
    );
  }
  progress({ stage: 'accuracy', fraction: 0, message: `loading ${spec}` });
  const { samples, geometry } = await loadEvaluationSamples(
    spec,
    model,
    { shapes: job.shapes, image: job.image, limit: job.evaluationLimit },
    signal,
  );
  const [reference, ...variants] = engines;
  const run = await compareOnInputs(
    backend,
    reference!,
    variants,
    samples,
    { postprocess: job.postprocess, geometry },
    progress,
    signal,
  );
  for (const result of run.results) result.evaluation = evaluationSourceOf(spec);
  if (job.perLayerAccuracy)
    await addPerLayerAccuracy(model, engines.slice(1), run.results, samples, job, progress, signal);
  session.accuracy.push(...run.results);
  for (const engine of engines) {
    const recorder = run.pipelines.get(engine.engine.id)!;
    const profile = profiles.get(engine.variant.id)!;
    if (!samples.some((s) => s.pre) && (job.postprocess ?? 'none') === 'none') continue;
    profile.stages = recorder.stageTimings();
    const sentence = recorder.summary();
    if (sentence) profile.warnings.push(`pipeline: ${sentence}`);
    // profile.traceId names the backend's kernel trace; the pipeline trace is `<profile id>-pipeline`.
    session.traces.push(recorder.trace(`${profile.id}-pipeline`));
  }
}

/** Each variant's intermediate tensors against FP32's on the same inputs: the per-layer error curve. */
async function addPerLayerAccuracy(
  reference: ReturnType<typeof readOnnx>,
  variants: PreparedEngine[],
  results: AccuracyResult[],
  samples: { feeds: Record<string, NamedTensor> }[],
  job: ProfileJob,
  progress: ProgressSink,
  signal?: AbortSignal,
): Promise<void> {
  const inputs = samples.map((s) => s.feeds);
  for (const [index, result] of results.entries()) {
    const variant = variants[index]!.variant;
    progress({ stage: 'per-layer', fraction: index / results.length, message: variant.id });
    const model = readOnnx(variant.onnxPath!);
    Object.assign(result, await perLayerAccuracy(reference, model, inputs, { threads: job.threads }, signal));
  }
}

function sameSource(a: string, b: string): boolean {
  const target = (spec: string) => path.resolve(spec.slice(spec.indexOf(':') + 1));
  return a.startsWith('images:') && b.startsWith('images:') && target(a) === target(b);
}

/** The job as the session keeps it: everything but where this copy of the session was written. */
function repeatableSettings(job: ProfileJob): Record<string, unknown> {
  const { outPath: _outPath, ...settings } = job;
  return settings;
}

/** FP32 is always built as the reference; when the user did not ask for it, its profile is still kept. */
function noteReference(session: Session, reference: Variant): void {
  session.notes.push(`${reference.id} was built as the accuracy and speed reference`);
}

function profileWarnings(session: Session): string[] {
  return session.profiles.flatMap((p) => {
    const engine = session.engines.find((e) => e.id === p.engineId);
    return p.warnings.map((w) => `${engine?.precision ?? p.engineId}: ${w}`);
  });
}
