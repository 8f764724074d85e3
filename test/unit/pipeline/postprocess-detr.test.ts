/** DETR-family post-processing: layouts told from outputs, detections above the score threshold. */
import { describe, expect, it } from 'vitest';
import type { NamedTensor } from '../../../electron/core/model/tensor';
import { StudioError } from '../../../electron/core/errors';
import { detectPostprocess, postprocess } from '../../../electron/core/pipeline/postprocess';
import { detrLayout, type OutputDescription } from '../../../electron/core/pipeline/postprocess-detr';
import { sampleDetrModel } from '../../../assets/make-sample-detr';
import { modelOf } from '../../helpers/onnx-model';

const f32 = (dims: number[], values: number[]): NamedTensor => ({
  dtype: 'float32',
  dims,
  data: Float32Array.from(values),
});
const i64 = (dims: number[], values: number[]): NamedTensor => ({
  dtype: 'int64',
  dims,
  data: BigInt64Array.from(values, (v) => BigInt(v)),
});
const geometry = { inputWidth: 320, inputHeight: 320 };

describe('detrLayout', () => {
  const out = (
    name: string,
    kind: OutputDescription['kind'],
    dims: (number | string)[],
  ): OutputDescription => ({
    name,
    kind,
    dims,
  });

  it('finds the deployed layout by names, in any order', () => {
    expect(
      detrLayout([
        out('scores', 'float', ['N', 300]),
        out('labels', 'integer', ['N', 300]),
        out('boxes', 'float', ['N', 300, 4]),
      ]),
    ).toEqual({ kind: 'deployed', labels: 'labels', boxes: 'boxes', scores: 'scores' });
  });

  it('falls back on dtypes and shapes when names say nothing', () => {
    expect(
      detrLayout([
        out('o0', 'integer', [1, 100]),
        out('o1', 'float', [1, 100, 4]),
        out('o2', 'float', [1, 100]),
      ]),
    ).toEqual({
      kind: 'deployed',
      labels: 'o0',
      boxes: 'o1',
      scores: 'o2',
    });
  });

  it('finds a raw head (pred_logits, pred_boxes) and refuses a YOLO output', () => {
    expect(
      detrLayout([out('pred_logits', 'float', [1, 300, 80]), out('pred_boxes', 'float', [1, 300, 4])]),
    ).toEqual({
      kind: 'raw',
      logits: 'pred_logits',
      boxes: 'pred_boxes',
    });
    expect(detrLayout([out('output', 'float', [1, 3549, 85])])).toBeNull();
  });

  it('recognizes the studio DETR-style sample and nothing else in a classifier', () => {
    expect(detectPostprocess(sampleDetrModel())).toBe('detr');
    const graph = { ...sampleDetrModel().graph, outputs: [sampleDetrModel().graph.outputs[2]!] };
    expect(detectPostprocess(modelOf(graph))).toBeUndefined();
  });
});

describe('postprocess detr', () => {
  it('keeps the queries scoring at least 0.5, best first, with their labels, no NMS', () => {
    const result = postprocess(
      'detr',
      {
        labels: i64([1, 3], [7, 2, 7]),
        boxes: f32([1, 3, 4], [10, 10, 50, 50, 0, 0, 5, 5, 12, 12, 52, 52]),
        scores: f32([1, 3], [0.6, 0.4, 0.9]),
      },
      geometry,
    );
    expect(result.boxes).toEqual([
      { x1: 12, y1: 12, x2: 52, y2: 52, score: expect.closeTo(0.9, 6), classId: 7 },
      { x1: 10, y1: 10, x2: 50, y2: 50, score: expect.closeTo(0.6, 6), classId: 7 },
    ]);
    expect(result.boxSpace).toBe('pixels');
    expect(result.steps.map((s) => s.stage)).toEqual(['select']);
  });

  it('reads a raw head: sigmoid of the best logit, cx,cy,w,h to corners, normalized', () => {
    const result = postprocess(
      'detr',
      {
        pred_logits: f32([1, 2, 2], [-3, 2, -5, -4]),
        pred_boxes: f32([1, 2, 4], [0.5, 0.5, 0.2, 0.4, 0.1, 0.1, 0.1, 0.1]),
      },
      geometry,
    );
    expect(result.boxSpace).toBe('normalized');
    expect(result.boxes).toHaveLength(1);
    expect(result.boxes![0]).toMatchObject({ classId: 1, score: expect.closeTo(1 / (1 + Math.exp(-2)), 6) });
    expect(result.boxes![0]!.x1).toBeCloseTo(0.4, 6);
    expect(result.boxes![0]!.y2).toBeCloseTo(0.7, 6);
  });

  it('says what it needs when the outputs are not a DETR', () => {
    expect(() => postprocess('detr', { output: f32([1, 2], [0, 1]) }, geometry)).toThrow(StudioError);
    expect(() => postprocess('detr', { output: f32([1, 2], [0, 1]) }, geometry)).toThrow(
      /needs labels \[N,Q\], boxes \[N,Q,4\] and scores \[N,Q\].*the model gives output \[1,2\] float32/,
    );
  });
});
