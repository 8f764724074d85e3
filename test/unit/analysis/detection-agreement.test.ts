/** Matched-box agreement: one-to-one matching by IoU and class above a score threshold. */
import { describe, expect, it } from 'vitest';
import { AccuracyAccumulator } from '../../../electron/core/analysis/accuracy';
import { detectionAgreement, matchDetections } from '../../../electron/core/analysis/detection-agreement';
import type { Box } from '../../../electron/core/pipeline/boxes';
import { box } from '../../helpers/boxes';
import { seededRandom } from '../../../electron/core/model/tensor';

// Worked by hand. Reference (FP32) above score 0.5: R1 class 0 at (0,0,10,10) 0.9, R2 class 0 at
// (20,0,30,10) 0.8, R3 class 1 at (0,20,10,30) 0.7; R4 scores 0.3, below the threshold.
// Candidate: C1 class 0 (1,0,11,10) 0.85, IoU with R1 90/110 = 0.82; C2 class 0 (25,0,35,10) 0.75,
// IoU with R2 50/150 = 0.33 < 0.5; C3 class 2 at R3's place (wrong class); C4 class 0 exactly at R1,
// 0.6. R1 takes the candidate of highest IoU, C4 (1.0); C1 could match only R1, which is taken.
// Matched 1 of 3 reference and 4 candidate boxes: precision 1/4, recall 1/3, agreement 2/7.
const reference = [
  box(0, 0, 10, 10, 0.9),
  box(20, 0, 30, 10, 0.8),
  box(0, 20, 10, 30, 0.7, 1),
  box(40, 40, 50, 50, 0.3),
];
const candidate = [
  box(1, 0, 11, 10, 0.85),
  box(25, 0, 35, 10, 0.75),
  box(0, 20, 10, 30, 0.7, 2),
  box(0, 0, 10, 10, 0.6),
];

function shuffled<T>(items: T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('matchDetections', () => {
  it('matches the hand-computed case', () => {
    const counts = matchDetections(reference, candidate, { scoreThreshold: 0.5 });
    expect(counts).toEqual({ matched: 1, reference: 3, candidate: 4 });
    const agreement = detectionAgreement(counts, { scoreThreshold: 0.5 });
    expect(agreement.precision).toBeCloseTo(1 / 4, 12);
    expect(agreement.recall).toBeCloseTo(1 / 3, 12);
    expect(agreement.agreement).toBeCloseTo(2 / 7, 12);
    expect(agreement).toMatchObject({ iouThreshold: 0.5, scoreThreshold: 0.5, matched: 1 });
  });

  it('a lower IoU threshold lets the shifted box match too', () => {
    expect(matchDetections(reference, candidate, { scoreThreshold: 0.5, iouThreshold: 0.3 }).matched).toBe(2);
  });

  it('does not depend on query order: shuffled queries give the same counts', () => {
    // 300 DETR-style queries with ties in score and overlapping boxes, shuffled many ways.
    const random = seededRandom(11);
    const queries: Box[] = Array.from({ length: 300 }, () => {
      const x = Math.floor(random() * 20) * 8;
      const y = Math.floor(random() * 20) * 8;
      return box(x, y, x + 24, y + 24, Math.round(random() * 10) / 10, Math.floor(random() * 3));
    });
    const moved = queries.map((b) => ({
      ...b,
      x1: b.x1 + 2,
      x2: b.x2 + 2,
      score: Math.min(1, b.score + 0.05),
    }));
    const expected = matchDetections(queries, moved, { scoreThreshold: 0.5 });
    expect(expected.matched).toBeGreaterThan(0);
    for (let seed = 1; seed <= 20; seed++) {
      expect(
        matchDetections(shuffled(queries, seed), shuffled(moved, seed + 100), { scoreThreshold: 0.5 }),
      ).toEqual(expected);
    }
  });

  it('the accumulator sums counts over inputs and makes box agreement the task metric', () => {
    const acc = new AccuracyAccumulator({ classifier: 'off', detection: { scoreThreshold: 0.5 } });
    acc.add({}, {});
    acc.addBoxes(reference, candidate);
    acc.add({}, {});
    acc.addBoxes(reference, reference);
    const result = acc.result('int8', 'fp32');
    // (1 + 3) matched of (3 + 3) reference and (4 + 3) candidate boxes.
    expect(result.detection).toMatchObject({ matched: 4, referenceBoxes: 6, candidateBoxes: 7 });
    expect(result.task).toEqual({ kind: 'box-agreement', value: 8 / 13 });
    expect(result.boxAgreement).toBe(8 / 13);
  });
});
