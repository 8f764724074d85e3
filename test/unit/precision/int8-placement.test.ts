/**
 * Where the INT8 variant puts its Q/DQ pairs, checked against what ONNX Runtime's own optimizer makes
 * of them (its optimized-model output), and the graph-derived exclusions (output head, stem) and the
 * BatchNormalization fold checked on real and hand-built graphs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { compareTensors } from '../../../electron/core/analysis/accuracy';
import { OnnxDataType, type OnnxModel, type OnnxTensor } from '../../../electron/core/onnx/graph';
import { readOnnx } from '../../../electron/core/onnx/reader';
import { readTensorData } from '../../../electron/core/onnx/tensor-data';
import { encodeOnnx } from '../../../electron/core/onnx/writer';
import { tensorFromArray } from '../../../electron/core/precision/graph-edit';
import { foldBatchNorms } from '../../../electron/core/precision/fold-batchnorm';
import { makeInt8Variant, WEIGHTED_OPS } from '../../../electron/core/precision/int8-qdq';
import { findOutputHead } from '../../../electron/core/precision/output-heads';
import { findStem } from '../../../electron/core/precision/stem';
import type { CalibrationRanges } from '../../../electron/core/precision/calibration-ranges';
import { op, runModel, tinyModel, value } from './tiny-models';
import { fixture } from '../../helpers/fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'int8-placement-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function floats(name: string, dims: number[], seed: number): OnnxTensor {
  const count = dims.reduce((a, b) => a * b, 1);
  return tensorFromArray(
    name,
    OnnxDataType.FLOAT,
    dims,
    Float32Array.from({ length: count }, (_, i) => Math.sin(seed * 7.1 + i * 1.3) * 0.5),
  );
}

const input = (seed: number) =>
  new ort.Tensor(
    'float32',
    Float32Array.from({ length: 4 * 8 * 8 }, (_, i) => Math.cos(seed + i * 0.37) * 2),
    [1, 4, 8, 8],
  );

/** Conv -> SiLU (Sigmoid, Mul) -> MaxPool -> Conv -> SiLU -> Conv: a YOLO-style block. */
function siluBlock(): OnnxModel {
  const conv = (x: string, w: string, b: string, y: string) =>
    op('Conv', [x, w, b], [y], [{ name: 'pads', type: 'ints', value: [1, 1, 1, 1] }]);
  return tinyModel(
    13,
    [
      conv('x', 'w1', 'b1', 'c1'),
      op('Sigmoid', ['c1'], ['s1']),
      op('Mul', ['c1', 's1'], ['m1']),
      op('MaxPool', ['m1'], ['p1'], [{ name: 'kernel_shape', type: 'ints', value: [2, 2] }]),
      conv('p1', 'w2', 'b2', 'c2'),
      op('Sigmoid', ['c2'], ['s2']),
      op('Mul', ['c2', 's2'], ['m2']),
      conv('m2', 'w3', 'b3', 'y'),
    ],
    [value('x', [1, 4, 8, 8])],
    [value('y', [1, 4, 7, 7])],
    {
      initializers: [
        floats('w1', [8, 4, 3, 3], 1),
        floats('b1', [8], 2),
        floats('w2', [8, 8, 3, 3], 3),
        floats('b2', [8], 4),
        floats('w3', [4, 8, 3, 3], 5),
        floats('b3', [4], 6),
      ],
    },
  );
}

