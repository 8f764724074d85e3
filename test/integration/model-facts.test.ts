/**
 * Every fixture model analyzed end to end (reader -> shapes -> cost -> lints), against facts derived
 * independently: node counts, op histograms, input/output shapes and parameter counts come from a
 * hand-written protobuf wire decoder in Python (no onnx package), and per-layer FLOPs are worked out
 * by hand below from the layer attributes and weight dims that decoder printed.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../electron/core/model/types';
import { analyzeModel } from '../../electron/core/onnx/analyze';
import { resolveCeilings } from '../../electron/core/onnx/device-ceilings';
import { readOnnx } from '../../electron/core/onnx/reader';
import { fixture } from '../helpers/fixtures';

const MODELS = fixture('models');

function analyze(file: string, shapes: Record<string, number[]> = {}): Model {
  return analyzeModel(readOnnx(path.join(MODELS, file)), {
    shapes,
    sha256: 'test',
    sourcePath: file,
    ceilings: resolveCeilings('h200'),
  });
}

function histogram(model: Model): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const node of model.nodes) counts[node.opType] = (counts[node.opType] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

function costOf(model: Model, nodeName: string) {
  const index = model.nodes.findIndex((n) => n.name === nodeName);
  expect(index).toBeGreaterThanOrEqual(0);
  return model.costs[index];
}

interface Facts {
  shapes?: Record<string, number[]>;
  nodes: number;
  histogram: Record<string, number>;
  inputs: [string, (number | string)[]][];
  outputs: [string, (number | string | null)[]][];
  parameterCount: number;
}

/** From the Python wire decoder (outputs: declared shapes, or by hand where the model declares none). */
const FACTS: Record<string, Facts> = {
  'mnist-8_opt_wonnx.onnx': {
    nodes: 8,
    histogram: { Conv: 2, Gemm: 1, MaxPool: 2, Relu: 2, Reshape: 1 },
    inputs: [['Input3', [1, 1, 28, 28]]],
    outputs: [['Plus214_Output_0', [1, 10]]],
    parameterCount: 5996,
  },
  'mnist-7_winml.onnx': {
    nodes: 12,
    histogram: { Add: 3, Conv: 2, MatMul: 1, MaxPool: 2, Relu: 2, Reshape: 2 },
    inputs: [['Input3', [1, 1, 28, 28]]],
    outputs: [['Plus214_Output_0', [1, 10]]],
    parameterCount: 5998,
  },
  'squeezenet1.1_fp16_winml.onnx': {
    nodes: 66,
    histogram: { Concat: 8, Conv: 26, Dropout: 1, GlobalAveragePool: 1, MaxPool: 3, Relu: 26, Softmax: 1 },
    inputs: [['data_0', [1, 3, 224, 224]]],
    outputs: [['softmaxout_1', [1, 1000, 1, 1]]],
    parameterCount: 1235496,
  },
  'yolox_nano_416.onnx': {
    nodes: 369,
    histogram: {
      Add: 7,
      Concat: 18,
      Conv: 113,
      MaxPool: 3,
      Mul: 104,
      Reshape: 3,
      Resize: 2,
      Sigmoid: 110,
      Slice: 8,
      Transpose: 1,
    },
    inputs: [['images', [1, 3, 416, 416]]],
    outputs: [['output', [1, 3549, 85]]],
    parameterCount: 904481,
  },
  'fastestdet_352.onnx': {
    nodes: 211,
    histogram: {
      Add: 1, AveragePool: 1, Concat: 19, Conv: 70, Gather: 26, MaxPool: 1, Pad: 1, Relu: 48, Reshape: 26, Resize: 1,
      Sigmoid: 1, Softmax: 1, Transpose: 15,
    }, // prettier-ignore
    inputs: [['input.1', [1, 3, 352, 352]]],
    outputs: [['758', [1, 85, 22, 22]]],
    parameterCount: 240443,
  },
  'tiny_distilbert_sst2_optimum.onnx': {
    shapes: { input_ids: [2, 16] },
    nodes: 190,
    histogram: {
      Add: 29, Cast: 2, Concat: 10, Constant: 30, Div: 9, Equal: 2, Erf: 2, Expand: 2, Gather: 8, Gemm: 2, MatMul: 16,
      Mul: 9, Pow: 5, ReduceMean: 10, Relu: 1, Reshape: 10, Shape: 7, Slice: 1, Softmax: 2, Sqrt: 5, Sub: 5,
      Transpose: 8, Unsqueeze: 13, Where: 2,
    }, // prettier-ignore
    // attention_mask shares the symbols [batch, sequence]: setting input_ids pins it too.
    inputs: [
      ['input_ids', [2, 16]],
      ['attention_mask', [2, 16]],
    ],
    outputs: [['logits', [2, 2]]],
    parameterCount: 62200,
  },
  'light_resnet50_onnx.onnx': {
    nodes: 415,
    histogram: {
      AveragePool: 1,
      BatchNormalization: 53,
      ConstantOfShape: 239,
      Conv: 53,
      Gemm: 1,
      MaxPool: 1,
      Relu: 49,
      Reshape: 1,
      Softmax: 1,
      Sum: 16,
    },
    inputs: [['gpu_0/data_0', [1, 3, 224, 224]]],
    outputs: [['gpu_0/softmax_1', [1, 1000]]],
    parameterCount: 2194,
  },
  'mobilenet_v2_128_0.5.onnx': {
    shapes: { 'input_1:0': [1, 3, 128, 128] },
    nodes: 113,
    histogram: {
      Add: 11,
      AveragePool: 1,
      BatchNormalization: 7,
      Clip: 35,
      Conv: 52,
      MatMul: 1,
      Pad: 4,
      Reshape: 1,
      Softmax: 1,
    },
    inputs: [['input_1:0', [1, 3, 128, 128]]],
    outputs: [['Identity:0', [1, 2]]], // declared [unk__151, 2]: the batch flows from the input
    parameterCount: 182286,
  },
  'qdq_conv_polygraphy.onnx': {
    nodes: 3,
    histogram: { Conv: 1, DequantizeLinear: 1, QuantizeLinear: 1 },
    inputs: [], // x is an initializer
    outputs: [['conv_out_4', [1, 3, 1, 128]]], // not declared: x [1,3,3,130] * W [3,3,3,3], no pads -> 3-2 x 130-2
    parameterCount: 1257,
  },
  'ext_weights.onnx': {
    nodes: 3,
    histogram: { Add: 3 },
    inputs: [['input', [1, 3]]],
    outputs: [['output', [1, 3]]],
    parameterCount: 9,
  },
  'attention_head_polygraphy.onnx': {
    // Only seq = batch = 100 makes its MatMuls agree (k is transposed with the default reversed perm).
    shapes: { input: [100, 100, 100] },
    nodes: 7,
    histogram: { MatMul: 5, Softmax: 1, Transpose: 1 },
    inputs: [['input', [100, 100, 100]]],
    outputs: [['output', [100, 100, 100]]],
    parameterCount: 30000,
  },
};

