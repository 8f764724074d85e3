/** The automatic INT8 choice as tables: methods compared, placements tried, each row's verdict. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PLACEMENT,
  calibrationChoiceTables,
  lossText,
} from '../../../electron/core/model/calibration-choice-table';
import type { CalibrationChoice } from '../../../electron/core/model/types';

const boxes = (value: number) => ({ kind: 'box-agreement' as const, value });

// FastestDet at 16 threads on the H200 machine (GPU-RESULTS run 15), two of its five trials.
const choice: CalibrationChoice = {
  chosen: 'percentile',
  candidates: [
    { method: 'percentile', task: boxes(0.914), cosine: 0.6951, latencyMs: 6.23 },
    { method: 'minmax', task: boxes(0.91), cosine: 0.9427 },
    { method: 'entropy', task: boxes(0.872), cosine: null },
  ],
  calibrationSamples: 32,
  heldOutSamples: 48,
  folds: 3,
  judgedOn: 'held-out',
  placement: {
    chosen: 'stem and output head in INT8',
    trials: [
      {
        placement: 'stem in INT8',
        task: boxes(0.52),
        cosine: 0.69,
        latencyMs: 6.23,
        loss: { value: 0.394, standardError: 0.046 },
        kept: false,
      },
      {
        placement: 'output head in INT8',
        task: boxes(0.914),
        cosine: 0.69,
        loss: { value: 0.0001, standardError: 0.004 },
        kept: true,
      },
      {
        placement: 'stem and output head in INT8',
        task: boxes(0.898),
        cosine: 0.691,
        latencyMs: 5.52,
        loss: { value: 0.016, standardError: 0.023 },
        kept: true,
      },
    ],
  },
};

describe('calibrationChoiceTables', () => {
  const tables = calibrationChoiceTables(choice);

  it('says what judged the choice, and where', () => {
    expect(tables.judgedBy).toBe('box agreement against FP32 on 48 held-out calibration samples in 3 folds');
  });

  it('lists every method with its task metric and cosine, the chosen one marked', () => {
    expect(tables.methods).toEqual([
      { method: 'percentile', metric: '91.4%', cosine: '0.6951', chosen: true },
      { method: 'minmax', metric: '91.0%', cosine: '0.9427', chosen: false },
      { method: 'entropy', metric: '87.2%', cosine: '—', chosen: false },
    ]);
  });

  it('puts the default placement first, then each trial with its paired loss and verdict', () => {
    expect(tables.placements).toEqual([
      { placement: DEFAULT_PLACEMENT, metric: '91.4%', loss: '—', latency: '6.23 ms', verdict: 'default' },
      {
        placement: 'stem in INT8',
        metric: '52.0%',
        loss: '39.4 ± 4.6 points below',
        latency: '6.23 ms',
        verdict: 'refused: loses accuracy',
      },
      {
        placement: 'output head in INT8',
        metric: '91.4%',
        loss: '0.0 ± 0.4 points',
        latency: '—',
        verdict: 'kept',
      },
      {
        placement: 'stem and output head in INT8',
        metric: '89.8%',
        loss: '1.6 ± 2.3 points below',
        latency: '5.52 ms',
        verdict: 'chosen',
      },
    ]);
  });

  it('has no placement rows when none was tried, and says when nothing was held out', () => {
    const few = calibrationChoiceTables({
      ...choice,
      placement: undefined,
      judgedOn: 'calibration',
      calibrationSamples: 2,
    });
    expect(few.placements).toEqual([]);
    expect(few.judgedBy).toBe(
      'box agreement against FP32 on the 2 calibration samples themselves (too few to hold some out)',
    );
  });
});

describe('lossText', () => {
  it('says how far below or above, with the standard error, and nothing without a loss', () => {
    expect(lossText({ value: 0.013, standardError: 0.0142 })).toBe(', 1.3 ± 1.4 points below');
    expect(lossText({ value: -0.008, standardError: 0.01 })).toBe(', 0.8 ± 1.0 points above');
    expect(lossText({ value: -0.0001, standardError: 0.004 })).toBe(', 0.0 ± 0.4 points');
    expect(lossText({ value: 0, standardError: 0 })).toBe('');
    expect(lossText(undefined)).toBe('');
  });
});