/** Ranges by running the float model (min/max over a few inputs), as calibration would. */
async function rangesOf(model: OnnxModel, tensors: string[]): Promise<CalibrationRanges> {
  const exposed: OnnxModel = {
    ...model,
    graph: { ...model.graph, outputs: tensors.map((t) => ({ name: t, type: null })) },
  };
  const result: CalibrationRanges['tensors'] = {};
  for (let seed = 0; seed < 3; seed++) {
    const out = await runModel(exposed, { x: input(seed) });
    const all = { ...out, x: input(seed).data as Float32Array };
    for (const [name, data] of Object.entries(all)) {
      const r = (result[name] ??= { min: Infinity, max: -Infinity, amax: 0 });
      for (const v of data) {
        r.min = Math.min(r.min, v);
        r.max = Math.max(r.max, v);
      }
      r.amax = Math.max(Math.abs(r.min), Math.abs(r.max));
    }
  }
  return {
    method: 'minmax',
    source: { spec: 'test', samples: 3 },
    model: { file: '', sha256: '' },
    tensors: result,
  };
}

/** Op types of ONNX Runtime's optimized model (default level, 1 thread). */
async function optimizedOps(model: OnnxModel, name: string): Promise<string[]> {
  const out = path.join(dir, `${name}.opt.onnx`);
  const session = await ort.InferenceSession.create(encodeOnnx(model), {
    graphOptimizationLevel: 'all',
    intraOpNumThreads: 1,
    optimizedModelFilePath: out,
    logSeverityLevel: 3,
  });
  await session.release();
  return readOnnx(out).graph.nodes.map((n) => n.opType);
}

