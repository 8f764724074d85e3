/**
 * "Profile this model for precisions fp32,fp16,int8": reads the model, makes each precision variant
 * (precision/), prepares and profiles each on the backend, judges each against FP32 on the evaluation
 * inputs (with the end-to-end pipeline timed when they are images), and writes one Session file
 * atomically. Used by the worker for the CLI and, later, the Electron main process.
 */
import fs from 'node:fs';
import type { ProfileJobResult as ContractProfileJobResult, ProfileJob } from '../api';
import { throwIfCancelled, type ProgressSink } from '../model/progress';
import type { Backend, PreparedEngine } from '../backends/backend';
import { compareOnInputs } from './accuracy-run';
import { perLayerAccuracy } from './accuracy-per-layer';
import { evaluationSourceOf } from '../analysis/accuracy-view';
import { saveSession, newSession } from '../model/session';
import type { Profile, Session, Variant } from '../model/types';
import { inspectModel } from '../onnx/inspect-model';
import { readOnnx } from '../onnx/reader';
import { openJobInputs, type JobInputs } from './job-inputs';
import { int8Targets, makeVariant, variantDirectory, type MadeVariant } from './make-variants';
import { describeCalibrationChoice } from './calibration-selection';
import { int8AccuracyWarning } from '../analysis/int8-accuracy-warning';
import { summarizeVariants } from './profile-summary';
import { explainFloatIslands, explainInt8Payoff } from '../analysis/int8-payoff';
import { WEIGHTED_OPS } from '../precision/qdq-ops';
import { chooseBackend } from './backend-choice';

/** What a profile job ends with: the contract's profile result (api/jobs.ts), less its kind tag. */
export type ProfileJobResult = Omit<ContractProfileJobResult, 'kind'>;