describe('every fixture model: structure and shapes', () => {
  for (const [file, facts] of Object.entries(FACTS)) {
    it(file, () => {
      const model = analyze(file, facts.shapes);
      expect(model.nodes).toHaveLength(facts.nodes);
      expect(histogram(model)).toEqual(facts.histogram);
      expect(model.inputs.map((i) => [i.name, i.shape])).toEqual(facts.inputs);
      expect(model.outputs.map((o) => [o.name, o.shape])).toEqual(facts.outputs);
      expect(model.parameterCount).toBe(facts.parameterCount);
      // With the inputs set, every node of these graphs gets a full shape.
      expect(model.unknownShapeNodes).toEqual([]);
      expect(model.costs.every((c) => c !== null)).toBe(true);
      expect(model.lints.filter((l) => l.id === 'dynamic-input-no-shape')).toEqual([]);
      // The Model is plain JSON.
      expect(JSON.parse(JSON.stringify(model))).toEqual(model);
    });
  }

  it('the only fixture directory entries not listed are the non-model files', async () => {
    const fs = await import('node:fs');
    const models = fs.readdirSync(MODELS).filter((f) => f.endsWith('.onnx'));
    expect(models.sort()).toEqual(Object.keys(FACTS).sort());
  });
});

describe('FLOPs of specific layers, by hand', () => {
  it('MNIST: the two 5x5 SAME_UPPER convolutions', () => {
    for (const file of ['mnist-8_opt_wonnx.onnx', 'mnist-7_winml.onnx']) {
      const model = analyze(file);
      // Convolution28: [1,1,28,28] * W[8,1,5,5], SAME_UPPER stride 1 -> [1,8,28,28]: 2 x 8 x 28 x 28 x 1 x 25.
      expect(costOf(model, 'Convolution28')?.flops).toBe(313_600);
      // Pooling66 2x2/2 -> 14x14; Convolution110: W[16,8,5,5] -> [1,16,14,14]: 2 x 16 x 14 x 14 x 8 x 25.
      expect(costOf(model, 'Convolution110')?.flops).toBe(1_254_400);
      expect(model.tensors['Convolution110_Output_0'].shape).toEqual([1, 16, 14, 14]);
      // Pooling160 3x3/3 on 14 -> 4: the reshape to [1, 256] feeds the 256x10 classifier.
      expect(model.tensors['Pooling160_Output_0'].shape).toEqual([1, 16, 4, 4]);
    }
    // Bytes of Convolution28 in mnist-8 (bias is its third input): input 784 x 4, weights (200 + 8) x 4, output 6272 x 4.
    expect(costOf(analyze('mnist-8_opt_wonnx.onnx'), 'Convolution28')).toMatchObject({
      activationBytesRead: 3136,
      weightBytesRead: 832,
      bytesWritten: 25088,
      precision: 'fp32',
    });
  });

  it('SqueezeNet FP16: conv1 3x3/2 without padding, at 2 bytes per element', () => {
    const model = analyze('squeezenet1.1_fp16_winml.onnx');
    const conv1 = model.costs[0];
    // [1,3,224,224] * W[64,3,3,3], stride 2 -> floor(221/2)+1 = 111: 2 x 64 x 111 x 111 x 27.
    expect(conv1?.flops).toBe(42_581_376);
    expect(conv1).toMatchObject({
      activationBytesRead: 301_056,
      weightBytesRead: 3_456 + 128,
      bytesWritten: 1_577_088,
      precision: 'fp16',
    });
  });

  it('YOLOX-Nano: the Focus slices and the 12-channel stem conv', () => {
    const model = analyze('yolox_nano_416.onnx');
    expect(model.tensors['683'].shape).toEqual([1, 12, 208, 208]); // Concat_40 of four stride-2 slices
    // Conv_41: W[16,12,3,3], pads 1 -> [1,16,208,208]: 2 x 16 x 208 x 208 x 12 x 9.
    expect(costOf(model, 'Conv_41')?.flops).toBe(149_520_384);
  });

  it('FastestDet: first conv 3x3/2 pad 1', () => {
    // W[24,3,3,3] on 352 -> floor((352+2-3)/2)+1 = 176: 2 x 24 x 176 x 176 x 27.
    expect(costOf(analyze('fastestdet_352.onnx'), 'Conv_0')?.flops).toBe(40_144_896);
  });

  it('light ResNet-50: conv1 7x7/2 with weights made by ConstantOfShape (folded, counted as weights)', () => {
    const model = analyze('light_resnet50_onnx.onnx');
    // [1,3,224,224] * W[64,3,7,7], stride 2, pads 3 -> 112: 2 x 64 x 112 x 112 x 3 x 49.
    expect(costOf(model, 'n0')).toMatchObject({ flops: 236_027_904, weightBytesRead: 64 * 3 * 49 * 4 });
    const constantOfShape = model.nodes.flatMap((n, i) =>
      n.opType === 'ConstantOfShape' ? [model.costs[i]] : [],
    );
    expect(constantOfShape).toHaveLength(239);
    expect(constantOfShape.every((c) => c?.folded)).toBe(true);
  });

  it('MobileNetV2 0.5 at 128x128: stem conv and first depthwise conv', () => {
    const model = analyze('mobilenet_v2_128_0.5.onnx', { 'input_1:0': [1, 3, 128, 128] });
    // LAYER_0: W[8,3,3,3] stride 2 pads 1 -> 64x64: 2 x 8 x 64 x 64 x 27.
    expect(costOf(model, 'StatefulPartitionedCall/mobilenet_v2_128_0.5/LAYER_0/Conv2D')?.flops).toBe(
      1_769_472,
    );
    // LAYER_3 depthwise: W[8,1,3,3], group 8 -> 64x64: 2 x 8 x 64 x 64 x 9.
    expect(costOf(model, 'StatefulPartitionedCall/mobilenet_v2_128_0.5/LAYER_3/depthwise')?.flops).toBe(
      589_824,
    );
  });

  it('attention head: the Q projection MatMul', () => {
    const model = analyze('attention_head_polygraphy.onnx', { input: [100, 100, 100] });
    // [100,100,100] x W_q[100,100]: 2 x 100 x 100 x 100 x 100.
    expect(costOf(model, 'mmq')?.flops).toBe(200_000_000);
  });
});

