/**
 * Accuracy of a variant against the FP32 reference on the same K inputs: per output, cosine
 * similarity, max and mean absolute error, relative error (||e|| / ||ref||) and SNR (dB); top-1/top-5
 * agreement for classifier-shaped outputs; decoded-box agreement for detectors (boxes given by the
 * caller's post-processing).
 *
 * `cosine` is the worst per-input cosine (one bad input is not averaged away); the other errors are
 * over all elements of all inputs.
 */
import { floatValues, type NamedTensor } from '../model/tensor';
import type { AccuracyResult } from '../model/types';
import { matchBoxes, type Box } from '../pipeline/boxes';

/** An exact match has infinite SNR; JSON has no Infinity, so SNR is capped here. */
export const MAX_SNR_DB = 200;

interface OutputTotals {
  worstCosine: number;
  maxAbsError: number;
  absErrorSum: number;
  errorSquares: number;
  referenceSquares: number;
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

/** Accumulates comparisons input by input; `result()` gives the canonical AccuracyResult. */
export class AccuracyAccumulator {
  private readonly outputs = new Map<string, OutputTotals>();
  private inputs = 0;
  private top1 = { agree: 0, total: 0 };
  private top5 = { agree: 0, total: 0 };
  private boxes = { matched: 0, total: 0 };

  /** Compares every output the reference has; the candidate must have the same names and shapes. */
  add(reference: Record<string, NamedTensor>, candidate: Record<string, NamedTensor>): void {
    this.inputs++;
    for (const [name, ref] of Object.entries(reference)) {
      const cand = candidate[name];
      if (!cand) throw new Error(`the variant has no output "${name}"`);
      if (ref.dims.join('x') !== cand.dims.join('x')) {
        throw new Error(`output "${name}" is [${cand.dims}] in the variant, [${ref.dims}] in the reference`);
      }
      const r = floatValues(ref);
      const c = floatValues(cand);
      this.addOutput(name, r, c);
      if (isClassifierShaped(ref)) this.addClassifier(r, c, ref.dims.at(-1)!);
    }
  }

  private addOutput(name: string, reference: Float32Array, candidate: Float32Array): void {
    const raw = rawCompare(reference, candidate);
    const totals = this.outputs.get(name) ?? {
      worstCosine: 1,
      maxAbsError: 0,
      absErrorSum: 0,
      errorSquares: 0,
      referenceSquares: 0,
      elements: 0,
    };
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

  /** Detector outputs after decode + NMS: share of reference boxes the variant also finds (IoU >= 0.5, same class). */
  addBoxes(reference: Box[], candidate: Box[], iouThreshold = 0.5): void {
    const { matched } = matchBoxes(reference, candidate, iouThreshold);
    this.boxes.matched += matched;
    this.boxes.total += reference.length;
  }

  result(variantId: string, referenceVariantId: string): AccuracyResult {
    const result: AccuracyResult = {
      variantId,
      referenceVariantId,
      inputs: this.inputs,
      outputs: [...this.outputs].map(([name, t]) => ({
        name,
        cosine: t.worstCosine,
        maxAbsError: t.maxAbsError,
        meanAbsError: t.elements ? t.absErrorSum / t.elements : 0,
        relativeError: t.referenceSquares === 0 ? 0 : Math.sqrt(t.errorSquares / t.referenceSquares),
        snrDb: snr(t.referenceSquares, t.errorSquares),
      })),
    };
    if (this.top1.total > 0) result.top1Agreement = this.top1.agree / this.top1.total;
    if (this.top5.total > 0) result.top5Agreement = this.top5.agree / this.top5.total;
    if (this.boxes.total > 0) result.boxAgreement = this.boxes.matched / this.boxes.total;
    return result;
  }
}
