/**
 * The accuracy view over results of each kind: a float output gets cosine, SNR and errors, an integer
 * output its agreement, and the headline is the task's figure (top-1, boxes) or the worst float
 * cosine, never a minimum across outputs of different kinds; the per-layer curve and its first jump;
 * what the inputs were; the variants under the threshold.
 */
import { describe, expect, it } from 'vitest';
import { taskMetric } from '../../../electron/core/analysis/accuracy';
import { accuracyHeadline } from '../../../electron/core/analysis/accuracy-headline';
import { accuracyView, evaluationSourceOf } from '../../../electron/core/analysis/accuracy-view';
import type { AccuracyResult } from '../../../electron/core/model/types';

const float = (name: string, cosine: number) => ({
  name,
  kind: 'float',
  cosine,
  maxAbsError: 0.02,
  meanAbsError: 0.004,
  relativeError: 0.01,
  snrDb: 38.5,
});

/** A result as the accuracy job makes it, its task metric chosen by core's own rule. */
function result(id: string, outputs: unknown[], extra: Partial<AccuracyResult> = {}): AccuracyResult {
  const made = {
    variantId: id,
    referenceVariantId: 'fp32',
    inputs: 16,
    outputs: outputs as AccuracyResult['outputs'],
    evaluation: evaluationSourceOf('images:/data/coco-eval'),
    ...extra,
  };
  return { ...made, task: extra.task ?? taskMetric(made) };
}

describe('accuracy view', () => {
  const labels = ['FP32 TensorRT', 'FP16 TensorRT', 'INT8 TensorRT'];
  const fp16 = result('fp16', [
    float('boxes', 0.99999),
    { name: 'labels', kind: 'integer', agreement: 1, elements: 100 },
  ]);
  const int8 = result(
    'int8',
    [float('boxes', 0.9981), { name: 'labels', kind: 'integer', agreement: 0.5, elements: 100 }],
    {
      perLayer: [
        { tensor: 'a', node: 'conv1', cosine: 0.99999, maxAbsError: 0.001 },
        { tensor: 'b', node: 'conv2', cosine: 0.97, maxAbsError: 0.3 },
        { tensor: 'c', node: 'conv3', cosine: 0.96, maxAbsError: 0.4 },
      ],
      firstJump: { tensor: 'b', node: 'conv2', cosine: 0.97 },
    },
  );

  it('gives each output the metrics of its kind', () => {
    const view = accuracyView(labels, [undefined, fp16, int8], { rowKeyOf: (node) => `row:${node}` });
    expect(view.outputs.map((o) => [o.name, o.kind])).toEqual([
      ['boxes', 'float'],
      ['labels', 'integer'],
    ]);
    expect(view.outputs[0]!.cells[0]).toBeNull();
    expect(view.outputs[0]!.cells[2]!.map((m) => m.name)).toEqual([
      'cosine',
      'SNR',
      'max abs error',
      'mean abs error',
    ]);
    expect(view.outputs[1]!.cells[2]).toEqual([{ name: 'agreement', value: 0.5, better: 'higher' }]);
  });

  it('heads each variant with the worst float cosine, not the integer agreement', () => {
    expect(accuracyHeadline(int8)).toEqual({
      kind: 'cosine',
      label: 'worst output cosine',
      value: 0.9981,
      inputs: 16,
    });
    const classifier = result('int8', [float('logits', 0.99)], { top1Agreement: 0.9375 });
    expect(accuracyHeadline(classifier)!.kind).toBe('top1-agreement');
    const detection = {
      agreement: 0.95,
      precision: 0.96,
      recall: 0.94,
      matched: 47,
      referenceBoxes: 50,
      candidateBoxes: 49,
      iouThreshold: 0.5,
      scoreThreshold: 0.3,
    };
    const detector = result('int8', [float('out', 0.9)], {
      detection,
      boxAgreement: 0.95,
      top1Agreement: 0.5,
    });
    expect(accuracyHeadline(detector)).toMatchObject({ kind: 'box-agreement', value: 0.95 });
    // A session saved before results carried their task metric: the same rule, applied here.
    const { task: _task, ...old } = classifier;
    expect(accuracyHeadline(old as AccuracyResult)).toMatchObject({ kind: 'top1-agreement', value: 0.9375 });
  });

  it('flags the variants under the threshold and says what the inputs were', () => {
    const view = accuracyView(labels, [undefined, fp16, int8], { threshold: 0.999 });
    expect(view.variants.map((v) => v.headline?.belowThreshold ?? null)).toEqual([null, false, true]);
    expect(view.flagged).toEqual(['INT8 TensorRT: worst output cosine 0.9981 is under your threshold 0.999']);
    expect(view.judgedOn).toEqual({
      inputs: 16,
      kind: 'images',
      description: '16 real images from coco-eval',
    });
    const random = result('fp16', [float('out', 1)], {
      evaluation: evaluationSourceOf('random:4'),
      inputs: 4,
    });
    expect(accuracyView(labels.slice(0, 2), [undefined, random]).judgedOn!.description).toMatch(
      /^4 seeded random inputs: no real data/,
    );
  });

  it('draws the per-layer error curve with the first jump, linked to its row', () => {
    const view = accuracyView(labels, [undefined, fp16, int8], { rowKeyOf: (node) => `row:${node}` });
    expect(view.curves).toHaveLength(1);
    const [curve] = view.curves;
    expect(curve!.label).toBe('INT8 TensorRT');
    expect(curve!.points.map((p) => [p.node, Number(p.error.toFixed(5)), p.rowKey])).toEqual([
      ['conv1', 0.00001, 'row:conv1'],
      ['conv2', 0.03, 'row:conv2'],
      ['conv3', 0.04, 'row:conv3'],
    ]);
    expect(curve!.firstJump).toMatchObject({ index: 1, node: 'conv2' });
  });

  it('says when a variant was not judged', () => {
    const view = accuracyView(labels, [undefined, fp16, undefined]);
    expect(view.variants.map((v) => v.missing)).toEqual(['the reference', null, 'not judged']);
    expect(view.outputs[0]!.cells[2]).toBeNull();
  });
});
