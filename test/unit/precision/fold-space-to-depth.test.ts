/**
 * A space-to-depth made of strided Slices and a Concat (YOLOX's Focus) folded into the Conv that reads
 * it: the same outputs on ONNX Runtime, no Slice or Concat left, and nothing folded where the rewrite
 * would not be exact.
 */
import * as ort from 'onnxruntime-node';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OnnxDataType, type OnnxModel, type OnnxNode } from '../../../electron/core/onnx/graph';
import { readOnnx } from '../../../electron/core/onnx/reader';
import { encodeOnnx } from '../../../electron/core/onnx/writer';
import { foldSpaceToDepthIntoConvs } from '../../../electron/core/precision/fold-space-to-depth';
import { FIXTURES } from '../../helpers/fixtures';
import { GraphBuilder } from '../onnx-shapes/graph-builder';

// "To the end of the axis" (torch writes INT64_MAX, as in the YOLOX fixture below; beyond a double here).
const TO_THE_END = Number.MAX_SAFE_INTEGER;

interface FocusOptions {
  /** Patch offsets in the Concat's order (YOLOX: top-left, bottom-left, top-right, bottom-right). */
  offsets?: [number, number][];
  /** Cut each patch with one Slice over both axes instead of one Slice per axis. */
  oneSlicePerPatch?: boolean;
  /** The rows' end: TO_THE_END runs to the end of the axis. */
  rowEnd?: number;
  conv?: { kernel: number; stride: number; pads: number[] };
  /** Another reader of the Concat's output besides the Conv. */
  concatAlsoFeeds?: string;
}

/** x [1, 3, 8, 10] -> Focus (block 2) -> Conv [4 out, 12 in]. */
function focusModel(options: FocusOptions = {}): OnnxModel {
  const offsets = options.offsets ?? [
    [0, 0],
    [1, 0],
    [0, 1],
    [1, 1],
  ];
  const { kernel, stride, pads } = options.conv ?? { kernel: 3, stride: 1, pads: [1, 1, 1, 1] };
  const b = new GraphBuilder()
    .input('x', [1, 3, 8, 10])
    .ints('zero', [0])
    .ints('one', [1])
    .ints('end', [TO_THE_END])
    .ints('row_end', [options.rowEnd ?? TO_THE_END])
    .ints('two', [2])
    .ints('axis_h', [2])
    .ints('axis_w', [3])
    .ints('starts_00', [0, 0])
    .ints('starts_10', [1, 0])
    .ints('starts_01', [0, 1])
    .ints('starts_11', [1, 1])
    .ints('ends_hw', [TO_THE_END, TO_THE_END])
    .ints('axes_hw', [2, 3])
    .ints('steps_hw', [2, 2])
    .floats(
      'w',
      Array.from({ length: 4 * 12 * kernel * kernel }, (_, i) => Math.sin(i * 0.7)),
      [4, 12, kernel, kernel],
    )
    .floats('bias', [0.1, -0.2, 0.3, 0]);
  const patches = offsets.map(([dy, dx], k) => {
    const out = `patch_${k}`;
    if (options.oneSlicePerPatch) {
      b.node('Slice', ['x', `starts_${dy}${dx}`, 'ends_hw', 'axes_hw', 'steps_hw'], [out]);
    } else {
      b.node('Slice', ['x', dy ? 'one' : 'zero', 'row_end', 'axis_h', 'two'], [`rows_${k}`]);
      b.node('Slice', [`rows_${k}`, dx ? 'one' : 'zero', 'end', 'axis_w', 'two'], [out]);
    }
    return out;
  });
  b.node('Concat', patches, ['focus'], { axis: 1 });
  b.node('Conv', ['focus', 'w', 'bias'], ['y'], {
    kernel_shape: [kernel, kernel],
    strides: [stride, stride],
    pads,
  });
  if (options.concatAlsoFeeds) b.node(options.concatAlsoFeeds, ['focus'], ['z']).output('z', null);
  return b.output('y', null, OnnxDataType.FLOAT).model(13);
}

async function run(model: OnnxModel, feeds: Record<string, ort.Tensor>) {
  const session = await ort.InferenceSession.create(encodeOnnx(model));
  const out = await session.run(feeds);
  return Object.fromEntries(
    Object.entries(out).map(([k, v]) => [k, { dims: v.dims, data: v.data as Float32Array }]),
  );
}

const x = new ort.Tensor(
  'float32',
  Float32Array.from({ length: 3 * 8 * 10 }, (_, i) => Math.cos(i * 1.3) * 50),
  [1, 3, 8, 10],
);

