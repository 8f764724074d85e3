import { describe, expect, it } from 'vitest';
import {
  AbsHistogram,
  entropyThresholdBins,
  percentileAmax,
} from '../../../electron/core/precision/range-methods';

const bins = (f: (k: number) => number) => Float64Array.from({ length: 2048 }, (_, k) => f(k));

describe('entropy calibration (TensorRT / pytorch-quantization rule)', () => {
  // Expected bins from pytorch-quantization's _compute_amax_entropy run verbatim in numpy/scipy
  // (O(n^2) reference with np.digitize and scipy.stats.entropy) on the same histograms.
  it('picks the same threshold as the reference on a decaying histogram with outliers', () => {
    const a = bins((k) => Math.floor(1e6 * Math.exp(-k / 90)));
    a[1900]! += 5;
    a[2047]! += 1;
    expect(entropyThresholdBins(a)).toBe(1024);
  });

  it('on a half-normal histogram', () => {
    expect(entropyThresholdBins(bins((k) => Math.floor(5e5 * Math.exp(-0.5 * (k / 400) ** 2))))).toBe(1921);
  });

  it('on a ReLU-like histogram (zero spike, uniform, a far outlier): keeps the full range', () => {
    const c = bins((k) => (k < 1024 ? 300 : 0));
    c[0] = 1e6;
    c[2047] = 2;
    expect(entropyThresholdBins(c)).toBe(2048);
  });
});

describe('AbsHistogram and percentile', () => {
  it('bins |x| over [0, absMax], the maximum in the last bin', () => {
    const h = new AbsHistogram(4, 4);
    h.add([0, -0.5, 1, 1.5, -3.9, 4, NaN]);
    expect([...h.counts]).toEqual([2, 2, 0, 2]);
    expect(h.edge(2)).toBe(2);
  });

  it('percentile returns the lower edge of the bin where the CDF reaches p', () => {
    const h = new AbsHistogram(10, 10);
    h.add(Array.from({ length: 1000 }, (_, i) => (i < 990 ? 0.5 : 9.5)));
    expect(percentileAmax(h, 99)).toBe(0);
    expect(percentileAmax(h, 99.5)).toBe(9);
  });
});

describe('growing histograms', () => {
  it('cover widens to powers of two and merging two parts equals one histogram over both', () => {
    const values = Array.from({ length: 4000 }, (_, i) => Math.sin(i) * (i < 2000 ? 3 : 40));
    const whole = new AbsHistogram(0, 64);
    const first = new AbsHistogram(0, 64);
    const second = new AbsHistogram(0, 64);
    const feed = (h: AbsHistogram, chunk: number[]) => {
      h.cover(Math.max(...chunk.map(Math.abs)));
      h.add(chunk);
    };
    for (let at = 0; at < values.length; at += 500) {
      const chunk = values.slice(at, at + 500);
      feed(whole, chunk);
      feed(at % 1000 === 0 ? first : second, chunk);
    }
    expect(whole.absMax).toBe(64);
    first.merge(second);
    expect(first.absMax).toBe(64);
    expect([...first.counts]).toEqual([...whole.counts]);
    expect(first.observedMax).toBe(whole.observedMax);
    expect(percentileAmax(first, 99)).toBe(percentileAmax(whole, 99));
  });
});
