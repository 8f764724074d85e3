/** The paired gap between two variants' pooled task metrics on the same samples, and its jackknife error. */
import { describe, expect, it } from 'vitest';
import { pairedDifference, type SampleTally } from '../../../electron/core/analysis/paired-difference';

const tally = (numerator: number, denominator: number): SampleTally => ({ numerator, denominator });

describe('pairedDifference', () => {
  it('matches a hand-computed jackknife', () => {
    // a pools 2/3, b 3/3. Leaving out samples 0, 1, 2: -1/2, 0, -1/2; their mean -1/3; squared
    // deviations 1/36 + 1/9 + 1/36 = 1/6; variance (n-1)/n * 1/6 = 1/9.
    const a = [tally(1, 1), tally(0, 1), tally(1, 1)];
    const b = [tally(1, 1), tally(1, 1), tally(1, 1)];
    const paired = pairedDifference(a, b);
    expect(paired.difference).toBeCloseTo(-1 / 3, 12);
    expect(paired.standardError).toBeCloseTo(1 / 3, 12);
    expect(paired.samples).toBe(3);
  });

  it('pools counts (box agreement) rather than averaging per-sample ratios', () => {
    // Image 0 has 10 boxes, image 1 has 2: a loses one box on image 1, b none.
    const a = [tally(20, 20), tally(2, 4)];
    const b = [tally(20, 20), tally(4, 4)];
    expect(pairedDifference(a, b).difference).toBeCloseTo(22 / 24 - 1, 12);
  });

  it('does not depend on the order of the samples, and is zero for identical variants', () => {
    const a = [tally(8, 10), tally(3, 4), tally(6, 6), tally(0, 2)];
    const b = [tally(10, 10), tally(4, 4), tally(5, 6), tally(1, 2)];
    const forward = pairedDifference(a, b);
    const reversed = pairedDifference([...a].reverse(), [...b].reverse());
    expect(reversed.difference).toBeCloseTo(forward.difference, 12);
    expect(reversed.standardError).toBeCloseTo(forward.standardError, 12);
    expect(pairedDifference(a, a)).toEqual({ difference: 0, standardError: 0, samples: 4 });
  });

  it('refuses samples that are not paired', () => {
    expect(() => pairedDifference([tally(1, 1)], [])).toThrow('paired samples differ in number: 1 and 0');
  });
});
