/** The accuracy view of the compared variants (analysis/accuracy-view.ts). Types only. */
import type { AccuracyHeadline } from './comparison';

/** What an output is compared as: floats numerically, integers and labels by agreement. */
export type OutputKind = 'float' | 'integer';

/** The per-output record, read so that outputs with a `kind` (integer agreement) and without both work. */
export interface OutputAccuracyView {
  name: string;
  kind: OutputKind;
  cosine?: number;
  snrDb?: number;
  maxAbsError?: number;
  meanAbsError?: number;
  relativeError?: number;
  agreement?: number;
}

export interface Metric {
  name: 'cosine' | 'SNR' | 'max abs error' | 'mean abs error' | 'relative error' | 'agreement';
  value: number;
  /** Whether larger is better (cosine, SNR, agreement) or smaller (errors). */
  better: 'higher' | 'lower';
  unit?: 'dB';
}

export interface OutputRow {
  name: string;
  kind: OutputKind;
  /** Per variant (compared order); null where the variant was not judged or lacks the output. */
  cells: (Metric[] | null)[];
}

export interface TaskRow {
  name:
    | 'top-1 agreement'
    | 'top-5 agreement'
    | 'matched-box agreement'
    | 'box precision'
    | 'box recall'
    | 'mAP@[.5:.95]'
    | 'reference mAP@[.5:.95]';
  /** Per variant, 0..1; null where the variant has no such figure. */
  values: (number | null)[];
}

export interface VariantAccuracy {
  label: string;
  isReference: boolean;
  headline: (AccuracyHeadline & { belowThreshold: boolean }) | null;
  /** Why there is no figure (the reference itself, not judged). */
  missing: string | null;
}

export interface ErrorCurvePoint {
  /** Position in the reference graph's order. */
  index: number;
  tensor: string;
  node: string;
  cosine: number;
  /** 1 - cosine (0 = identical). */
  error: number;
  maxAbsError: number;
  /** The aligned row of the layer holding the node, when one does. */
  rowKey: string | null;
}

export interface ErrorCurve {
  label: string;
  points: ErrorCurvePoint[];
  /** The first layer whose error jumps over what it inherited. */
  firstJump: ErrorCurvePoint | null;
}

export interface JudgedOn {
  inputs: number;
  kind: 'images' | 'random' | 'arrays' | 'unknown';
  /** One line: "16 real images from coco-eval", "4 seeded random inputs". */
  description: string;
}

export interface AccuracyView {
  variants: VariantAccuracy[];
  outputs: OutputRow[];
  task: TaskRow[];
  curves: ErrorCurve[];
  judgedOn: JudgedOn | null;
  /** Sentences for the variants under the threshold. */
  flagged: string[];
  threshold: number;
}
