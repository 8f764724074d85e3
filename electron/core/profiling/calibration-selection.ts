/**
 * The INT8 calibration method chosen by measurement rather than by habit. One pass of the calibration
 * data through the model gathers range statistics in three folds (sample i in fold i mod 3) and the
 * model's own outputs on each sample. Each method is judged fold by fold: its ranges from the other
 * two folds make an INT8 variant that runs on this fold, judged against FP32 with the task's metric
 * (box agreement, top-1 agreement, else cosine), so every sample is judged once by ranges that never
 * saw it (three folds, not one held-out third: judged on 48 samples rather than 16, a method's lead
 * is a measurement rather than a few lucky boxes). The best method then takes its ranges from every
 * fold together (statistics merge exactly), so the variant is calibrated on every sample.
 * The statistics are kept, so a second INT8 target (onnxruntime and tensorrt) is judged without
 * calibrating again.
 */
import type * as ort from 'onnxruntime-node';
import type { PostprocessKind } from '../api';
import { throwIfCancelled, type ProgressSink } from '../model/progress';
import type { NamedTensor } from '../model/tensor';
import { DEFAULT_ORT_SETTINGS, openOrtSession, runOrtSession } from '../backends/onnxruntime-session';
import { fromOrtTensor, toOrtTensor } from '../backends/ort-tensors';
import { AccuracyAccumulator, worstFloatCosine } from '../analysis/accuracy';
import { pairedDifference, type PairedDifference, type SampleTally } from '../analysis/paired-difference';
import { DEFAULT_PLACEMENT, lossText, metricText, taskMetricName } from '../model/calibration-choice-table';
import type { CalibrationCandidate, CalibrationChoice } from '../model/types';
import type { OnnxModel } from '../onnx/graph';
import { encodeOnnx } from '../onnx/writer';
import { imageInputSize } from '../pipeline/input-values';
import { postprocess, type PostprocessResult } from '../pipeline/postprocess';
import type { CalibrationSource } from '../pipeline/input-source';
import { DEFAULT_FLOAT_STEM_LAYERS, makeInt8Variant, type Int8Options } from '../precision/int8-qdq';
import { findStem } from '../precision/stem';
import type { CalibrationMethod, CalibrationRanges } from '../precision/calibration-ranges';
import { collectStatistics, rangesIdentity, type RangeStatistics } from './collect-ranges';
import { interleavedTimes } from './interleaved-timing';

export const CALIBRATION_METHODS: CalibrationMethod[] = ['minmax', 'percentile', 'entropy'];

/** Below this many samples none can be spared: methods are judged on the calibration data itself. */
const MIN_SAMPLES_TO_SPLIT = 3;
/** Sample i belongs to fold i mod FOLDS. */
const FOLDS = 3;
/** Samples judged per fold at most: their inputs and FP32 outputs are kept in memory. */
const MAX_JUDGED_PER_FOLD = 16;

interface HeldOut {
  feeds: Record<string, NamedTensor>;
  reference: Record<string, NamedTensor>;
  post: PostprocessResult;
}

export interface SelectionOptions {
  postprocess: PostprocessKind;
  /** ORT intra-op threads for the judging sessions and the calibration runs. */
  threads?: number;
}

type Feeds = Record<string, NamedTensor>;

const toOrt = (feeds: Feeds) =>
  Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, toOrtTensor(v)]));

async function outputsOf(session: ort.InferenceSession, label: string, feeds: Feeds): Promise<Feeds> {
  const out = await runOrtSession(session, label, toOrt(feeds));
  return Object.fromEntries(
    Object.entries(out).map(([name, v]) => [name, fromOrtTensor(name, v as ort.Tensor)]),
  );
}

function better(a: CalibrationCandidate, b: CalibrationCandidate): number {
  const order = (m: CalibrationMethod) => CALIBRATION_METHODS.indexOf(m);
  return (
    b.task.value - a.task.value || (b.cosine ?? 0) - (a.cosine ?? 0) || order(a.method) - order(b.method)
  );
}

export class CalibrationSelector {
  private prepared?: Promise<{ parts: RangeStatistics[]; heldOut: HeldOut[][]; split: boolean }>;

  constructor(
    private readonly model: OnnxModel,
    private readonly source: CalibrationSource,
    private readonly options: SelectionOptions,
  ) {}

