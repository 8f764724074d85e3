/**
 * Makes assets/sample-detr.onnx, the studio's own DETR-style detector (seeded weights, opset 17), laid
 * out as RT-DETR, D-FINE and DEIM deploy: inputs `images` [N,3,320,320] float (RGB / 255) and
 * `orig_target_sizes` [N,2] int64 (width, height); outputs `labels` [N,300] int64, `boxes` [N,300,4]
 * float (x1,y1,x2,y2 in source-image pixels) and `scores` [N,300] float.
 *
 * Inside: four strided 3x3 convolutions (320 -> 20x20 features), the 400 positions as tokens plus a
 * sinusoidal position embedding, one self-attention layer (MatMul Q.K^T, Softmax, MatMul V, residual
 * Add, LayerNormalization), a class head and a box head
 * (sigmoid cx,cy,w,h), then RT-DETR's post-processor in ONNX: sigmoid scores, TopK over
 * queries x classes, labels = index mod classes, query = index div classes, GatherElements of the
 * boxes, cx,cy,w,h -> corners (Split, Mul, Sub, Add, Concat) scaled by orig_target_sizes.
 * The weights are random, so the detections mean nothing about the image's content, but they depend
 * on it: INT8 against FP32 is a real test of how quantization moves scores, ranks and boxes.
 * Run: npm run sample-detr
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  OnnxAttribute,
  OnnxModel,
  OnnxNode,
  OnnxTensor,
  OnnxValueInfo,
} from '../electron/core/onnx/graph';
import { OnnxDataType } from '../electron/core/onnx/graph';
import { writeOnnx } from '../electron/core/onnx/writer';

export const DETR_SAMPLE = { size: 320, classes: 80, queries: 300, channels: 64 } as const;

/** Seeded normal(0, 1) numbers (LCG + Box-Muller), so the model is the same on every machine. */
function normals(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 2 ** 32;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

class DetrGraph {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly random = normals(2026);

  private tensor(name: string, dataType: OnnxDataType, dims: number[], bytes: Uint8Array): string {
    this.initializers.push({ name, dataType, dims, data: { kind: 'bytes', bytes } });
    return name;
  }

  floats(name: string, dims: number[], values: number[]): string {
    return this.tensor(name, OnnxDataType.FLOAT, dims, new Uint8Array(Float32Array.from(values).buffer));
  }

  ints(name: string, values: number[], dims = [values.length]): string {
    const data = BigInt64Array.from(values, (v) => BigInt(v));
    return this.tensor(name, OnnxDataType.INT64, dims, new Uint8Array(data.buffer));
  }

  /** He-normal weights (std sqrt(2 / fan-in)) times `gain`. */
  weight(name: string, dims: number[], fanIn: number, gain = 1): string {
    const count = dims.reduce((a, b) => a * b, 1);
    const std = gain * Math.sqrt(2 / fanIn);
    return this.floats(
      name,
      dims,
      Array.from({ length: count }, () => this.random() * std),
    );
  }

  bias(name: string, count: number, value: number, spread = 0): string {
    return this.floats(
      name,
      [count],
      Array.from({ length: count }, () => value + spread * this.random()),
    );
  }

  node(opType: string, name: string, inputs: string[], outputs: string[], attributes: OnnxAttribute[] = []) {
    this.nodes.push({ name, opType, domain: '', inputs, outputs, attributes });
    return outputs[0]!;
  }

  conv(name: string, input: string, inChannels: number, outChannels: number): string {
    const w = this.weight(`${name}.weight`, [outChannels, inChannels, 3, 3], inChannels * 9);
    const b = this.bias(`${name}.bias`, outChannels, 0, 0.05);
    const conv = this.node(
      'Conv',
      `/backbone/${name}/Conv`,
      [input, w, b],
      [`${name}.conv`],
      [
        { name: 'kernel_shape', type: 'ints', value: [3, 3] },
        { name: 'pads', type: 'ints', value: [1, 1, 1, 1] },
        { name: 'strides', type: 'ints', value: [2, 2] },
      ],
    );
    return this.node('Relu', `/backbone/${name}/Relu`, [conv], [`${name}.out`]);
  }

  linear(name: string, input: string, inFeatures: number, outFeatures: number, gain = 1, bias = 0): string {
    const w = this.weight(`${name}.weight`, [inFeatures, outFeatures], inFeatures, gain);
    const b = this.bias(`${name}.bias`, outFeatures, bias);
    const product = this.node('MatMul', `/${name}/MatMul`, [input, w], [`${name}.matmul`]);
    return this.node('Add', `/${name}/Add`, [product, b], [`${name}.out`]);
  }
}

function valueInfo(name: string, elemType: OnnxDataType, dims: (number | string)[]): OnnxValueInfo {
  const shape = dims.map((d) => (typeof d === 'number' ? { value: d } : { param: d }));
  return { name, type: { kind: 'tensor', elemType, shape } };
}

/** Sinusoidal 2-D position embedding of a side x side grid, [1, side*side, channels] (as DETR's). */
function positions(side: number, channels: number): number[] {
  const values: number[] = [];
  const quarter = channels / 4;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      for (let c = 0; c < channels; c++) {
        const axis = c < channels / 2 ? x : y;
        const k = c % quarter;
        const angle = (axis / side) * Math.PI * 2 ** (k / 4);
        values.push((c / quarter) % 2 < 1 ? Math.sin(angle) : Math.cos(angle));
      }
    }
  }
  return values;
}

