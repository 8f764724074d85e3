/**
 * Per-tensor activation ranges from calibration (profiling/collect-ranges.ts measures them), as the
 * INT8 maker and the calibration cache read them.
 */
export type CalibrationMethod = 'minmax' | 'percentile' | 'entropy';

export interface TensorRange {
  /** Observed extremes over the calibration set. */
  min: number;
  max: number;
  /** The chosen symmetric threshold: |max| for minmax, else the method's clip point. */
  amax: number;
}

export interface CalibrationRanges {
  method: CalibrationMethod;
  percentile?: number;
  /** The calibration data spec and how many samples it gave. */
  source: { spec: string; samples: number };
  model: { file: string; sha256: string };
  tensors: Record<string, TensorRange>;
}