export async function runProfileSession(
  job: ProfileJob,
  progress: ProgressSink,
  signal?: AbortSignal,
): Promise<ProfileJobResult> {
  const model = readOnnx(job.modelPath);
  progress({ stage: 'inputs', fraction: 0, message: 'checking calibration and evaluation inputs' });
  const inputs = await openJobInputs(job, model, signal);
  const startedAt = new Date().toISOString();
  const session = newSession();
  session.model = inspectModel(job.modelPath, { shapes: job.shapes });
  const choice = await chooseBackend(job.backend);
  const backend = choice.backend;
  session.notes.push(choice.sentence, ...inputs.notes);
  const directory = variantDirectory(job.outPath);
  const directoryExisted = fs.existsSync(directory);
  const written: string[] = [];
  const engines: PreparedEngine[] = [];
  const warnings: string[] = [...inputs.notes];
  try {
    const made: MadeVariant[] = [];
    for (const precision of ['fp32', ...job.precisions.filter((p) => p !== 'fp32')] as const) {
      for (const target of precision === 'int8' ? int8Targets(job, choice.name) : [undefined]) {
        throwIfCancelled(signal);
        const variant = await makeVariant(model, precision, job, inputs, directory, progress, signal, target);
        if (variant.written) written.push(variant.path);
        made.push(variant);
      }
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
      const engine = await backend.prepare(
        variant,
        variantPath,
        prepareOptions(job, inputs),
        stage('load'),
        signal,
      );
      engines.push(engine);
      const { profile, trace } = await backend.profile(engine, profileOptions(job), stage('profile'), signal);
      if (trace) session.traces.push(trace);
      profiles.set(variant.id, profile);
      session.variants.push(variant);
      session.engines.push(engine.engine);
      session.profiles.push(profile);
    }
    explainInt8(model, engines, profiles);
    await judgeAccuracy(inputs, backend, engines, profiles, session, progress, signal);
    if (job.perLayerAccuracy)
      await addPerLayerAccuracy(model, engines.slice(1), session, inputs, job, progress, signal);
    if (!job.precisions.includes('fp32')) noteReference(session, made[0]!.variant);
    session.run = { job: repeatableSettings(job), startedAt, finishedAt: new Date().toISOString() };
    saveSession(job.outPath, session);
    const layerTypes = new Map(
      engines.map((e) => [e.variant.id, new Map(e.engine.layers.map((l) => [l.name, l.type]))]),
    );
    const summary = summarizeVariants(session.variants, profiles, session.accuracy, layerTypes);
    const calibration = session.variants.flatMap((v) =>
      v.calibrationChoice
        ? [
            {
              variantId: v.id,
              choice: v.calibrationChoice,
              description: describeCalibrationChoice(v.calibrationChoice),
            },
          ]
        : [],
    );
    const accuracyWarnings = session.accuracy.flatMap((result) => {
      const variant = session.variants.find((v) => v.id === result.variantId);
      const warning =
        variant?.precision === 'int8'
          ? int8AccuracyWarning(result, variant, inputs.calibration?.count)
          : null;
      return warning ? [`${variant!.id}: ${warning}`] : [];
    });
    return {
      sessionPath: job.outPath,
      backend: choice.sentence,
      summary,
      calibration,
      warnings: [...warnings, ...accuracyWarnings, ...profileWarnings(session)],
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
  const runOf = (engine: PreparedEngine | undefined) => {
    const profile = engine && profiles.get(engine.variant.id);
    return engine && profile ? { engine: engine.engine, profile } : undefined;
  };
  const fp32 = runOf(engines.find((e) => e.variant.precision === 'fp32'));
  if (!fp32) return;
  const convs = model.graph.nodes.filter((n) => n.opType === 'Conv').map((n) => n.name);
  const weighted = new Set(
    model.graph.nodes.filter((n) => WEIGHTED_OPS.includes(n.opType)).map((n) => n.name),
  );
  for (const engine of engines.filter((e) => e.variant.precision === 'int8')) {
    const int8 = runOf(engine);
    if (!int8) continue;
    for (const sentence of explainInt8Payoff(fp32, int8, convs))
      int8.profile.warnings.push(`INT8 payoff: ${sentence}`);
    for (const sentence of explainFloatIslands(engine.variant, weighted))
      int8.profile.warnings.push(`INT8 payoff: ${sentence}`);
  }
}

function prepareOptions(job: ProfileJob, inputs: JobInputs) {
  const options: Record<string, unknown> = { shapes: job.shapes, fixedInputs: inputs.fixedInputs };
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
  inputs: JobInputs,
  backend: Backend,
  engines: PreparedEngine[],
  profiles: Map<string, Profile>,
  session: Session,
  progress: ProgressSink,
  signal?: AbortSignal,
): Promise<void> {
  const { samples, geometry } = inputs.evaluation;
  const [reference, ...variants] = engines;
  const run = await compareOnInputs(
    backend,
    reference!,
    variants,
    samples,
    { postprocess: inputs.postprocess, geometry, annotations: inputs.annotations },
    progress,
    signal,
  );
  for (const result of run.results) result.evaluation = evaluationSourceOf(inputs.evaluation.spec);
  session.accuracy.push(...run.results);
  for (const engine of engines) {
    const recorder = run.pipelines.get(engine.engine.id)!;
    const profile = profiles.get(engine.variant.id)!;
    if (!samples.some((s) => s.pre) && inputs.postprocess === 'none') continue;
    profile.stages = recorder.stageTimings();
    const sentence = recorder.summary();
    if (sentence) profile.warnings.push(`pipeline: ${sentence}`);
    // profile.traceId names the backend's trace of profiled runs; the pipeline trace, `<profile id>-pipeline`,
    // holds the whole latency: the stages around the model and, at each inference, one of those runs.
    const modelTrace = session.traces.find((trace) => trace.id === profile.traceId);
    session.traces.push(recorder.trace(`${profile.id}-pipeline`, modelTrace));
  }
}

/** Each variant's intermediate tensors against FP32's on the same inputs: the per-layer error curve. */
async function addPerLayerAccuracy(
  reference: ReturnType<typeof readOnnx>,
  variants: PreparedEngine[],
  session: Session,
  inputs: JobInputs,
  job: ProfileJob,
  progress: ProgressSink,
  signal?: AbortSignal,
): Promise<void> {
  const feeds = inputs.evaluation.samples.map((sample) => sample.feeds);
  for (const [index, { variant }] of variants.entries()) {
    const result = session.accuracy.find((a) => a.variantId === variant.id);
    if (!result || !variant.onnxPath) continue;
    progress({ stage: 'per-layer', fraction: index / variants.length, message: variant.id });
    const model = readOnnx(variant.onnxPath);
    Object.assign(result, await perLayerAccuracy(reference, model, feeds, { threads: job.threads }, signal));
  }
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
    return p.warnings.map((w) => `${engine?.variantId ?? p.engineId}: ${w}`);
  });
}
