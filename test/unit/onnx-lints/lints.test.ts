import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Lint } from '../../../electron/core/model/types';
import { computeCosts } from '../../../electron/core/onnx/cost';
import { resolveCeilings } from '../../../electron/core/onnx/device-ceilings';
import { OnnxDataType } from '../../../electron/core/onnx/graph';
import { lintModel } from '../../../electron/core/onnx/lints';
import { nodeNames } from '../../../electron/core/onnx/node-names';
import { inferShapes } from '../../../electron/core/onnx/shapes/infer';
import { inspectModel } from '../../../electron/core/onnx/inspect-model';
import { FIXTURES } from '../../helpers/fixtures';
import { GraphBuilder } from '../onnx-shapes/graph-builder';

function lintsOf(builder: GraphBuilder, overrides: Record<string, number[]> = {}): Lint[] {
  const model = builder.model(13);
  const ceilings = resolveCeilings('h100');
  const inference = inferShapes(model, overrides);
  const cost = computeCosts(model.graph, inference.tensors, ceilings);
  return lintModel({
    graph: model.graph,
    nodeNames: nodeNames(model.graph.nodes).map((n) => n.name),
    facts: inference.tensors,
    costs: cost.costs,
    constants: cost.constants,
    dynamicInputs: inference.dynamicInputs,
    unknownShapeNodes: inference.unknownShapeNodes,
    ceilings,
  });
}

function only(lints: Lint[], id: string): Lint {
  const found = lints.filter((l) => l.id === id);
  expect(found).toHaveLength(1);
  return found[0];
}

function everyLintIsComplete(lints: Lint[]): void {
  for (const lint of lints) {
    expect(lint.message.length).toBeGreaterThan(10);
    expect(lint.why.length).toBeGreaterThan(10);
    expect(lint.why).not.toContain('\n');
  }
}

describe('tensor-core-alignment', () => {
  it('warns for channels or K/N off 8, informs for off 16 only, skips depthwise', () => {
    const g = new GraphBuilder()
      .input('x', [1, 24, 16, 16])
      .input('y', [4, 64])
      .weight('w12', [12, 24, 3, 3])
      .weight('w32', [32, 24, 1, 1])
      .weight('dw', [24, 1, 3, 3])
      .weight('fc', [64, 10])
      .weight('fc32', [64, 32])
      .node('Conv', ['x', 'w12'], ['a'], {}, { name: 'conv12' })
      .node('Conv', ['x', 'w32'], ['b'], {}, { name: 'conv24to32' })
      .node('Conv', ['x', 'dw'], ['c'], { group: 24 }, { name: 'depthwise' })
      .node('MatMul', ['y', 'fc'], ['e'], {}, { name: 'head' })
      .node('MatMul', ['y', 'fc32'], ['f'], {}, { name: 'aligned' });
    const lints = lintsOf(g).filter((l) => l.id === 'tensor-core-alignment');
    everyLintIsComplete(lints);
    const warning = lints.find((l) => l.severity === 'warning');
    const info = lints.find((l) => l.severity === 'info');
    expect(warning?.nodes).toEqual(['conv12', 'head']);
    expect(warning?.message).toContain('conv12 (C_out 12)');
    expect(warning?.message).toContain('head (N 10)');
    expect(info?.nodes).toEqual(['conv24to32']);
    expect(info?.message).toContain('conv24to32 (C_in 24)');
  });
});