describe('dynamic models without shapes', () => {
  it('tiny DistilBERT keeps [batch, sequence] symbolic, lists the nodes it cannot tell, and lints the inputs', () => {
    const model = analyze('tiny_distilbert_sst2_optimum.onnx');
    expect(model.inputs.map((i) => i.shape)).toEqual([
      ['batch', 'sequence'],
      ['batch', 'sequence'],
    ]);
    // The position-id Slice ends at the symbolic sequence length of a 512-long table: min(512, sequence) is not told.
    expect(model.unknownShapeNodes[0]).toBe('Slice_6');
    // The shape-computing nodes themselves are all told (their values hold the symbols).
    const shapeNodes = model.nodes
      .filter((n) => n.opType === 'Shape' || n.opType === 'Constant')
      .map((n) => n.name);
    expect(shapeNodes.filter((n) => model.unknownShapeNodes.includes(n))).toEqual([]);
    expect(
      model.lints.filter((l) => l.id === 'dynamic-input-no-shape').map((l) => l.message.split('"')[1]),
    ).toEqual(['input_ids', 'attention_mask']);
    expect(model.lints.some((l) => l.id === 'unknown-shapes')).toBe(true);
    expect(model.lints.some((l) => l.id === 'data-movement-share')).toBe(false); // no share over unknown costs
  });

  it('MobileNetV2 without a batch keeps it symbolic and counts no cost for symbolic tensors', () => {
    const model = analyze('mobilenet_v2_128_0.5.onnx');
    expect(model.inputs[0].shape).toEqual(['unk__150', 3, 128, 128]);
    expect(model.outputs[0].shape).toEqual(['unk__150', 2]);
    expect(model.unknownShapeNodes).toEqual([]); // symbolic, not unknown
    expect(model.totals.flops).toBe(0);
    expect(model.lints.find((l) => l.id === 'dynamic-input-no-shape')?.fix).toBe(
      'Give the shape you deploy with: --shape input_1:0:1x3x128x128; then --run-shapes (measures them by running the model once on ONNX Runtime) for any node still unknown.',
    );
  });
});

