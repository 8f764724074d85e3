import { describe, expect, it } from 'vitest';
import {
  AccuracyAccumulator,
  MAX_SNR_DB,
  compareTensors,
  topK,
} from '../../../electron/core/analysis/accuracy';
import { iou, matchBoxes, nonMaxSuppression, type Box } from '../../../electron/core/pipeline/boxes';
import type { NamedTensor } from '../../../electron/core/model/tensor';

const f32 = (values: number[], dims = [values.length]): NamedTensor => ({
  dtype: 'float32',
  dims,
  data: Float32Array.from(values),
});

describe('compareTensors', () => {
  it('matches figures worked out by hand', () => {
    // ref (1,2,3), variant (1,2,4): error (0,0,1). dot 17, |ref|^2 14, |cand|^2 21.
    const c = compareTensors(Float32Array.from([1, 2, 3]), Float32Array.from([1, 2, 4]));
    expect(c.cosine).toBeCloseTo(17 / Math.sqrt(14 * 21), 12);
    expect(c.maxAbsError).toBe(1);
    expect(c.meanAbsError).toBeCloseTo(1 / 3, 12);
    expect(c.relativeError).toBeCloseTo(1 / Math.sqrt(14), 12);
    expect(c.snrDb).toBeCloseTo(10 * Math.log10(14), 12);
  });

  it('caps the SNR of an exact match and keeps NaN visible', () => {
    expect(compareTensors(Float32Array.from([1, 2]), Float32Array.from([1, 2])).snrDb).toBe(MAX_SNR_DB);
    expect(compareTensors(Float32Array.from([1, 2]), Float32Array.from([1, NaN])).maxAbsError).toBeNaN();
  });
});

describe('AccuracyAccumulator', () => {
  it('keeps the worst per-input cosine and counts top-1 agreement per row', () => {
    const acc = new AccuracyAccumulator();
    // input 1: identical; input 2: row 0 flips its top class, row 1 keeps it.
    acc.add({ y: f32([0.9, 0.1, 0.2, 0.8], [2, 2]) }, { y: f32([0.9, 0.1, 0.2, 0.8], [2, 2]) });
    acc.add({ y: f32([0.6, 0.4, 0.3, 0.7], [2, 2]) }, { y: f32([0.4, 0.6, 0.3, 0.7], [2, 2]) });
    const result = acc.result('int8', 'fp32');
    expect(result.inputs).toBe(2);
    expect(result.top1Agreement).toBe(3 / 4);
    expect(result.top5Agreement).toBeUndefined(); // 2 classes: top-5 means nothing
    const expected = compareTensors(
      Float32Array.from([0.6, 0.4, 0.3, 0.7]),
      Float32Array.from([0.4, 0.6, 0.3, 0.7]),
    );
    expect(result.outputs[0]!.cosine).toBeCloseTo(expected.cosine, 6);
    expect(result.outputs[0]!.maxAbsError).toBeCloseTo(0.2, 6);
  });

  it('refuses outputs of different shapes', () => {
    const acc = new AccuracyAccumulator();
    expect(() => acc.add({ y: f32([1, 2], [1, 2]) }, { y: f32([1, 2], [2, 1]) })).toThrow(
      /\[2,1\] in the variant/,
    );
  });

  it('topK orders classes by score', () => {
    expect(topK(Float32Array.from([0.1, 0.5, 0.2, 0.9, 0.0, 0.3]), 6, 3)).toEqual([[3, 1, 5]]);
  });
});

describe('boxes', () => {
  const box = (x1: number, y1: number, x2: number, y2: number, score = 1, classId = 0): Box => ({
    x1,
    y1,
    x2,
    y2,
    score,
    classId,
  });

  it('IoU of two 10x10 boxes shifted by 5 px is 50/150', () => {
    expect(iou(box(0, 0, 10, 10), box(5, 0, 15, 10))).toBeCloseTo(50 / 150, 12);
  });

  it('NMS drops the weaker overlapping box of the same class only', () => {
    const kept = nonMaxSuppression(
      [box(0, 0, 10, 10, 0.9), box(1, 0, 11, 10, 0.8), box(1, 0, 11, 10, 0.7, 1)],
      0.5,
    );
    expect(kept.map((b) => [b.score, b.classId])).toEqual([
      [0.9, 0],
      [0.7, 1],
    ]);
  });

  it('matches at IoU >= 0.5 with the same class, one to one', () => {
    const reference = [box(0, 0, 10, 10), box(20, 20, 30, 30)];
    const candidate = [box(1, 1, 11, 11), box(20, 20, 30, 30, 1, 3)];
    expect(matchBoxes(reference, candidate, 0.5).matched).toBe(1);
  });
});