  private settings() {
    return { ...DEFAULT_ORT_SETTINGS, intraOpThreads: this.options.threads ?? 0 };
  }

  private label(): string {
    return this.model.path || 'model';
  }

  private geometry(feeds: Feeds) {
    const inputs = Object.entries(feeds).map(([name, t]) => ({ name, dtype: t.dtype, dims: t.dims }));
    const size = imageInputSize(inputs);
    return { inputWidth: size?.width ?? 0, inputHeight: size?.height ?? 0 };
  }

  private prepare(progress: ProgressSink, signal?: AbortSignal) {
    this.prepared ??= (async () => {
      const split = this.source.count >= MIN_SAMPLES_TO_SPLIT;
      const folds = split ? FOLDS : 1;
      const graphOutputs = this.model.graph.outputs.map((o) => o.name);
      const heldOut: HeldOut[][] = Array.from({ length: folds }, () => []);
      const parts = await collectStatistics(
        this.model,
        this.source,
        {
          parts: folds,
          partOf: (index) => index % folds,
          withHistograms: true,
          threads: this.options.threads,
          onSample: (index, feeds, outputs) => {
            const fold = heldOut[index % folds]!;
            if (fold.length >= MAX_JUDGED_PER_FOLD) return;
            const reference: Feeds = {};
            for (const name of graphOutputs)
              reference[name] = fromOrtTensor(name, outputs[name] as ort.Tensor);
            const post = postprocess(this.options.postprocess, reference, this.geometry(feeds));
            fold.push({ feeds, reference, post });
          },
        },
        progress,
        signal,
      );
      return { parts, heldOut, split };
    })();
    return this.prepared;
  }

  /**
   * Task metric and worst cosine of one INT8 recipe over every fold: per fold, the variant `make`
   * builds from the other folds' statistics (`others[fold]`) runs on that fold's samples; one
   * accumulator sums them all.
   */
  private async judge(
    make: (calibration: RangeStatistics) => OnnxModel,
    others: RangeStatistics[],
    heldOut: HeldOut[][],
    label: string,
  ) {
    const detector = !['none', 'classifier'].includes(this.options.postprocess);
    const accumulator = new AccuracyAccumulator({ classifier: detector ? 'off' : 'auto' });
    for (const [fold, samples] of heldOut.entries()) {
      const calibration = others[fold]!;
      const session = await openOrtSession(
        `${this.label()} (int8, ${label})`,
        this.settings(),
        {},
        encodeOnnx(make(calibration)),
      );
      try {
        for (const sample of samples) {
          const outputs = await outputsOf(session, this.label(), sample.feeds);
          accumulator.add(sample.reference, outputs);
          if (sample.post.boxes) {
            const post = postprocess(this.options.postprocess, outputs, this.geometry(sample.feeds));
            accumulator.addBoxes(sample.post.boxes, post.boxes ?? []);
          }
        }
      } finally {
        await session.release();
      }
    }
    // Run times are not taken here (one session after another, fold by fold, they measure the
    // machine's drift): timePlacements times the placements side by side.
    const result = accumulator.result(label, 'fp32');
    return {
      task: result.task,
      cosine: worstFloatCosine(result),
      // Each sample's share of the task metric, in the same order on every call: trials are compared
      // with the default placement image by image (pairedDifference).
      tallies: accumulator.sampleTallies(),
    };
  }