describe('INT8 placement for the onnxruntime target', () => {
  const tensors = ['c1', 's1', 'm1', 'p1', 'c2', 's2', 'm2', 'y'];
  const standalone = { floatStemLayers: 0, keepOutputHeadsFloat: false } as const;

  it('keeps an INT8 flow through SiLU and MaxPool: ORT forms QLinearConv/Sigmoid/Mul, no float Sigmoid or Mul', async () => {
    const model = siluBlock();
    const { model: q, variant } = makeInt8Variant(model, await rangesOf(model, tensors), standalone);
    expect(variant.notes.join('\n')).toContain('Sigmoid 2, Mul 2, MaxPool 1');
    const ops = await optimizedOps(q, 'silu-new');
    // The last conv writes the graph output: its output stays float (DQ -> Conv), the others fuse.
    expect(ops.filter((o) => o === 'QLinearConv')).toHaveLength(2);
    expect(ops.filter((o) => o === 'QLinearSigmoid')).toHaveLength(2);
    expect(ops.filter((o) => o === 'QLinearMul')).toHaveLength(2);
    expect(ops).not.toContain('Sigmoid');
    expect(ops).not.toContain('Mul');
    // Same-scale op: MaxPool's output Q reuses the scale and zero point of its input's Q.
    const byOutput = new Map(q.graph.nodes.map((n) => [n.inputs[0], n]));
    const qOf = (t: string) => byOutput.get(t)!;
    expect(qOf('p1').opType).toBe('QuantizeLinear');
    const initializers = new Map(q.graph.initializers.map((t) => [t.name, t]));
    const param = (n: string) => readTensorData(initializers.get(n)!)[0];
    expect(param(qOf('p1').inputs[1]!)).toBe(param(qOf('m1').inputs[1]!));
    expect(param(qOf('p1').inputs[2]!)).toBe(param(qOf('m1').inputs[2]!));
  });

  it('quantizes a constant operand (an embedding added between two convs) so ORT runs QLinearAdd, as its own quantizer does', async () => {
    const conv = (x: string, w: string, b: string, y: string) =>
      op('Conv', [x, w, b], [y], [{ name: 'pads', type: 'ints', value: [1, 1, 1, 1] }]);
    const model = tinyModel(
      13,
      [conv('x', 'w1', 'b1', 'c1'), op('Add', ['c1', 'pos'], ['a1']), conv('a1', 'w2', 'b2', 'y')],
      [value('x', [1, 4, 8, 8])],
      [value('y', [1, 4, 8, 8])],
      {
        initializers: [
          floats('w1', [8, 4, 3, 3], 1),
          floats('b1', [8], 2),
          floats('pos', [1, 8, 8, 8], 7),
          floats('w2', [4, 8, 3, 3], 3),
          floats('b2', [4], 4),
        ],
      },
    );
    const ranges = await rangesOf(model, ['c1', 'a1', 'y']);
    const { model: q } = makeInt8Variant(model, ranges, standalone);
    // The constant gets a Q/DQ pair of its own, its range from its values (calibration never sees it).
    expect(q.graph.nodes.some((n) => n.opType === 'QuantizeLinear' && n.inputs[0] === 'pos')).toBe(true);
    const ops = await optimizedOps(q, 'const-add');
    expect(ops).toContain('QLinearAdd');
    expect(ops).not.toContain('Add');
    // Still close to FP32.
    const feeds = { x: input(5) };
    const [reference, quantized] = [await runModel(model, feeds), await runModel(q, feeds)];
    expect(compareTensors(reference.y!, quantized.y!).cosine).toBeGreaterThan(0.99);
    // TensorRT's rule is unchanged: the constant stays float.
    const { model: trt } = makeInt8Variant(model, ranges, { ...standalone, target: 'tensorrt' });
    expect(trt.graph.nodes.some((n) => n.inputs[0] === 'pos' && n.opType === 'QuantizeLinear')).toBe(false);
  });

  it('an op no INT8 op reads that takes a constant stays float, with no Q/DQ: a scale before a graph output', async () => {
    const conv = (x: string, w: string, b: string, y: string) =>
      op('Conv', [x, w, b], [y], [{ name: 'pads', type: 'ints', value: [1, 1, 1, 1] }]);
    const model = tinyModel(
      13,
      [conv('x', 'w1', 'b1', 'c1'), op('Sigmoid', ['c1'], ['s1']), op('Mul', ['s1', 'half'], ['y'])],
      [value('x', [1, 4, 8, 8])],
      [value('y', [1, 8, 8, 8])],
      { initializers: [floats('w1', [8, 4, 3, 3], 1), floats('b1', [8], 2), floats('half', [1], 3)] },
    );
    const { model: q, variant } = makeInt8Variant(
      model,
      await rangesOf(model, ['c1', 's1', 'y']),
      standalone,
    );
    // The Mul would need a DQ on its constant and run in float anyway: ORT cannot fuse it (its output,
    // the graph output, is not quantized). The Sigmoid reads INT8 and keeps its Q/DQ.
    expect(variant.keptHigherPrecision.find((k) => k.node === 'Mul_y')?.reason).toContain(
      'no INT8 op reads its output',
    );
    expect(q.graph.nodes.some((n) => n.opType === 'QuantizeLinear' && n.inputs[0] === 'half')).toBe(false);
    const ops = await optimizedOps(q, 'scale-out');
    expect(ops).toContain('QLinearConv');
    expect(ops).not.toContain('QLinearMul');
    expect(ops.filter((o) => o === 'DequantizeLinear')).toHaveLength(1);
  });

  it('a concat of INT8 convs runs as QLinearConcat between layers, in float where it makes the graph output', async () => {
    const conv = (x: string, w: string, b: string, y: string) =>
      op('Conv', [x, w, b], [y], [{ name: 'pads', type: 'ints', value: [1, 1, 1, 1] }]);
    const concat = (y: string) => op('Concat', ['c1', 'c2'], [y], [{ name: 'axis', type: 'int', value: 1 }]);
    const initializers = [
      floats('w1', [8, 4, 3, 3], 1),
      floats('b1', [8], 2),
      floats('w2', [8, 4, 3, 3], 3),
      floats('b2', [8], 4),
      floats('w3', [4, 16, 3, 3], 5),
      floats('b3', [4], 6),
      tensorFromArray('flat', OnnxDataType.INT64, [3], BigInt64Array.of(1n, 16n, -1n)),
    ];
    const x = [value('x', [1, 4, 8, 8])];
    // Between layers: the concat's output feeds a conv, so it is quantized and ORT fuses it.
    const between = tinyModel(
      13,
      [conv('x', 'w1', 'b1', 'c1'), conv('x', 'w2', 'b2', 'c2'), concat('cat'), conv('cat', 'w3', 'b3', 'y')],
      x,
      [value('y', [1, 4, 8, 8])],
      { initializers },
    );
    const q1 = makeInt8Variant(between, await rangesOf(between, ['c1', 'c2', 'cat', 'y']), standalone).model;
    expect(await optimizedOps(q1, 'concat-between')).toContain('QLinearConcat');
    // What a graph output receives unchanged (a detector head's concat of offsets and scores): one
    // shared scale would round the narrow input to the wide one's step, so it stays float.
    const atOutput = tinyModel(
      13,
      [
        conv('x', 'w1', 'b1', 'c1'),
        conv('x', 'w2', 'b2', 'c2'),
        concat('cat'),
        op('Reshape', ['cat', 'flat'], ['y']),
      ],
      x,
      [value('y', [1, 16, 64])],
      { initializers: initializers.filter((t) => !['w3', 'b3'].includes(t.name)) },
    );
    const { model: q2, variant } = makeInt8Variant(
      atOutput,
      await rangesOf(atOutput, ['c1', 'c2', 'cat', 'y']),
      standalone,
    );
    const ops = await optimizedOps(q2, 'concat-out');
    expect(ops.filter((o) => o === 'QLinearConv')).toHaveLength(2);
    expect(ops).not.toContain('QLinearConcat');
    expect(ops).toContain('Concat');
    expect(variant.keptHigherPrecision.map((k) => k.node)).toContain('Concat_cat');
  });

  it('the older placement (weighted ops only) leaves SiLU in float between DequantizeLinear and QuantizeLinear', async () => {
    const model = siluBlock();
    const { model: q } = makeInt8Variant(model, await rangesOf(model, tensors), {
      ...standalone,
      quantizeOps: WEIGHTED_OPS,
    });
    const ops = await optimizedOps(q, 'silu-old');
    expect(ops.filter((o) => o === 'QLinearConv')).toHaveLength(2);
    expect(ops.filter((o) => o === 'Sigmoid')).toHaveLength(2);
    expect(ops.filter((o) => o === 'Mul')).toHaveLength(2);
  });

  it('the INT8 flow stays close to FP32 on this block (cosine > 0.99)', async () => {
    const model = siluBlock();
    const { model: q } = makeInt8Variant(model, await rangesOf(model, tensors), standalone);
    const [a, b] = [await runModel(model, { x: input(9) }), await runModel(q, { x: input(9) })];
    expect(compareTensors(a.y!, b.y!).cosine).toBeGreaterThan(0.99);
  });

  it('tensorrt target keeps its rule: Q/DQ on weighted-op inputs only, nothing after Sigmoid or Mul', async () => {
    const model = siluBlock();
    const { model: q } = makeInt8Variant(model, await rangesOf(model, tensors), {
      ...standalone,
      target: 'tensorrt',
    });
    const quantized = q.graph.nodes.filter((n) => n.opType === 'QuantizeLinear').map((n) => n.inputs[0]);
    expect(quantized.sort()).toEqual(['m2', 'p1', 'x']);
  });
});

