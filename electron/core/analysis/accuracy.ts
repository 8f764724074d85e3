/**
 * Accuracy of a variant against the FP32 reference on the same K inputs, by output kind: float
 * outputs by cosine similarity, max and mean absolute error, relative error (||e|| / ||ref||) and SNR
 * (dB); integer outputs (labels, indices) by agreement; top-1/top-5 agreement for classifiers;
 * matched-box agreement for detectors (boxes given by the caller's post-processing). The result names
 * the task's metric (types.ts TaskMetric) so no summary takes a minimum across outputs of different kinds.
 *
 * `cosine` is the worst per-input cosine (one bad input is not averaged away); the other errors are
 * over all elements of all inputs.
 */
import { floatValues, type NamedTensor } from '../model/tensor';
import type { AccuracyResult, OutputAccuracy, TaskMetric } from '../model/types';
import type { Box } from '../pipeline/boxes';
import type { SampleTally } from './paired-difference';
import {
  detectionAgreement,
  matchDetections,
  type DetectionCounts,
  type MatchOptions,
} from './detection-agreement';

/** An exact match has infinite SNR; JSON has no Infinity, so SNR is capped here. */
export const MAX_SNR_DB = 200;

interface FloatTotals {
  kind: 'float';
  worstCosine: number;
  maxAbsError: number;
  absErrorSum: number;
  errorSquares: number;
  referenceSquares: number;
  elements: number;
}

interface IntegerTotals {
  kind: 'integer';
  equal: number;
  elements: number;
}

export interface TensorComparison {
  cosine: number;
  maxAbsError: number;
  meanAbsError: number;
  relativeError: number;
  snrDb: number;
}

function snr(referenceSquares: number, errorSquares: number): number {
  if (errorSquares === 0) return MAX_SNR_DB;
  if (referenceSquares === 0) return -MAX_SNR_DB;
  return Math.min(MAX_SNR_DB, 10 * Math.log10(referenceSquares / errorSquares));
}

function rawCompare(reference: Float32Array, candidate: Float32Array) {
  let dot = 0;
  let refSq = 0;
  let candSq = 0;
  let maxAbs = 0;
  let absSum = 0;
  let errSq = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i]!;
    const c = candidate[i]!;
    const e = c - r;
    dot += r * c;
    refSq += r * r;
    candSq += c * c;
    const a = Math.abs(e);
    if (!(a <= maxAbs)) maxAbs = a; // NaN propagates
    absSum += a;
    errSq += e * e;
  }
  const cosine = refSq === 0 && candSq === 0 ? 1 : dot / Math.sqrt(refSq * candSq || Number.MIN_VALUE);
  return { cosine, maxAbs, absSum, errSq, refSq };
}

/** One tensor pair (same shape). NaN in the candidate shows up as NaN errors, never as a good score. */
export function compareTensors(reference: Float32Array, candidate: Float32Array): TensorComparison {
  if (reference.length !== candidate.length) {
    throw new Error(`cannot compare tensors of ${reference.length} and ${candidate.length} elements`);
  }
  const r = rawCompare(reference, candidate);
  return {
    cosine: r.cosine,
    maxAbsError: r.maxAbs,
    meanAbsError: reference.length ? r.absSum / reference.length : 0,
    relativeError: r.refSq === 0 ? (r.errSq === 0 ? 0 : 1) : Math.sqrt(r.errSq / r.refSq),
    snrDb: snr(r.refSq, r.errSq),
  };
}

/** The class index per row of a [N, C] (or [C]) score tensor, best first, top k. */
export function topK(values: Float32Array, classes: number, k: number): number[][] {
  const rows: number[][] = [];
  for (let offset = 0; offset + classes <= values.length; offset += classes) {
    const order = Array.from({ length: classes }, (_, i) => i);
    order.sort((a, b) => values[offset + b]! - values[offset + a]!);
    rows.push(order.slice(0, k));
  }
  return rows;
}

/** A [N, C] or [C] float output with C >= 2 classes. */
export function isClassifierShaped(tensor: NamedTensor): boolean {
  const dims = tensor.dims;
  const float = tensor.dtype === 'float32' || tensor.dtype === 'float16';
  return float && ((dims.length === 2 && dims[1]! >= 2) || (dims.length === 1 && dims[0]! >= 2));
}

