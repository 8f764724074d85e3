/**
 * Makes assets/sample-cnn.onnx, the studio's own small sample model (seeded weights, opset 13):
 * a stem convolution, a depthwise + pointwise block, a 1x1 convolution with 20 output channels (not a
 * multiple of 8: it shows the Tensor Core alignment lint), global pooling and a classifier.
 * Run: npm run sample-model
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OnnxModel, OnnxNode, OnnxTensor } from '../electron/core/onnx/graph';
import { OnnxDataType } from '../electron/core/onnx/graph';
import { writeOnnx } from '../electron/core/onnx/writer';

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
}

const random = seeded(2026);

function weight(name: string, dims: number[], scale: number): OnnxTensor {
  const count = dims.reduce((a, b) => a * b, 1);
  const values = Float32Array.from({ length: count }, () => random() * scale);
  return {
    name,
    dataType: OnnxDataType.FLOAT,
    dims,
    data: { kind: 'bytes', bytes: new Uint8Array(values.buffer) },
  };
}

function conv(
  name: string,
  input: string,
  output: string,
  w: string,
  b: string,
  kernel: number,
  group = 1,
  stride = 1,
): OnnxNode {
  const pad = Math.floor(kernel / 2);
  return {
    name,
    opType: 'Conv',
    domain: '',
    inputs: [input, w, b],
    outputs: [output],
    attributes: [
      { name: 'kernel_shape', type: 'ints', value: [kernel, kernel] },
      { name: 'pads', type: 'ints', value: [pad, pad, pad, pad] },
      { name: 'strides', type: 'ints', value: [stride, stride] },
      { name: 'group', type: 'int', value: group },
    ],
  };
}

function relu(name: string, input: string, output: string): OnnxNode {
  return { name, opType: 'Relu', domain: '', inputs: [input], outputs: [output], attributes: [] };
}

export function sampleModel(): OnnxModel {
  const initializers = [
    weight('stem.w', [16, 3, 3, 3], 0.4),
    weight('stem.b', [16], 0.1),
    weight('dw.w', [16, 1, 3, 3], 0.6),
    weight('dw.b', [16], 0.1),
    weight('pw.w', [32, 16, 1, 1], 0.3),
    weight('pw.b', [32], 0.1),
    weight('narrow.w', [20, 32, 1, 1], 0.3),
    weight('narrow.b', [20], 0.1),
    weight('fc.w', [10, 20], 0.5),
    weight('fc.b', [10], 0.1),
  ];
  const nodes: OnnxNode[] = [
    conv('stem/Conv', 'image', 'stem.conv', 'stem.w', 'stem.b', 3, 1, 2),
    relu('stem/Relu', 'stem.conv', 'stem.out'),
    conv('block/depthwise/Conv', 'stem.out', 'dw.conv', 'dw.w', 'dw.b', 3, 16),
    relu('block/depthwise/Relu', 'dw.conv', 'dw.out'),
    conv('block/pointwise/Conv', 'dw.out', 'pw.conv', 'pw.w', 'pw.b', 1),
    relu('block/pointwise/Relu', 'pw.conv', 'pw.out'),
    conv('head/narrow/Conv', 'pw.out', 'narrow.out', 'narrow.w', 'narrow.b', 1),
    {
      name: 'head/GlobalAveragePool',
      opType: 'GlobalAveragePool',
      domain: '',
      inputs: ['narrow.out'],
      outputs: ['pooled'],
      attributes: [],
    },
    {
      name: 'head/Flatten',
      opType: 'Flatten',
      domain: '',
      inputs: ['pooled'],
      outputs: ['flat'],
      attributes: [{ name: 'axis', type: 'int', value: 1 }],
    },
    {
      name: 'head/fc/Gemm',
      opType: 'Gemm',
      domain: '',
      inputs: ['flat', 'fc.w', 'fc.b'],
      outputs: ['logits'],
      attributes: [{ name: 'transB', type: 'int', value: 1 }],
    },
  ];
  const shape = (dims: (number | string)[]) =>
    dims.map((d) => (typeof d === 'number' ? { value: d } : { param: d }));
  return {
    path: '',
    sizeBytes: 0,
    irVersion: 8,
    opsetImports: [{ domain: '', version: 13 }],
    producerName: 'trt-studio',
    producerVersion: '0.1.0',
    domain: '',
    modelVersion: 1,
    docString:
      'TensorRT Profiling Studio sample model: seeded weights, for trying the studio, not for accuracy.',
    metadataProps: [],
    graph: {
      name: 'sample_cnn',
      nodes,
      inputs: [
        {
          name: 'image',
          type: { kind: 'tensor', elemType: OnnxDataType.FLOAT, shape: shape(['batch', 3, 64, 64]) },
        },
      ],
      outputs: [
        {
          name: 'logits',
          type: { kind: 'tensor', elemType: OnnxDataType.FLOAT, shape: shape(['batch', 10]) },
        },
      ],
      valueInfo: [],
      initializers,
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sample-cnn.onnx');
  writeOnnx(sampleModel(), out);
  console.log(`wrote ${out}`);
}
