/**
 * Choosing a quantization threshold (amax) from what calibration saw. Activations are summarized as
 * a histogram of |x| over [0, absMax] (2048 bins, as TensorRT and pytorch-quantization do):
 * - minmax: amax = absMax;
 * - percentile: the |x| below which p% of the values fall (bin edge where the CDF reaches p);
 * - entropy: TensorRT's IInt8EntropyCalibrator2 rule: for each candidate threshold i (bins 128..2048)
 *   fold the outliers into the last kept bin (reference P), merge the kept bins into 128 levels and
 *   spread them back over the non-empty bins (candidate Q), and keep the i that minimizes KL(P || Q);
 *   the last minimum wins on ties.
 */

export const DEFAULT_BINS = 2048;
export const QUANTIZED_LEVELS = 128;

/**
 * Histogram of |x| over [0, absMax] with `bins` equal bins; values equal to absMax land in the last.
 * `cover` widens the range when a larger value comes (doubling it and merging bin pairs, which is
 * exact), so one pass over the calibration data fills it without knowing the range first.
 */
export class AbsHistogram {
  readonly counts: Float64Array;
  binWidth: number;
  /** The largest |x| added so far (the range may be wider after `cover`). */
  observedMax = 0;

  constructor(
    public absMax: number,
    readonly bins = DEFAULT_BINS,
  ) {
    this.counts = new Float64Array(bins);
    this.binWidth = absMax > 0 ? absMax / bins : 0;
  }

  /**
   * Makes the range reach `value`. A histogram made with range 0 takes the power of two at or above
   * it, and every widening doubles, so two such histograms always merge exactly.
   */
  cover(value: number): void {
    if (!(value > this.absMax)) return;
    if (this.absMax === 0) {
      // Everything so far was 0 and sits in bin 0, which stays [0, width).
      this.absMax = 2 ** Math.ceil(Math.log2(value));
      this.binWidth = this.absMax / this.bins;
      return;
    }
    const counts = this.counts;
    while (this.absMax < value) {
      const half = this.bins >> 1;
      for (let i = 0; i < half; i++) counts[i] = counts[2 * i]! + counts[2 * i + 1]!;
      counts.fill(0, half);
      this.absMax *= 2;
      this.binWidth *= 2;
    }
  }

  /** Adds another histogram's counts (same bin count; both from range 0 with `cover`, or equal ranges). */
  merge(other: AbsHistogram): void {
    if (other.bins !== this.bins) throw new Error('histograms of different bin counts do not merge');
    this.cover(other.absMax);
    const mine = new AbsHistogram(other.absMax, other.bins);
    mine.counts.set(other.counts);
    mine.cover(this.absMax);
    for (let i = 0; i < this.bins; i++) this.counts[i]! += mine.counts[i]!;
    this.observedMax = Math.max(this.observedMax, other.observedMax);
  }

  /** The bins up to the one holding the largest value seen (the rest are empty after `cover`). */
  usedCounts(): Float64Array {
    if (this.binWidth === 0) return this.counts;
    const used = Math.min(this.bins, Math.max(1, Math.ceil(this.observedMax / this.binWidth)));
    return this.counts.subarray(0, used);
  }

  add(values: ArrayLike<number>): void {
    const counts = this.counts;
    const last = this.bins - 1;
    if (this.binWidth === 0) {
      counts[0]! += values.length;
      return;
    }
    const scale = 1 / this.binWidth;
    let observed = this.observedMax;
    for (let i = 0; i < values.length; i++) {
      const v = Math.abs(values[i]!);
      if (Number.isNaN(v)) continue;
      if (v > observed) observed = v;
      const bin = Math.floor(v * scale);
      counts[bin > last ? last : bin]! += 1;
    }
    this.observedMax = observed;
  }

  /** Upper edge of bin `index - 1`, i.e. edges[index]. */
  edge(index: number): number {
    return index === this.bins ? this.absMax : index * this.binWidth;
  }
}

/**
 * The threshold bin count i (startBin..bins) minimizing KL(P || Q), as pytorch-quantization's
 * _compute_amax_entropy (TensorRT's rule), in O(levels) per candidate: with S_P the total count and
 * S_Q the count below i, KL = (sum P log P - sum P log Q) / S_P + log(S_Q / S_P), where every sum is a
 * prefix sum except the last kept bin, which also holds the outliers.
 */
export function entropyThresholdBins(
  histogram: Float64Array,
  levels = QUANTIZED_LEVELS,
  startBin = QUANTIZED_LEVELS,
  stride = 1,
): number {
  const bins = Float64Array.from(histogram);
  // The zero bin is dominated by exact zeros (ReLU outputs); TensorRT's rule ignores that spike.
  if (bins.length > 1) bins[0] = bins[1]!;
  const n = bins.length;
  if (n <= startBin) return n;
  const count = new Float64Array(n + 1); // prefix sums of bins
  const nonZero = new Float64Array(n + 1); // prefix counts of non-empty bins
  const xlogx = new Float64Array(n + 1); // prefix sums of b log b
  for (let k = 0; k < n; k++) {
    const b = bins[k]!;
    count[k + 1] = count[k]! + b;
    nonZero[k + 1] = nonZero[k]! + (b !== 0 ? 1 : 0);
    xlogx[k + 1] = xlogx[k]! + (b > 0 ? b * Math.log(b) : 0);
  }
  const total = count[n]!;
  if (total === 0) return n;
  const starts = new Int32Array(levels + 1);
  let best = n;
  let bestKl = Infinity;
  for (let i = startBin; i <= n; i += stride) {
    const step = i / levels;
    for (let b = 0; b < levels; b++) starts[b] = Math.min(i, Math.ceil(b * step));
    starts[levels] = i;
    const outliers = total - count[i]!;
    const last = bins[i - 1]!;
    let kl: number;
    if (last === 0 && outliers > 0) {
      kl = Infinity; // P has mass where Q has none
    } else {
      const lastP = last + outliers;
      const sumPlogP = xlogx[i - 1]! + (lastP > 0 ? lastP * Math.log(lastP) : 0);
      let sumPlogQ = 0;
      for (let b = 0; b < levels; b++) {
        const from = starts[b]!;
        const to = starts[b + 1]!;
        const mass = count[to]! - count[from]!;
        if (mass === 0) continue;
        const logQ = Math.log(mass / (nonZero[to]! - nonZero[from]!));
        sumPlogQ += mass * logQ;
        if (to === i) sumPlogQ += outliers * logQ; // the last bin's outliers sit in the last bucket
      }
      kl = (sumPlogP - sumPlogQ) / total + Math.log(count[i]! / total);
    }
    if (kl <= bestKl) {
      bestKl = kl;
      best = i;
    }
  }
  return best;
}

export function entropyAmax(histogram: AbsHistogram): number {
  if (histogram.absMax === 0) return 0;
  const edge = histogram.edge(entropyThresholdBins(histogram.usedCounts()));
  return histogram.observedMax > 0 ? Math.min(edge, histogram.observedMax) : edge;
}

/** Lower edge of the bin where the cumulative share of |x| reaches `percentile` (0..100). */
export function percentileAmax(histogram: AbsHistogram, percentile: number): number {
  const counts = histogram.usedCounts();
  let total = 0;
  for (let k = 0; k < counts.length; k++) total += counts[k]!;
  if (total === 0 || histogram.absMax === 0) return 0;
  const target = percentile / 100;
  let cumulative = 0;
  for (let k = 0; k < counts.length; k++) {
    cumulative += counts[k]! / total;
    if (cumulative >= target) return histogram.edge(k);
  }
  return histogram.observedMax || histogram.absMax;
}
