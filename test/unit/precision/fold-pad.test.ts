/** A zero constant Pad folded into the Conv that reads it: same outputs on ONNX Runtime, no Pad left. */
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { OnnxDataType } from '../../../electron/core/onnx/graph';
import { encodeOnnx } from '../../../electron/core/onnx/writer';
import { foldPadsIntoConvs } from '../../../electron/core/precision/fold-pad';
import { GraphBuilder } from '../onnx-shapes/graph-builder';

function padConv(padValue: number, consumer = 'Conv') {
  const b = new GraphBuilder()
    .input('x', [1, 2, 5, 5])
    .ints('pads', [0, 0, 1, 2, 0, 0, 1, 0])
    .floats('value', [padValue], [])
    .floats(
      'w',
      Array.from({ length: 3 * 2 * 3 * 3 }, (_, i) => Math.sin(i)),
      [3, 2, 3, 3],
    )
    .node('Pad', ['x', 'pads', 'value'], ['padded'], { mode: 'constant' });
  if (consumer === 'Conv')
    b.node('Conv', ['padded', 'w'], ['y'], { kernel_shape: [3, 3], pads: [1, 0, 0, 1] });
  else b.node('Relu', ['padded'], ['y']);
  return b.output('y', null, OnnxDataType.FLOAT).model(13);
}

async function run(model: ReturnType<typeof padConv>) {
  const session = await ort.InferenceSession.create(encodeOnnx(model));
  const x = new ort.Tensor(
    'float32',
    Float32Array.from({ length: 50 }, (_, i) => Math.cos(i)),
    [1, 2, 5, 5],
  );
  const out = (await session.run({ x })).y!;
  return { dims: out.dims, data: Array.from(out.data as Float32Array) };
}

describe('foldPadsIntoConvs', () => {
  it('moves the spatial pads into the Conv and gives the same outputs', async () => {
    const model = padConv(0);
    const { model: folded, folded: count } = foldPadsIntoConvs(model);
    expect(count).toBe(1);
    expect(folded.graph.nodes.map((n) => n.opType)).toEqual(['Conv']);
    const conv = folded.graph.nodes[0]!;
    expect(conv.inputs[0]).toBe('x');
    // Conv pads [top 1, left 0, bottom 0, right 1] + Pad [top 1, left 2, bottom 1, right 0].
    expect(conv.attributes.find((a) => a.name === 'pads')).toEqual({
      name: 'pads',
      type: 'ints',
      value: [2, 2, 1, 1],
    });
    expect(folded.graph.initializers.map((t) => t.name)).toEqual(['w']);
    const [before, after] = [await run(model), await run(folded)];
    expect(after.dims).toEqual(before.dims);
    after.data.forEach((v, i) => expect(v).toBeCloseTo(before.data[i]!, 5));
  });

  it('leaves a non-zero pad value, or a Pad that feeds something else, alone', () => {
    expect(foldPadsIntoConvs(padConv(1)).folded).toBe(0);
    expect(foldPadsIntoConvs(padConv(0, 'Relu')).folded).toBe(0);
  });
});
