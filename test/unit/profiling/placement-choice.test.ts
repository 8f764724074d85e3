/** The rule that picks an INT8 placement from those that kept the task metric. */
import { describe, expect, it } from 'vitest';
import {
  fewestIslandsAmongFastest,
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