function ints(n: OnnxNode, name: string): number[] | undefined {
  const a = n.attributes.find((x) => x.name === name);
  return a?.type === 'ints' ? a.value : undefined;
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

describe('foldSpaceToDepthIntoConvs', () => {
  it.each([
    ['one Slice per axis, 3x3 stride 1 pads 1 (YOLOX)', {}],
    ['one Slice per patch over both axes', { oneSlicePerPatch: true }],
    [
      'patches in the space-to-depth order',
      {
        offsets: [
          [0, 0],
          [0, 1],
          [1, 0],
          [1, 1],
        ] as [number, number][],
      },
    ],
    ['a 1x1 Conv with stride 2 and asymmetric pads', { conv: { kernel: 1, stride: 2, pads: [0, 1, 1, 0] } }],
  ])('%s: one Conv on the input, the same outputs', async (_title, options: FocusOptions) => {
    const model = focusModel(options);
    const { model: folded, rewrites } = foldSpaceToDepthIntoConvs(model);
    expect(folded.graph.nodes.map((n) => n.opType)).toEqual(['Conv']);
    const conv = folded.graph.nodes[0]!;
    expect(conv.inputs[0]).toBe('x');
    const k = options.conv?.kernel ?? 3;
    expect(ints(conv, 'kernel_shape')).toEqual([2 * k, 2 * k]);
    const stride = options.conv?.stride ?? 1;
    expect(ints(conv, 'strides')).toEqual([2 * stride, 2 * stride]);
    expect(ints(conv, 'pads')).toEqual((options.conv?.pads ?? [1, 1, 1, 1]).map((p) => 2 * p));
    // The old weight and the Slices' constants are gone; the new weight is [4, 3, 2k, 2k].
    const weight = folded.graph.initializers.find((t) => t.name === conv.inputs[1]);
    expect(weight?.dims).toEqual([4, 3, 2 * k, 2 * k]);
    const left = new Set(folded.graph.initializers.map((t) => t.name));
    const sliceConstants = model.graph.nodes
      .filter((n) => n.opType === 'Slice')
      .flatMap((n) => n.inputs.slice(1));
    expect(sliceConstants.filter((name) => left.has(name))).toEqual([]);
    expect(left.has('w')).toBe(false);
    expect(left.has('bias')).toBe(true);
    expect(rewrites).toHaveLength(1);
    expect(rewrites[0]!.into).toEqual([model.graph.nodes.at(-1)!.name]);
    expect(rewrites[0]!.removed).toHaveLength(model.graph.nodes.length - 1);
    const [before, after] = [await run(model, { x }), await run(folded, { x })];
    expect(after.y!.dims).toEqual(before.y!.dims);
    expect(maxDifference(before.y!.data, after.y!.data)).toBeLessThan(1e-3);
  });

  it.each([
    [
      'a patch missing',
      {
        offsets: [
          [0, 0],
          [1, 0],
          [0, 1],
        ] as [number, number][],
      },
    ],
    [
      'a patch taken twice',
      {
        offsets: [
          [0, 0],
          [1, 0],
          [0, 1],
          [0, 1],
        ] as [number, number][],
      },
    ],
    ['rows that stop before the end of the axis', { rowEnd: 6 }],
    ['a Concat that also feeds a Relu', { concatAlsoFeeds: 'Relu' }],
  ])('leaves %s alone', (_title, options: FocusOptions) => {
    const model = focusModel(options);
    const { model: same, rewrites } = foldSpaceToDepthIntoConvs(model);
    expect(rewrites).toEqual([]);
    expect(same).toBe(model);
  });

  it("folds YOLOX-Nano's Focus (8 Slices, Concat_40) into Conv_41 and keeps its detections", async () => {
    const model = readOnnx(path.join(FIXTURES, 'models', 'yolox_nano_416.onnx'));
    const { model: folded, rewrites } = foldSpaceToDepthIntoConvs(model);
    expect(rewrites.map((r) => r.into)).toEqual([['Conv_41']]);
    expect(rewrites[0]!.removed).toHaveLength(9);
    expect(folded.graph.nodes.filter((n) => n.opType === 'Slice')).toEqual([]);
    expect(folded.graph.nodes.length).toBe(model.graph.nodes.length - 9);
    const image = new ort.Tensor(
      'float32',
      Float32Array.from({ length: 3 * 416 * 416 }, (_, i) => (i * 7919) % 256),
      [1, 3, 416, 416],
    );
    const [before, after] = [await run(model, { images: image }), await run(folded, { images: image })];
    const out = Object.keys(before)[0]!;
    const reference = before[out]!.data;
    const scale = reference.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    // The same products summed in another order: float rounding, a few parts in 100,000.
    expect(maxDifference(reference, after[out]!.data)).toBeLessThan(scale * 1e-4);
  });
});