describe('intensity lints', () => {
  it('flags memory-bound depthwise and 1x1 convolutions against the FP16 ridge', () => {
    const g = new GraphBuilder()
      .input('x', [1, 64, 56, 56])
      .weight('dw', [64, 1, 3, 3])
      .weight('pw', [64, 64, 1, 1])
      .weight('big', [512, 512, 3, 3])
      .input('z', [1, 512, 14, 14])
      .node('Conv', ['x', 'dw'], ['d'], { group: 64, pads: [1, 1, 1, 1] }, { name: 'dw' })
      .node('Conv', ['d', 'pw'], ['p'], {}, { name: 'pw' })
      .node('Conv', ['z', 'big'], ['b'], { pads: [1, 1, 1, 1] }, { name: 'dense3x3' });
    const lints = lintsOf(g);
    everyLintIsComplete(lints);
    // depthwise at FP16: 2*64*3136*9 FLOPs / ((2*64*3136 + 576) * 2 bytes) = 4.49 FLOP/byte << 295.
    const depthwise = only(lints, 'depthwise-low-intensity');
    expect(depthwise.nodes).toEqual(['dw']);
    expect(depthwise.message).toContain('4.49-4.49 FLOP/byte against a ridge of 295');
    expect(only(lints, 'pointwise-low-intensity').nodes).toEqual(['pw']);
  });

  it('reports the share of bytes in data-movement ops', () => {
    const g = new GraphBuilder()
      .input('x', [1, 8, 32, 32])
      .ints('shape', [1, 2, 4, 32, 32])
      .node('Reshape', ['x', 'shape'], ['r'], {}, { name: 'shuffle_view' })
      .node('Transpose', ['r'], ['t'], { perm: [0, 2, 1, 3, 4] }, { name: 'shuffle_t' })
      .node('Relu', ['t'], ['y'], {}, { name: 'act' });
    const lint = only(lintsOf(g), 'data-movement-share');
    // Reshape 32768+40+32768, Transpose 2x32768, Relu 2x32768: 131112 / 196648 = 66.7%.
    expect(lint.severity).toBe('warning');
    expect(lint.nodes).toEqual(['shuffle_view', 'shuffle_t']);
    expect(lint.message).toMatch(/^66\.7% of the bytes moved/);
  });
});

describe('quantization lints', () => {
  function qdq(builder: GraphBuilder, input: string, output: string, scale: string): GraphBuilder {
    return builder
      .node('QuantizeLinear', [input, scale, 'zp'], [`${output}_q`], {}, { name: `${output}_Q` })
      .node('DequantizeLinear', [`${output}_q`, scale, 'zp'], [output], {}, { name: `${output}_DQ` });
  }

  it('finds a DequantizeLinear feeding a non-quantizable op and a Quantize without Dequantize', () => {
    const g = new GraphBuilder()
      .input('x', [1, 16])
      .floats('s1', [0.05], [])
      .weight('zp', [], OnnxDataType.INT8, [0]);
    qdq(g, 'x', 'xd', 's1')
      .node('Sigmoid', ['xd'], ['y'], {}, { name: 'sig' })
      .node('QuantizeLinear', ['y', 's1', 'zp'], ['lonely'], {}, { name: 'lonelyQ' })
      .node('Cast', ['lonely'], ['out'], { to: OnnxDataType.FLOAT }, { name: 'cast' });
    const lints = lintsOf(g);
    everyLintIsComplete(lints);
    expect(only(lints, 'qdq-unfused-dequantize')).toMatchObject({
      nodes: ['xd_DQ', 'sig'],
      severity: 'warning',
    });
    expect(only(lints, 'qdq-quantize-without-dequantize').nodes).toEqual(['lonelyQ']);
  });

  it('finds an activation DequantizeLinear with no QuantizeLinear upstream', () => {
    const g = new GraphBuilder()
      .input('x', [1, 16], OnnxDataType.FLOAT)
      .floats('s', [0.1], [])
      .weight('zp', [], OnnxDataType.INT8, [0])
      .node('Cast', ['x'], ['x8'], { to: OnnxDataType.INT8 }, { name: 'cast' })
      .node('DequantizeLinear', ['x8', 's', 'zp'], ['xd'], {}, { name: 'orphanDQ' })
      .weight('w', [16, 16])
      .node('MatMul', ['xd', 'w'], ['y'], {}, { name: 'mm' });
    expect(only(lintsOf(g), 'qdq-dequantize-without-quantize').nodes).toEqual(['orphanDQ']);
  });

  it('finds residual Adds joining INT8 branches of different scales; equal scales pass', () => {
    const g = new GraphBuilder()
      .input('x', [1, 16])
      .floats('sa', [0.1], [])
      .floats('sb', [0.3], [])
      .floats('sc', [0.1], [])
      .weight('zp', [], OnnxDataType.INT8, [0]);
    qdq(g, 'x', 'a', 'sa');
    qdq(g, 'x', 'b', 'sb');
    qdq(g, 'x', 'c', 'sc');
    g.node('Add', ['a', 'b'], ['ab'], {}, { name: 'mismatch' }).node(
      'Add',
      ['a', 'c'],
      ['ac'],
      {},
      { name: 'matched' },
    );
    const lint = only(lintsOf(g), 'qdq-residual-scale-mismatch');
    expect(lint.nodes).toEqual(['mismatch']);
    expect(lint.message).toContain('scales 0.1');
  });

  it('a clean Q -> DQ -> Conv chain raises no quantization lint', () => {
    const g = new GraphBuilder()
      .input('x', [1, 16, 8, 8])
      .floats('s', [0.1], [])
      .weight('zp', [], OnnxDataType.INT8, [0])
      .weight('w', [16, 16, 3, 3]);
    qdq(g, 'x', 'xd', 's').node('Conv', ['xd', 'w'], ['y']);
    expect(lintsOf(g).filter((l) => l.id.startsWith('qdq') || l.id === 'qoperator-format')).toEqual([]);
  });

  it('QOperator ops are errors that say "convert to Q/DQ"', () => {
    const g = new GraphBuilder()
      .input('x', [1, 16, 8, 8], OnnxDataType.UINT8)
      .weight('w', [16, 16, 3, 3], OnnxDataType.UINT8)
      .node('ConvInteger', ['x', 'w'], ['y'], {}, { name: 'convint' });
    const lint = only(lintsOf(g), 'qoperator-format');
    expect(lint).toMatchObject({ severity: 'error', nodes: ['convint'] });
    expect(lint.fix).toMatch(/Convert to Q\/DQ/);
  });
});