describe('graph-derived exclusions on the fixture models', () => {
  const yolox = readOnnx(fixture('models', 'yolox_nano_416.onnx'));

  it('YOLOX output head: the 9 box/objectness/class prediction convs and their Sigmoid/Concat/Reshape decode path', () => {
    const head = findOutputHead(yolox.graph);
    // From the graph listing: Concat_331/364/397 read (reg conv, Sigmoid(obj conv), Sigmoid(cls conv)).
    expect([...head.outputLayers].map((n) => n.name).sort()).toEqual(
      [
        'Conv_314',
        'Conv_327',
        'Conv_328',
        'Conv_347',
        'Conv_360',
        'Conv_361',
        'Conv_380',
        'Conv_393',
        'Conv_394',
      ].sort(),
    );
    const decodeOps = [...head.decodePath].map((n) => n.opType).sort();
    expect(decodeOps).toEqual([
      ...Array(4).fill('Concat'),
      ...Array(3).fill('Reshape'),
      ...Array(6).fill('Sigmoid'),
      'Transpose',
    ]);
  });

  it('FastestDet output head: the three convs before Sigmoid, Concat and Transpose-Softmax-Transpose', () => {
    const head = findOutputHead(readOnnx(fixture('models', 'fastestdet_352.onnx')).graph);
    expect([...head.outputLayers].map((n) => n.name).sort()).toEqual(['Conv_253', 'Conv_257', 'Conv_260']);
  });

  it('YOLOX stem: the Focus slices and concat, the first two convs and their SiLU', () => {
    const stem = [...findStem(yolox.graph, 2)].map((n) => n.name);
    expect(stem).toEqual([
      ...['Slice_4', 'Slice_9', 'Slice_14', 'Slice_19', 'Slice_24', 'Slice_29', 'Slice_34', 'Slice_39'],
      ...['Concat_40', 'Conv_41', 'Sigmoid_42', 'Mul_43', 'Conv_44', 'Sigmoid_45', 'Mul_46'],
    ]);
    expect(findStem(yolox.graph, 0).size).toBe(0);
    // MNIST has 3 weighted layers: too small to have a stem (at most a tenth of the layers).
    expect(findStem(readOnnx(fixture('models', 'mnist-8_opt_wonnx.onnx')).graph, 2).size).toBe(0);
  });
});