export function sampleDetrModel(): OnnxModel {
  const { size, classes, queries, channels } = DETR_SAMPLE;
  const g = new DetrGraph();
  let x = 'images';
  for (const [i, [cin, cout]] of [
    [3, 16],
    [16, 32],
    [32, 64],
    [64, channels],
  ].entries())
    x = g.conv(`conv${i + 1}`, x, cin!, cout!);
  const side = size / 16;
  const tokensCount = side * side;
  // [N, C, 20, 20] -> [N, 400, C]
  const flat = g.node(
    'Reshape',
    '/encoder/Reshape',
    [x, g.ints('encoder.shape', [0, channels, -1])],
    ['encoder.flat'],
  );
  const tokens = g.node(
    'Transpose',
    '/encoder/Transpose',
    [flat],
    ['encoder.tokens'],
    [{ name: 'perm', type: 'ints', value: [0, 2, 1] }],
  );
  const placed = g.node(
    'Add',
    '/encoder/Add_position',
    [tokens, g.floats('encoder.position', [1, tokensCount, channels], positions(side, channels))],
    ['encoder.placed'],
  );
  const q = g.linear('attention/q', placed, channels, channels);
  const k = g.linear('attention/k', placed, channels, channels);
  const v = g.linear('attention/v', placed, channels, channels);
  const kT = g.node(
    'Transpose',
    '/attention/Transpose',
    [k],
    ['attention.kT'],
    [{ name: 'perm', type: 'ints', value: [0, 2, 1] }],
  );
  const logits = g.node('MatMul', '/attention/MatMul_qk', [q, kT], ['attention.qk']);
  const scaled = g.node(
    'Mul',
    '/attention/Mul',
    [logits, g.floats('attention.scale', [], [1 / Math.sqrt(channels)])],
    ['attention.scaled'],
  );
  const weights = g.node(
    'Softmax',
    '/attention/Softmax',
    [scaled],
    ['attention.weights'],
    [{ name: 'axis', type: 'int', value: -1 }],
  );
  const mixed = g.node('MatMul', '/attention/MatMul_v', [weights, v], ['attention.mixed']);
  const residual = g.node('Add', '/attention/Add', [mixed, placed], ['attention.residual']);
  const decoded = g.node(
    'LayerNormalization',
    '/attention/LayerNormalization',
    [residual, g.bias('norm.weight', channels, 1), g.bias('norm.bias', channels, 0)],
    ['decoder.out'],
    [{ name: 'axis', type: 'int', value: -1 }],
  );
  // Heads: class logits biased negative so that, as with a trained DETR, a few dozen of the 300 queries
  // score above 0.5 on a COCO image (measured: 5 to 40 on coco-eval); boxes as sigmoid cx,cy,w,h.
  const classLogits = g.linear('head/class', decoded, channels, classes, 1, -4.3);
  const boxRaw = g.linear('head/box', decoded, channels, 4, 0.5);
  const boxes = g.node('Sigmoid', '/head/box/Sigmoid', [boxRaw], ['head.boxes']);

  // Post-processor, as RT-DETR's deploy export.
  const probabilities = g.node('Sigmoid', '/postprocessor/Sigmoid', [classLogits], ['post.probabilities']);
  const flatScores = g.node(
    'Reshape',
    '/postprocessor/Reshape',
    [probabilities, g.ints('post.flat', [0, -1])],
    ['post.flat_scores'],
  );
  g.node(
    'TopK',
    '/postprocessor/TopK',
    [flatScores, g.ints('post.k', [queries])],
    ['scores', 'post.index'],
    [{ name: 'axis', type: 'int', value: -1 }],
  );
  const classCount = g.ints('post.classes', [classes], []);
  g.node('Mod', '/postprocessor/Mod', ['post.index', classCount], ['labels']);
  const query = g.node('Div', '/postprocessor/Div', ['post.index', classCount], ['post.query']);
  const query3 = g.node(
    'Unsqueeze',
    '/postprocessor/Unsqueeze',
    [query, g.ints('post.last', [-1])],
    ['post.query3'],
  );
  const gatherIndex = g.node(
    'Expand',
    '/postprocessor/Expand',
    [query3, g.ints('post.expand', [1, 1, 4])],
    ['post.gather_index'],
  );
  const parts = ['cx', 'cy', 'w', 'h'].map((p) => `post.${p}`);
  g.node('Split', '/postprocessor/Split', [boxes, g.ints('post.split', [1, 1, 1, 1])], parts, [
    { name: 'axis', type: 'int', value: -1 },
  ]);
  const half = g.floats('post.half', [], [0.5]);
  const [cx, cy, w, h] = parts as [string, string, string, string];
  const halfW = g.node('Mul', '/postprocessor/Mul_w', [w, half], ['post.half_w']);
  const halfH = g.node('Mul', '/postprocessor/Mul_h', [h, half], ['post.half_h']);
  const corners = [
    g.node('Sub', '/postprocessor/Sub_x1', [cx, halfW], ['post.x1']),
    g.node('Sub', '/postprocessor/Sub_y1', [cy, halfH], ['post.y1']),
    g.node('Add', '/postprocessor/Add_x2', [cx, halfW], ['post.x2']),
    g.node('Add', '/postprocessor/Add_y2', [cy, halfH], ['post.y2']),
  ];
  const xyxy = g.node(
    'Concat',
    '/postprocessor/Concat',
    corners,
    ['post.xyxy'],
    [{ name: 'axis', type: 'int', value: -1 }],
  );
  const picked = g.node(
    'GatherElements',
    '/postprocessor/GatherElements',
    [xyxy, gatherIndex],
    ['post.picked'],
    [{ name: 'axis', type: 'int', value: 1 }],
  );
  const sizes = g.node(
    'Cast',
    '/postprocessor/Cast',
    ['orig_target_sizes'],
    ['post.sizes'],
    [{ name: 'to', type: 'int', value: OnnxDataType.FLOAT }],
  );
  const sizes4 = g.node(
    'Tile',
    '/postprocessor/Tile',
    [sizes, g.ints('post.repeats', [1, 2])],
    ['post.sizes4'],
  );
  const scale = g.node(
    'Unsqueeze',
    '/postprocessor/Unsqueeze_sizes',
    [sizes4, g.ints('post.axis1', [1])],
    ['post.scale'],
  );
  g.node('Mul', '/postprocessor/Mul_boxes', [picked, scale], ['boxes']);

  return {
    path: '',
    sizeBytes: 0,
    irVersion: 8,
    opsetImports: [{ domain: '', version: 17 }],
    producerName: 'trt-studio',
    producerVersion: '0.1.0',
    domain: '',
    modelVersion: 1,
    docString: `TensorRT Profiling Studio DETR-style sample: seeded weights, ${tokensCount} tokens, ${queries} queries, ${classes} classes; RT-DETR's deploy inputs and outputs.`,
    metadataProps: [],
    graph: {
      name: 'sample_detr',
      nodes: g.nodes,
      inputs: [
        valueInfo('images', OnnxDataType.FLOAT, ['N', 3, size, size]),
        valueInfo('orig_target_sizes', OnnxDataType.INT64, ['N', 2]),
      ],
      outputs: [
        valueInfo('labels', OnnxDataType.INT64, ['N', queries]),
        valueInfo('boxes', OnnxDataType.FLOAT, ['N', queries, 4]),
        valueInfo('scores', OnnxDataType.FLOAT, ['N', queries]),
      ],
      valueInfo: [],
      initializers: g.initializers,
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sample-detr.onnx');
  writeOnnx(sampleDetrModel(), out);
  console.log(`wrote ${out}`);
}