describe('graph lints', () => {
  it('groups nodes of custom domains per domain', () => {
    const g = new GraphBuilder()
      .input('x', [1, 4])
      .node('FusedGelu', ['x'], ['a'], {}, { name: 'g1', domain: 'com.microsoft' })
      .node('FusedGelu', ['a'], ['b'], {}, { name: 'g2', domain: 'com.microsoft' })
      .node('Plugin', ['b'], ['c'], {}, { name: 'p', domain: 'my.plugins' });
    const lints = lintsOf(g).filter((l) => l.id === 'custom-domain');
    expect(lints.map((l) => l.nodes)).toEqual([['g1', 'g2'], ['p']]);
    expect(lints[0].message).toContain('ONNX Runtime contrib ops');
  });

  it('names dynamic inputs with an example --shape, and is silent once shapes are given', () => {
    const g = new GraphBuilder().input('images', ['batch', 3, 'h', 'w']).node('Relu', ['images'], ['y']);
    const lint = only(lintsOf(g), 'dynamic-input-no-shape');
    expect(lint.fix).toBe(
      'Give the shape you deploy with: --shape images:1x3x<h>x<w>; then --run-shapes (measures them by running the model once on ONNX Runtime) for any node still unknown.',
    );
    expect(lintsOf(g, { images: [1, 3, 64, 64] }).filter((l) => l.id === 'dynamic-input-no-shape')).toEqual(
      [],
    );
  });

  it('sorts errors before warnings before infos', () => {
    const g = new GraphBuilder()
      .input('x', [1, 3, 8, 8], OnnxDataType.UINT8)
      .weight('w', [3, 3, 1, 1], OnnxDataType.UINT8)
      .node('ConvInteger', ['x', 'w'], ['y'])
      .node('Custom', ['y'], ['z'], {}, { domain: 'x.y' });
    const severities = lintsOf(g).map((l) => l.severity);
    expect(severities).toEqual(
      [...severities].sort(
        (a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b),
      ),
    );
    expect(severities[0]).toBe('error');
  });
});

describe('sliced space-to-depth lint', () => {
  it("names YOLOX-Nano's Focus (8 Slices and Concat_40 before Conv_41) and the Conv it can become", () => {
    const model = inspectModel(path.join(FIXTURES, 'models', 'yolox_nano_416.onnx'));
    const lint = only(model.lints, 'sliced-space-to-depth');
    expect(lint.severity).toBe('info');
    expect(lint.nodes).toHaveLength(9);
    expect(lint.nodes).toContain('Concat_40');
    expect(lint.message).toMatch(
      /^8 strided Slices and Concat_40 cut "images" into 4 patches \(a space-to-depth, block 2\) only for Conv_41: [\d.]+ MB moved/,
    );
    // Conv_41 is 3x3, stride 1, pads 1 on the patches: 6x6, stride 2, pads 2 on the image.
    expect(lint.fix).toContain('Conv_41 as a 6x6 Conv with stride 2 and pads 2 reading "images"');
    everyLintIsComplete([lint]);
  });

  it('is silent on a model without one', () => {
    const model = inspectModel(path.join(FIXTURES, 'models', 'mobilenet_v2_128_0.5.onnx'));
    expect(model.lints.filter((l) => l.id === 'sliced-space-to-depth')).toEqual([]);
  });
});
