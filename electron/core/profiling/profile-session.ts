/**
 * "Profile this model for precisions fp32,fp16,int8": reads the model, then per precision makes the
 * variant (precision/), prepares and profiles it on the backend, then judges each against FP32 on the
 * evaluation inputs (with the end-to-end pipeline timed when they are images), and writes one Session
 * file atomically. After each profile it saves what it has as a partial session (partial-session.ts),
 * so a run that fails, is cancelled or is killed keeps what finished. Used by the worker.
 */
import fs from 'node:fs';
import type { ProfileJobResult as ContractProfileJobResult, ProfileJob } from '../api';
import { CancelledError, throwIfCancelled, type ProgressSink } from '../model/progress';
import { describeError } from '../errors';
import { stageLabel, variantLabel } from '../model/stage-label';
import type { Backend, PreparedEngine } from '../backends/backend';
import { compareOnInputs } from './accuracy-run';
import { perLayerAccuracy } from './accuracy-per-layer';
import { evaluationSourceOf } from '../analysis/accuracy-view';
import { checkCanWrite, saveSession, newSession } from '../model/session';
import type { Profile, RunOutcome, Session, Variant } from '../model/types';
import { inspectModel } from '../onnx/inspect-model';
import { readOnnx } from '../onnx/reader';
import { openJobInputs, type JobInputs } from './job-inputs';
import { int8Targets, makeVariant, variantDirectory } from './make-variants';
import { partialSessionPathOf } from './partial-session';
import { describeCalibrationChoice } from './calibration-selection';
import { int8AccuracyWarning } from '../analysis/int8-accuracy-warning';
import { summarizeVariants } from './profile-summary';
import { explainFloatIslands, explainInt8Payoff, explainRewrites } from '../analysis/int8-payoff';
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
  checkCanWrite(job.outPath);
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
  const partialPath = partialSessionPathOf(job.outPath);
  const written: string[] = [];
  const engines: PreparedEngine[] = [];
  const warnings: string[] = [...inputs.notes];
  // The stage under way, and the last one done: what a partial session says about where the run stopped.
  let stage = 'inputs';
  let lastDone = 'inputs';
  let checkpointed = false;
  const checkpoint = (outcome: RunOutcome) => {
    session.run = { job: repeatableSettings(job), startedAt, finishedAt: new Date().toISOString(), outcome };
    saveSession(partialPath, session);
    checkpointed = true;
  };
  try {
    // Each precision is made, loaded and profiled before the next is made, so a failure in INT8
    // calibration keeps FP32 and FP16.
    const plan = ['fp32', ...job.precisions.filter((p) => p !== 'fp32')].flatMap((precision) =>
      (precision === 'int8' ? int8Targets(job, choice.name) : [undefined]).map((target) => ({
        precision: precision as 'fp32' | 'fp16' | 'int8',
        target,
      })),
    );
    const profiles = new Map<string, Profile>();
    for (const [index, { precision, target }] of plan.entries()) {
      stage = `${precision}:make`;
      throwIfCancelled(signal);
      const made = await makeVariant(model, precision, job, inputs, directory, progress, signal, target);
      if (made.written) written.push(made.path);
      const { variant, path: variantPath } = made;
      const within = (step: string) => (e: Parameters<ProgressSink>[0]) =>
        progress({ ...e, stage: `${precision}:${step}`, message: e.message });
      stage = `${precision}:load`;
      progress({ stage, fraction: 0, message: `variant ${index + 1}/${plan.length}` });
      const engine = await backend.prepare(
        variant,
        variantPath,
        prepareOptions(job, inputs),
        within('load'),
        signal,
      );
      engines.push(engine);
      stage = `${precision}:profile`;
      const { profile, trace } = await backend.profile(
        engine,
        profileOptions(job),
        within('profile'),
        signal,
      );
      if (trace) session.traces.push(trace);
      profiles.set(variant.id, profile);
      session.variants.push(variant);
      session.engines.push(engine.engine);
      session.profiles.push(profile);
      lastDone = stage;
      checkpoint({
        state: 'incomplete',
        stage,
        message: 'the run did not finish: nothing after this stage was saved',
      });
    }
    stage = 'accuracy';
    explainInt8(model, engines, profiles);
    await judgeAccuracy(inputs, backend, engines, profiles, session, progress, signal);
    stage = 'per-layer';
    if (job.perLayerAccuracy)
      await addPerLayerAccuracy(model, engines.slice(1), session, inputs, job, progress, signal);
    if (!job.precisions.includes('fp32')) noteReference(session, session.variants[0]!);
    session.run = { job: repeatableSettings(job), startedAt, finishedAt: new Date().toISOString() };
    saveSession(job.outPath, session);
    fs.rmSync(partialPath, { force: true });
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
    const kept = session.profiles.length > 0 && keepWhatFinished(session, stage, lastDone, error, checkpoint);
    // Without a partial session to name them (none made, or its save failed), no file of this run stays;
    // one left by an earlier run stays.
    if (!kept && checkpointed) fs.rmSync(partialPath, { force: true });
    const keep = new Set(kept ? session.variants.map((v) => v.onnxPath) : []);
    for (const file of written) if (!keep.has(file)) fs.rmSync(file, { force: true });
    // A failed run leaves no empty <model>.session.variants/ behind (a folder that was there stays).
    if (!directoryExisted && fs.existsSync(directory) && fs.readdirSync(directory).length === 0)
      fs.rmdirSync(directory);
    throw error;
  } finally {
    for (const engine of engines) await backend.release(engine);
  }
}

/**
 * A run that stops after at least one profile: its partial session says how (failed or cancelled),
 * where and why, and names what it holds. False when even that save fails (then nothing is kept).
 */
function keepWhatFinished(
  session: Session,
  stage: string,
  lastDone: string,
  error: unknown,
  checkpoint: (outcome: RunOutcome) => void,
): boolean {
  const cancelled = error instanceof CancelledError;
  const message = cancelled ? 'cancelled' : describeError(error);
  const holds = session.variants.map((v) => variantLabel(v.id)).join(', ');
  session.notes.push(
    `this run ${cancelled ? 'was cancelled' : 'failed'} at ${stageLabel(stage)}${cancelled ? '' : ` (${message})`}; ` +
      `the session keeps what finished up to ${stageLabel(lastDone)}: ${holds}`,
  );
  try {
    checkpoint({ state: cancelled ? 'cancelled' : 'failed', stage, message });
    return true;
  } catch {
    return false;
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
    for (const sentence of explainRewrites(engine.variant, fp32))
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