  /**
   * Judges every method for one INT8 recipe, then, with the winner, whether the stem, the output
   * head or both (kept float by default) can be INT8 too: of the placements that keep the task metric
   * (keepsTaskMetric), the fastest wins, or one with fewer float islands that runs within
   * PLACEMENT_NOISE of it. Returns the
   * winner's ranges (over every sample), the INT8 options to build with, and the comparison.
   */
  async choose(
    int8: Int8Options,
    progress: ProgressSink,
    signal?: AbortSignal,
  ): Promise<{ ranges: CalibrationRanges; options: Int8Options; choice: CalibrationChoice }> {
    const { parts, heldOut, split } = await this.prepare(progress, signal);
    // Per fold, the statistics of the other folds: the ranges that judge it never saw it.
    const others = parts.map((_, fold) =>
      parts.filter((__, i) => i !== fold || parts.length === 1).reduce((all, part) => all.merged(part)),
    );
    const identity = (samples: number) => rangesIdentity(this.model, this.source.spec, samples);
    const judged = (method: CalibrationMethod) => (calibration: RangeStatistics) =>
      calibration.ranges(method, identity(calibration.samples));
    const judgedCount = heldOut.reduce((n, fold) => n + fold.length, 0);
    const candidates: CalibrationCandidate[] = [];
    const talliesOf = new Map<CalibrationMethod, SampleTally[] | null>();
    for (const [index, method] of CALIBRATION_METHODS.entries()) {
      throwIfCancelled(signal);
      // The methods take the first half of the stage, the placements the second.
      progress({
        stage: 'calibrate',
        fraction: (0.5 * index) / CALIBRATION_METHODS.length,
        message: `judging ${method} on ${judgedCount} samples, fold by fold`,
      });
      const make = (calibration: RangeStatistics) =>
        makeInt8Variant(this.model, judged(method)(calibration), int8).model;
      const { tallies, ...figures } = await this.judge(make, others, heldOut, method);
      candidates.push({ method, ...figures });
      talliesOf.set(method, tallies);
    }
    candidates.sort(better);
    const chosen = candidates[0]!.method;
    // The winner is calibrated on every sample: all folds' statistics together.
    const all = parts.reduce((merged, part) => merged.merged(part));
    const placement = await this.choosePlacement(
      judged(chosen),
      all,
      int8,
      { candidate: candidates[0]!, tallies: talliesOf.get(chosen) ?? null },
      others,
      heldOut,
      (fraction, message) => progress({ stage: 'calibrate', fraction: 0.5 + 0.5 * fraction, message }),
      signal,
    );
    return {
      ranges: all.ranges(chosen, identity(all.samples)),
      options: { ...int8, ...placement.options },
      choice: {
        chosen,
        candidates,
        placement: placement.report,
        calibrationSamples: split ? others[0]!.samples : all.samples,
        heldOutSamples: judgedCount,
        ...(split ? { folds: parts.length } : {}),
        judgedOn: split ? 'held-out' : 'calibration',
      },
    };
  }

  /** Median run time of the float placement, then of each trial, timed in interleaved rounds. */
  private async timePlacements(
    all: RangeStatistics,
    rangesOf: (calibration: RangeStatistics) => CalibrationRanges,
    int8: Int8Options,
    trials: { name: PlacementName; options: Int8Options }[],
    heldOut: HeldOut[][],
    signal?: AbortSignal,
  ): Promise<number[]> {
    const ranges = rangesOf(all);
    const feeds = toOrt(heldOut.flat()[0]!.feeds);
    const sessions: ort.InferenceSession[] = [];
    try {
      for (const options of [{}, ...trials.map((t) => t.options)]) {
        const model = makeInt8Variant(this.model, ranges, { ...int8, ...options }).model;
        sessions.push(
          await openOrtSession(`${this.label()} (int8 placement)`, this.settings(), {}, encodeOnnx(model)),
        );
      }
      const runs = sessions.map((session) => () => runOrtSession(session, this.label(), feeds));
      const start = performance.now();
      await runs[0]!();
      const once = performance.now() - start;
      const runsPerTurn = Math.max(2, Math.min(5, Math.round(PLACEMENT_TURN_MS / Math.max(once, 0.01))));
      const { medians } = await interleavedTimes(runs, {
        rounds: PLACEMENT_ROUNDS,
        runsPerTurn,
        pauseMs: 50,
        signal,
      });
      return medians.map((m) => m ?? Infinity);
    } finally {
      for (const session of sessions) await session.release();
    }
  }