describe('lints and composition on real models', () => {
  it('QDQ conv: the Q/DQ/Conv chain is clean; all nodes fold because x is an initializer', () => {
    const model = analyze('qdq_conv_polygraphy.onnx');
    expect(model.lints.filter((l) => l.id.startsWith('qdq'))).toEqual([]);
    expect(model.costs.every((c) => c?.folded)).toBe(true);
  });

  it('External-data weights are referenced in their .data file, not read', () => {
    const model = analyze('ext_weights.onnx');
    expect(
      model.initializers.every((i) => i.location === 'external' && i.externalFile === 'ext_weights.data'),
    ).toBe(true);
    expect(model.initializers.reduce((s, i) => s + i.length, 0)).toBe(36); // the .data file is 36 bytes
  });

  it('MNIST lints: the 1-channel input conv and the 10-class head miss FP16 alignment', () => {
    const model = analyze('mnist-8_opt_wonnx.onnx');
    const warning = model.lints.find((l) => l.id === 'tensor-core-alignment' && l.severity === 'warning');
    expect(warning?.nodes).toEqual(['Convolution28', 'Gemm_7']);
    expect(model.nodes[7]).toMatchObject({ name: 'Gemm_7', generatedName: true });
  });

  it('YOLOX and FastestDet: depthwise convolutions are memory-bound at FP16 on an H200', () => {
    for (const file of ['yolox_nano_416.onnx', 'fastestdet_352.onnx']) {
      const model = analyze(file);
      const depthwise = model.lints.find((l) => l.id === 'depthwise-low-intensity');
      const expected = model.nodes.filter(
        (n) =>
          n.opType === 'Conv' && n.attributes.group?.type === 'int' && Number(n.attributes.group.value) > 1,
      );
      expect(depthwise?.nodes.sort()).toEqual(expected.map((n) => n.name).sort());
    }
  });

  it('per-op-type totals add up to the model totals', () => {
    const model = analyze('yolox_nano_416.onnx');
    expect(model.opTypeCosts.reduce((s, o) => s + o.flops, 0)).toBe(model.totals.flops);
    expect(model.opTypeCosts.reduce((s, o) => s + o.bytes, 0)).toBe(model.totals.bytesMoved);
    expect(model.opTypeCosts[0].opType).toBe('Conv');
  });
});