export function isFloatTensor(tensor: NamedTensor): boolean {
  return tensor.dtype === 'float32' || tensor.dtype === 'float16';
}

export interface AccuracyOptions {
  /**
   * 'auto' (default): top-1/top-5 agreement on classifier-shaped float outputs; 'off' when the model
   * is a detector (a [N, 300] scores output is not a class distribution).
   */
  classifier?: 'auto' | 'off';
  /** How detections are matched (IoU and score thresholds). */
  detection?: MatchOptions;
}

/** Accumulates comparisons input by input; `result()` gives the canonical AccuracyResult. */
export class AccuracyAccumulator {
  private readonly outputs = new Map<string, FloatTotals | IntegerTotals>();
  private inputs = 0;
  private top1 = { agree: 0, total: 0 };
  private top5 = { agree: 0, total: 0 };
  private boxes: DetectionCounts | null = null;
  /** The task tally before each input: sampleTallies() takes the differences. */
  private readonly sampleStarts: SampleTally[] = [];

  constructor(private readonly options: AccuracyOptions = {}) {}

  /** Compares every output the reference has; the candidate must have the same names and shapes. */
  add(reference: Record<string, NamedTensor>, candidate: Record<string, NamedTensor>): void {
    this.sampleStarts.push(this.taskTally() ?? { numerator: 0, denominator: 0 });
    this.inputs++;
    for (const [name, ref] of Object.entries(reference)) {
      const cand = candidate[name];
      if (!cand) throw new Error(`the variant has no output "${name}"`);
      if (ref.dims.join('x') !== cand.dims.join('x')) {
        throw new Error(`output "${name}" is [${cand.dims}] in the variant, [${ref.dims}] in the reference`);
      }
      if (!isFloatTensor(ref)) {
        this.addInteger(name, ref, cand);
        continue;
      }
      const r = floatValues(ref);
      const c = floatValues(cand);
      this.addFloat(name, r, c);
      if (this.options.classifier !== 'off' && isClassifierShaped(ref))
        this.addClassifier(r, c, ref.dims.at(-1)!);
    }
  }

  private addInteger(name: string, reference: NamedTensor, candidate: NamedTensor): void {
    const r = reference.data as ArrayLike<number | bigint>;
    const c = candidate.data as ArrayLike<number | bigint>;
    let equal = 0;
    for (let i = 0; i < r.length; i++) if (r[i] === c[i]) equal++;
    const totals = this.outputs.get(name) ?? { kind: 'integer', equal: 0, elements: 0 };
    if (totals.kind !== 'integer') throw new Error(`output "${name}" changed dtype between inputs`);
    totals.equal += equal;
    totals.elements += r.length;
    this.outputs.set(name, totals);
  }

  private addFloat(name: string, reference: Float32Array, candidate: Float32Array): void {
    const raw = rawCompare(reference, candidate);
    const totals = this.outputs.get(name) ?? {
      kind: 'float',
      worstCosine: 1,
      maxAbsError: 0,
      absErrorSum: 0,
      errorSquares: 0,
      referenceSquares: 0,
      elements: 0,
    };
    if (totals.kind !== 'float') throw new Error(`output "${name}" changed dtype between inputs`);
    totals.worstCosine = Number.isNaN(raw.cosine) ? NaN : Math.min(totals.worstCosine, raw.cosine);
    totals.maxAbsError = Number.isNaN(raw.maxAbs) ? NaN : Math.max(totals.maxAbsError, raw.maxAbs);
    totals.absErrorSum += raw.absSum;
    totals.errorSquares += raw.errSq;
    totals.referenceSquares += raw.refSq;
    totals.elements += reference.length;
    this.outputs.set(name, totals);
  }

  private addClassifier(reference: Float32Array, candidate: Float32Array, classes: number): void {
    const k = Math.min(5, classes);
    const refTop = topK(reference, classes, k);
    const candTop = topK(candidate, classes, k);
    refTop.forEach((row, i) => {
      this.top1.total++;
      if (row[0] === candTop[i]![0]) this.top1.agree++;
      if (classes >= 5) {
        this.top5.total++;
        if (candTop[i]!.includes(row[0]!)) this.top5.agree++;
      }
    });
  }