  private async choosePlacement(
    rangesOf: (calibration: RangeStatistics) => CalibrationRanges,
    all: RangeStatistics,
    int8: Int8Options,
    {
      candidate: reference,
      tallies: referenceTallies,
    }: { candidate: CalibrationCandidate; tallies: SampleTally[] | null },
    others: RangeStatistics[],
    heldOut: HeldOut[][],
    report: (fraction: number, message: string) => void,
    signal?: AbortSignal,
  ): Promise<{ options: Int8Options; report: NonNullable<CalibrationChoice['placement']> }> {
    const stem = int8.floatStemLayers === undefined;
    const head = int8.keepOutputHeadsFloat === undefined;
    // A stem of two or more layers is also tried with its first layer alone in float: the damage
    // INT8 does there is often in one tensor (FastestDet on coco-eval: 95.7% box agreement with the
    // first layer float, 91.1% with both, 93.6% with none).
    const graph = this.model.graph;
    const partial = stem && findStem(graph, 1).size < findStem(graph, DEFAULT_FLOAT_STEM_LAYERS).size;
    const trials: { name: PlacementName; options: Int8Options; islands: number }[] = [];
    if (stem) trials.push({ name: 'stem in INT8', options: { floatStemLayers: 0 }, islands: 1 });
    if (partial)
      trials.push({ name: "stem's first layer in float", options: { floatStemLayers: 1 }, islands: 2 });
    if (head)
      trials.push({ name: 'output head in INT8', options: { keepOutputHeadsFloat: false }, islands: 1 });
    if (partial && head) {
      const options = { floatStemLayers: 1, keepOutputHeadsFloat: false };
      trials.push({ name: "stem's first layer in float, output head in INT8", options, islands: 1 });
    }
    if (stem && head) {
      const options = { floatStemLayers: 0, keepOutputHeadsFloat: false };
      trials.push({ name: 'stem and output head in INT8', options, islands: 0 });
    }
    const outcome: NonNullable<CalibrationChoice['placement']> = {
      chosen: DEFAULT_PLACEMENT,
      trials: [],
    };
    const eligible: Eligible[] = [
      { name: DEFAULT_PLACEMENT, options: {}, islands: 2, value: reference.task.value },
    ];
    const judgedCount = heldOut.reduce((n, fold) => n + fold.length, 0);
    for (const [index, trial] of trials.entries()) {
      throwIfCancelled(signal);
      report(
        (0.8 * index) / trials.length,
        `trying INT8 placement ${index + 1} of ${trials.length} (${trial.name}) on ${judgedCount} samples`,
      );
      const make = (calibration: RangeStatistics) =>
        makeInt8Variant(this.model, rangesOf(calibration), { ...int8, ...trial.options }).model;
      const { tallies, ...figures } = await this.judge(make, others, heldOut, trial.name);
      const paired = tallies && referenceTallies ? pairedDifference(referenceTallies, tallies) : null;
      const loss = paired ? { value: paired.difference, standardError: paired.standardError } : undefined;
      const kept = keepsTaskMetric(reference.task.value, figures.task.value, paired);
      outcome.trials.push({ placement: trial.name, ...figures, ...(loss ? { loss } : {}), kept });
      if (kept) eligible.push({ ...trial, value: figures.task.value });
    }
    // Run times from interleaved rounds of every placement, built as the variant will be (ranges from
    // every sample): timed one after another, fold by fold, the placements had measured the machine's
    // drift and the previous session's spinning threads as much as themselves (16 threads: ±10%).
    let timed: number[] | null = null;
    if (trials.length > 0 && heldOut.flat().length > 0) {
      report(0.8, `timing ${trials.length + 1} INT8 placements in interleaved rounds`);
      timed = await this.timePlacements(all, rangesOf, int8, trials, heldOut, signal);
      const times = timed;
      reference.latencyMs = times[0];
      outcome.trials.forEach((trial, i) => (trial.latencyMs = times[i + 1]));
      // Index 0 is the float placement (not a trial: findIndex gives -1), then the trials in order.
      for (const e of eligible) e.latencyMs = times[1 + trials.findIndex((t) => t.name === e.name)];
    }
    const chosen = fewestIslandsAmongFastest(eligible, timed !== null);
    outcome.chosen = chosen.name;
    return { options: chosen.options, report: outcome };
  }
}

/** Interleaved rounds for the placements' timing: enough to pair them, a few seconds on a detector. */
const PLACEMENT_ROUNDS = 6;
/** Timed runs per placement per round, fewer for a slow model so a round stays near this many ms. */
const PLACEMENT_TURN_MS = 40;

export interface Eligible {
  name: NonNullable<CalibrationChoice['placement']>['chosen'];
  options: Int8Options;
  islands: number;
  value: number;
  latencyMs?: number;
}

/**
 * Of the placements that keep the task metric: those within PLACEMENT_NOISE of the fastest, and of
 * them the one with the fewest float islands (each costs a Q/DQ pair, so on a tie in time fewer
 * kernels is the better bet on the next run), then the faster. Untimed: the fewest islands, then the
 * better task metric.
 */
