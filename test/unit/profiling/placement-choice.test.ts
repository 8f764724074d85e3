/** The rule that picks an INT8 placement from those that kept the task metric. */
import { describe, expect, it } from 'vitest';
import {
  fewestIslandsAmongFastest,
  keepsTaskMetric,
  type Eligible,
} from '../../../electron/core/profiling/calibration-selection';

const placement = (name: Eligible['name'], islands: number, value: number, latencyMs?: number): Eligible => ({
  name,
  options: {},
  islands,
  value,
  ...(latencyMs === undefined ? {} : { latencyMs }),
});

describe('fewestIslandsAmongFastest', () => {
  it('takes fewer float islands when they run within 3% of the fastest', () => {
    const chosen = fewestIslandsAmongFastest(
      [
        placement('stem and output head in float', 2, 0.9, 10.0),
        placement('output head in INT8', 1, 0.9, 10.2),
        placement('stem and output head in INT8', 0, 0.9, 10.25),
      ],
      true,
    );
    expect(chosen.name).toBe('stem and output head in INT8');
  });

  it('keeps the fastest when the one with fewer islands is measurably slower', () => {
    const chosen = fewestIslandsAmongFastest(
      [
        placement('stem and output head in float', 2, 0.9, 10.0),
        placement('stem and output head in INT8', 0, 0.9, 10.5),
        placement('output head in INT8', 1, 0.9, 9.0),
      ],
      true,
    );
    expect(chosen.name).toBe('output head in INT8');
  });

  it('untimed: the fewest islands, then the better task metric', () => {
    const chosen = fewestIslandsAmongFastest(
      [
        placement('stem and output head in float', 2, 0.95),
        placement('stem in INT8', 1, 0.9),
        placement('output head in INT8', 1, 0.93),
      ],
      false,
    );
    expect(chosen.name).toBe('output head in INT8');
  });
});

describe('keepsTaskMetric', () => {
  it('keeps a loss within half a point whatever the samples', () => {
    expect(keepsTaskMetric(0.914, 0.91, null)).toBe(true);
    expect(keepsTaskMetric(0.914, 0.9, null)).toBe(false);
  });

  it('keeps a larger loss that 48 held-out images cannot tell from their noise', () => {
    // FastestDet's all-INT8 placement on the folds: 1.3 points below, standard error 1.4.
    const paired = { difference: 0.013, standardError: 0.014, samples: 48 };
    expect(keepsTaskMetric(0.914, 0.901, paired)).toBe(true);
  });

  it("refuses a loss the images do show (YOLOX's stem in INT8: 39 points, standard error 4.6)", () => {
    const paired = { difference: 0.389, standardError: 0.046, samples: 48 };
    expect(keepsTaskMetric(0.912, 0.523, paired)).toBe(false);
  });

  it('leans on the plain tolerance when too few samples were judged to trust their standard error', () => {
    const paired = { difference: 0.013, standardError: 0.014, samples: 9 };
    expect(keepsTaskMetric(0.914, 0.901, paired)).toBe(false);
  });
});