describe('BatchNormalization fold', () => {
  it('folds Conv -> BatchNormalization into one Conv with the same outputs in ORT', async () => {
    const bnParam = (name: string, base: number) =>
      tensorFromArray(
        name,
        OnnxDataType.FLOAT,
        [8],
        Float32Array.from({ length: 8 }, (_, i) => base + i * 0.1),
      );
    const model = tinyModel(
      13,
      [
        op('Conv', ['x', 'w', 'b'], ['c']),
        op(
          'BatchNormalization',
          ['c', 'gamma', 'beta', 'mean', 'var'],
          ['n'],
          [{ name: 'epsilon', type: 'float', value: 1e-3 }],
        ),
        op('Relu', ['n'], ['y']),
      ],
      [value('x', [1, 4, 8, 8])],
      [value('y', [1, 8, 6, 6])],
      {
        initializers: [
          floats('w', [8, 4, 3, 3], 1),
          floats('b', [8], 2),
          bnParam('gamma', 0.5),
          bnParam('beta', -0.2),
          bnParam('mean', 0.1),
          bnParam('var', 0.3),
        ],
      },
    );
    const { model: folded, folded: count } = foldBatchNorms(model);
    expect(count).toBe(1);
    expect(folded.graph.nodes.map((n) => n.opType)).toEqual(['Conv', 'Relu']);
    expect(folded.graph.nodes[0]!.outputs).toEqual(['n']);
    expect(folded.graph.initializers.map((t) => t.name)).not.toContain('gamma');
    const [a, b] = [await runModel(model, { x: input(3) }), await runModel(folded, { x: input(3) })];
    a.y!.forEach((v, i) => expect(b.y![i]).toBeCloseTo(v, 4));
  });

  it('leaves a Conv whose output also feeds another node alone', () => {
    const model = tinyModel(
      13,
      [
        op('Conv', ['x', 'w'], ['c']),
        op('BatchNormalization', ['c', 'g', 'g', 'g', 'g'], ['n']),
        op('Add', ['n', 'c'], ['y']),
      ],
      [value('x', [1, 4, 8, 8])],
      [value('y', [1, 8, 6, 6])],
      { initializers: [floats('w', [8, 4, 3, 3], 1), floats('g', [8], 2)] },
    );
    expect(foldBatchNorms(model).folded).toBe(0);
  });
});