export function fewestIslandsAmongFastest(eligible: Eligible[], timed: boolean): Eligible {
  const fastest = Math.min(...eligible.map((e) => e.latencyMs ?? Infinity));
  const tied = eligible.filter(
    (e) => !timed || e.latencyMs === undefined || e.latencyMs <= fastest * (1 + PLACEMENT_NOISE),
  );
  return tied.sort(
    (a, b) =>
      a.islands - b.islands ||
      (timed ? (a.latencyMs ?? Infinity) - (b.latencyMs ?? Infinity) : b.value - a.value),
  )[0]!;
}

/**
 * How much task metric (absolute, e.g. 0.005 = half a percentage point) fewer float islands may
 * cost on the held-out samples and still be chosen: about one box in two hundred.
 */
export const PLACEMENT_TOLERANCE = 0.005;

/**
 * A trial is refused only when the held-out samples show, at about 95% confidence (one-sided), that
 * it loses more than PLACEMENT_TOLERANCE: its loss must exceed the tolerance by this many standard
 * errors of the paired difference. On 48 coco-calib images FastestDet's placements differed from
 * the default by 1.4-1.5 points of box agreement in standard error, three times the tolerance: its
 * all-INT8 placement lost 1.3 points on the folds and 0.2 on coco-eval, and the plain tolerance
 * refused it, leaving the variant 4-15% slower than ONNX Runtime's quantizer at 16 threads.
 */
const PLACEMENT_CONFIDENCE_Z = 1.645;

/**
 * Below this many judged samples the standard error is itself too unsure to lean on: the plain
 * tolerance decides.
 */
const MIN_SAMPLES_FOR_NOISE = 16;

/**
 * Whether a placement keeps the task metric of the default one: its loss is within
 * PLACEMENT_TOLERANCE, or within it plus PLACEMENT_CONFIDENCE_Z standard errors of the paired
 * difference when enough samples were judged (a loss the images cannot tell from their noise).
 */
export function keepsTaskMetric(
  referenceValue: number,
  trialValue: number,
  paired: PairedDifference | null,
): boolean {
  const noise =
    paired && paired.samples >= MIN_SAMPLES_FOR_NOISE ? PLACEMENT_CONFIDENCE_Z * paired.standardError : 0;
  return referenceValue - trialValue <= PLACEMENT_TOLERANCE + noise;
}

/**
 * Run times closer than this share of the fastest placement's are a tie (timings on a shared machine
 * wander by a few percent): among tied placements the one with fewer float islands is chosen.
 */
export const PLACEMENT_NOISE = 0.03;

type PlacementName = NonNullable<CalibrationChoice['placement']>['trials'][number]['placement'];

function figure(candidate: CalibrationCandidate): string {
  const { task } = candidate;
  const value = metricText(task);
  const cosine =
    task.kind !== 'cosine' && candidate.cosine !== null ? ` (cos ${candidate.cosine.toFixed(4)})` : '';
  return `${candidate.method} ${value}${cosine}`;
}

/** One sentence for the CLI and the variant's notes. */
export function describeCalibrationChoice(choice: CalibrationChoice): string {
  const kind = taskMetricName(choice.candidates[0]!.task.kind);
  const where =
    choice.judgedOn === 'held-out'
      ? choice.folds
        ? `on ${choice.heldOutSamples} held-out calibration samples in ${choice.folds} folds (each fold judged with ranges from the other ${choice.calibrationSamples}; the variant calibrated on all)`
        : `on ${choice.heldOutSamples} held-out calibration samples (calibrated on the other ${choice.calibrationSamples}; the variant on all ${choice.calibrationSamples + choice.heldOutSamples})`
      : `on the ${choice.calibrationSamples} calibration samples themselves (too few to hold some out)`;
  const ms = (latency: number | undefined) =>
    latency === undefined ? '' : `, ${latency.toFixed(2)} ms a run`;
  const base = choice.candidates.find((c) => c.method === choice.chosen)?.latencyMs;
  const trials = (choice.placement?.trials ?? []).map(
    (t) =>
      `${t.placement}: ${figure({ ...t, method: choice.chosen }).replace(`${choice.chosen} `, '')}${lossText(t.loss)}${ms(t.latencyMs)}`,
  );
  const placement = choice.placement
    ? `; ${choice.placement.chosen} (${DEFAULT_PLACEMENT}${ms(base).replace(',', ':')}; ${trials.join('; ')})`
    : '';
  return `${choice.chosen} chosen by ${kind} against FP32 ${where}: ${choice.candidates.map(figure).join(', ')}${placement}`;
}