  /** One input's detections after post-processing (decode + NMS, or a DETR's selected queries). */
  addBoxes(reference: Box[], candidate: Box[]): void {
    const counts = matchDetections(reference, candidate, this.options.detection);
    this.boxes ??= { matched: 0, reference: 0, candidate: 0 };
    this.boxes.matched += counts.matched;
    this.boxes.reference += counts.reference;
    this.boxes.candidate += counts.candidate;
  }

  /**
   * The task metric as a ratio of counts when it is one (box agreement: 2 x matched over reference
   * plus candidate boxes; top-1: agreeing rows over rows), so a caller can take it sample by sample
   * (see paired-difference.ts). Null when the task metric is a cosine or an output agreement.
   */
  private taskTally(): SampleTally | null {
    if (this.boxes)
      return { numerator: 2 * this.boxes.matched, denominator: this.boxes.reference + this.boxes.candidate };
    if (this.top1.total > 0) return { numerator: this.top1.agree, denominator: this.top1.total };
    return null;
  }

  /**
   * Each input's share of the task tally (its boxes added after it count as its own), in the order
   * they were added: the samples of a paired comparison (pairedDifference). Null when the task
   * metric is not a ratio of counts.
   */
  sampleTallies(): SampleTally[] | null {
    const end = this.taskTally();
    if (!end) return null;
    return this.sampleStarts.map((start, i) => {
      const next = this.sampleStarts[i + 1] ?? end;
      return {
        numerator: next.numerator - start.numerator,
        denominator: next.denominator - start.denominator,
      };
    });
  }

  result(variantId: string, referenceVariantId: string): AccuracyResult {
    const outputs = [...this.outputs].map(([name, t]): OutputAccuracy => {
      if (t.kind === 'integer')
        return {
          name,
          kind: 'integer',
          agreement: t.elements ? t.equal / t.elements : 1,
          elements: t.elements,
        };
      return {
        name,
        kind: 'float',
        cosine: t.worstCosine,
        maxAbsError: t.maxAbsError,
        meanAbsError: t.elements ? t.absErrorSum / t.elements : 0,
        relativeError: t.referenceSquares === 0 ? 0 : Math.sqrt(t.errorSquares / t.referenceSquares),
        snrDb: snr(t.referenceSquares, t.errorSquares),
      };
    });
    const partial: Omit<AccuracyResult, 'task'> = {
      variantId,
      referenceVariantId,
      inputs: this.inputs,
      outputs,
    };
    if (this.top1.total > 0) partial.top1Agreement = this.top1.agree / this.top1.total;
    if (this.top5.total > 0) partial.top5Agreement = this.top5.agree / this.top5.total;
    if (this.boxes) {
      partial.detection = detectionAgreement(this.boxes, this.options.detection);
      partial.boxAgreement = partial.detection.agreement;
    }
    return { ...partial, task: taskMetric(partial) };
  }
}

/** The task's metric: boxes for a detector, top-1 for a classifier, else the worst output of one kind. */
export function taskMetric(result: Omit<AccuracyResult, 'task'>): TaskMetric {
  if (result.detection) return { kind: 'box-agreement', value: result.detection.agreement };
  if (result.top1Agreement !== undefined) return { kind: 'top1-agreement', value: result.top1Agreement };
  const floats = result.outputs.flatMap((o) => (o.kind === 'float' ? [o.cosine] : []));
  if (floats.length > 0) return { kind: 'cosine', value: Math.min(...floats) };
  const integers = result.outputs.flatMap((o) => (o.kind === 'integer' ? [o.agreement] : []));
  return { kind: 'output-agreement', value: integers.length ? Math.min(...integers) : 1 };
}

/** Worst cosine over the float outputs only; null when there are none. */
export function worstFloatCosine(result: Pick<AccuracyResult, 'outputs'>): number | null {
  const cosines = result.outputs.flatMap((o) => (o.kind !== 'integer' ? [o.cosine] : []));
  return cosines.length ? Math.min(...cosines) : null;
}
