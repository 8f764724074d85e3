import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { OnnxDataType } from '../../../electron/core/onnx/graph';
import { readOnnx } from '../../../electron/core/onnx/reader';
import { encodeOnnx } from '../../../electron/core/onnx/writer';
import { exposeIntermediates } from '../../../electron/core/onnx/expose-intermediates';
import { upgradeOpset } from '../../../electron/core/precision/opset-upgrade';
import { makeFp16Variant } from '../../../electron/core/precision/fp16';
import { tensorFromArray } from '../../../electron/core/precision/graph-edit';
import { op, runModel, tinyModel, value } from './tiny-models';
import { fixture } from '../../helpers/fixtures';

const X = Float32Array.from({ length: 24 }, (_, i) => Math.sin(i * 1.7) * 3);
const feeds = () => ({ X: new ort.Tensor('float32', X, [1, 2, 3, 4]) });

describe('opset upgrade', () => {
  // Ops whose signature or meaning changed between 11 and 13; ONNX Runtime runs both the original
  // (with its opset-11 kernels) and the upgraded model: the outputs must agree.
  const ints = (name: string, v: number[]) => ({ name, type: 'ints' as const, value: v });
  const model = tinyModel(
    11,
    [
      op('Softmax', ['X'], ['S'], [{ name: 'axis', type: 'int', value: 1 }]),
      op('Unsqueeze', ['X'], ['U'], [ints('axes', [0])]),
      op('ReduceSum', ['X'], ['R'], [ints('axes', [3])]),
      op('Split', ['X'], ['A', 'B'], [{ name: 'axis', type: 'int', value: 1 }, ints('split', [1, 1])]),
      op('Squeeze', ['A'], ['Q'], [ints('axes', [1])]),
    ],
    [value('X', [1, 2, 3, 4])],
    [
      value('S', [1, 2, 3, 4]),
      value('U', [1, 1, 2, 3, 4]),
      value('R', [1, 2, 3, 1]),
      value('Q', [1, 3, 4]),
      value('B', [1, 1, 3, 4]),
    ],
  );

  it('rewrites Softmax (flatten semantics), Split/Squeeze/Unsqueeze/ReduceSum attributes, same outputs in ORT', async () => {
    const { model: up, notes } = upgradeOpset(model, 13);
    expect(up.opsetImports[0]!.version).toBe(13);
    expect(up.graph.nodes.map((n) => n.opType)).toEqual([
      'Flatten',
      'Softmax',
      'Shape',
      'Reshape',
      'Unsqueeze',
      'ReduceSum',
      'Split',
      'Squeeze',
    ]);
    expect(
      up.graph.nodes.every((n) => !n.attributes.some((a) => a.name === 'axes' || a.name === 'split')),
    ).toBe(true);
    expect(notes[0]).toBe('opset raised from 11 to 13');
    const before = await runModel(model, feeds());
    const after = await runModel(up, feeds());
    for (const name of ['S', 'U', 'R', 'Q', 'B']) {
      expect(after[name]!.length).toBe(before[name]!.length);
      after[name]!.forEach((v, i) => expect(v).toBeCloseTo(before[name]![i]!, 6));
    }
    // Softmax-11 with axis 1 normalizes over 2*3*4 values at once, not over the 2 channels.
    expect(before.S!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });
});

describe('FP16 variant on small graphs', () => {
  it('keeps an op with no float16 type (Range) in FP32 with the reason, casts around it, runs in ORT', async () => {
    const scalar = (name: string, v: number) =>
      tensorFromArray(name, OnnxDataType.FLOAT, [], Float32Array.of(v));
    const model = tinyModel(
      13,
      [op('Range', ['start', 'limit', 'delta'], ['R']), op('Mul', ['V', 'R'], ['Y'])],
      [value('V', [4])],
      [value('Y', [4])],
      {
        initializers: [scalar('start', 0), scalar('limit', 4), scalar('delta', 1)],
      },
    );
    const { model: half, variant } = makeFp16Variant(model);
    expect(variant.keptHigherPrecision).toEqual([
      { node: 'Range_R', reason: expect.stringContaining('Range has no float16') },
    ]);
    const types = Object.fromEntries(half.graph.initializers.map((t) => [t.name, t.dataType]));
    expect(types.start).toBe(OnnxDataType.FLOAT);
    expect(half.graph.nodes.filter((n) => n.opType === 'Cast')).toHaveLength(3); // V in, R in, Y out
    const out = await runModel(half, { V: new ort.Tensor('float32', Float32Array.of(1.5, 2, 3, 4), [4]) });
    expect([...out.Y!]).toEqual([0, 2, 6, 12]);
  });

  it('converts graph I/O when asked, and honours a user block list', async () => {
    const model = tinyModel(
      13,
      [op('Relu', ['X'], ['A']), op('Softmax', ['A'], ['Y'])],
      [value('X', [1, 2, 3, 4])],
      [value('Y', [1, 2, 3, 4])],
    );
    const { model: half, variant } = makeFp16Variant(model, { keepIoFp32: false, blockOps: ['Softmax'] });
    expect(half.graph.inputs[0]!.type).toMatchObject({ elemType: OnnxDataType.FLOAT16 });
    expect(half.graph.outputs[0]!.type).toMatchObject({ elemType: OnnxDataType.FLOAT16 });
    expect(variant.keptHigherPrecision).toEqual([
      { node: 'Softmax_Y', reason: 'kept FP32 by request (op Softmax)' },
    ]);
    const bits = Uint16Array.from(X, () => 0x3c00); // all ones
    const session = await ort.InferenceSession.create(encodeOnnx(half));
    const out = await session.run({ X: new ort.Tensor('float16', bits, [1, 2, 3, 4]) });
    expect(out.Y!.type).toBe('float16');
  });
});

describe('exposeIntermediates', () => {
  it('adds every node output of mnist-8 as a graph output that ORT returns', async () => {
    const model = readOnnx(fixture('models', 'mnist-8_opt_wonnx.onnx'));
    const exposed = exposeIntermediates(model);
    expect(exposed.graph.outputs).toHaveLength(8); // 8 nodes, one output each; the last is the model output
    expect(model.graph.outputs).toHaveLength(1);
    const session = await ort.InferenceSession.create(encodeOnnx(exposed));
    const out = await session.run({
      Input3: new ort.Tensor('float32', new Float32Array(784).fill(0.5), [1, 1, 28, 28]),
    });
    expect(Object.keys(out)).toHaveLength(8);
  });

  it('names tensors no node produces', () => {
    const model = readOnnx(fixture('models', 'mnist-8_opt_wonnx.onnx'));
    expect(() => exposeIntermediates(model, ['nope'])).toThrow(/no node of the main graph produces nope/);
  });
});
