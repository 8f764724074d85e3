import { describe, expect, it } from 'vitest';
import {
  AccuracyAccumulator,
  MAX_SNR_DB,
  compareTensors,
  topK,
} from '../../../electron/core/analysis/accuracy';
import { iou, nonMaxSuppression } from '../../../electron/core/pipeline/boxes';
import { box } from '../../helpers/boxes';
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
    const output = result.outputs[0]!;
    expect(output.kind).toBe('float');
    if (output.kind !== 'float') return;
    expect(output.cosine).toBeCloseTo(expected.cosine, 6);
    expect(output.maxAbsError).toBeCloseTo(0.2, 6);
    expect(result.task).toEqual({ kind: 'top1-agreement', value: 3 / 4 });
  });

  it("gives each input's share of the task metric: top-1 rows, or its boxes", () => {
    const top1 = new AccuracyAccumulator();
    top1.add({ y: f32([0.9, 0.1, 0.2, 0.8], [2, 2]) }, { y: f32([0.9, 0.1, 0.2, 0.8], [2, 2]) });
    top1.add({ y: f32([0.6, 0.4, 0.3, 0.7], [2, 2]) }, { y: f32([0.4, 0.6, 0.3, 0.7], [2, 2]) });
    expect(top1.sampleTallies()).toEqual([
      { numerator: 2, denominator: 2 },
      { numerator: 1, denominator: 2 },
    ]);

    const boxes = new AccuracyAccumulator({ classifier: 'off' });
    const scores = { s: f32([0.5]) };
    // input 1: two boxes, both found; input 2: one reference box missed, one spurious box.
    boxes.add(scores, scores);
    boxes.addBoxes([box(0, 0, 10, 10), box(20, 20, 30, 30)], [box(0, 0, 10, 10), box(20, 20, 30, 30)]);
    boxes.add(scores, scores);
    boxes.addBoxes([box(0, 0, 10, 10)], [box(50, 50, 60, 60)]);
    // 2 x matched over reference + candidate boxes: pooled (4 + 0) / (4 + 2) = box agreement.
    expect(boxes.sampleTallies()).toEqual([
      { numerator: 4, denominator: 4 },
      { numerator: 0, denominator: 2 },
    ]);
    expect(boxes.result('int8', 'fp32').task.value).toBeCloseTo(4 / 6, 12);
    // A cosine task metric is not a ratio of counts.
    const cosine = new AccuracyAccumulator();
    cosine.add(scores, scores);
    expect(cosine.sampleTallies()).toBeNull();
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
});

describe('outputs by kind', () => {
  it('integer outputs (labels) are judged by agreement, not cosine, and never set the task metric', () => {
    const labels = (values: number[]): NamedTensor => ({
      dtype: 'int64',
      dims: [1, values.length],
      data: BigInt64Array.from(values, (v) => BigInt(v)),
    });
    const acc = new AccuracyAccumulator({ classifier: 'off' });
    acc.add(
      { labels: labels([3, 1, 4, 1]), scores: f32([0.9, 0.5, 0.4, 0.1], [1, 4]) },
      { labels: labels([3, 1, 5, 9]), scores: f32([0.9, 0.5, 0.4, 0.1], [1, 4]) },
    );
    const result = acc.result('fp16', 'fp32');
    expect(result.outputs[0]).toEqual({ name: 'labels', kind: 'integer', agreement: 0.5, elements: 4 });
    expect(result.outputs[1]).toMatchObject({ name: 'scores', kind: 'float', cosine: 1 });
    // classifier 'off' (a detector): the [1, 4] scores are not a class distribution.
    expect(result.top1Agreement).toBeUndefined();
    expect(result.task).toEqual({ kind: 'cosine', value: 1 });
  });
});
