/**
 * TREx's lints on the real engines, and model lints mapped onto layers. Expected counts were derived in
 * python from the graph JSON: convolutions whose first input/output channels are not multiples of 8
 * (16 for INT8), INT8 convolutions whose first output is not Int8, Reformat layers whose first input and
 * output data types differ.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLayerInfoJson } from '../../../electron/core/importers/trtexec-layer-info';
import { lintEngine, mapModelLintsToLayers } from '../../../electron/core/analysis/engine-lints';
import { fixture } from '../../helpers/fixtures';

const load = (name: string) => parseLayerInfoJson(fs.readFileSync(fixture('trtexec', name), 'utf8'), name);
const count = (lints: { id: string }[], id: string) => lints.filter((lint) => lint.id === id).length;

describe('engine lints', () => {
  it('QAT ResNet-18: alignment, mixed precision, type-converting reformats', () => {
    const lints = lintEngine(load('pytorch__resnet__A100__qat__resnet-qat.graph.json'));
    // conv1 (C=3) and the FC (K=1000) miss the INT8 multiple of 16.
    expect(lints.filter((l) => l.id === 'tensor-core-alignment').map((l) => l.nodes[0])).toEqual([
      'conv1.weight + QuantizeLinear_7 + Conv_9',
      'fc.weight + QuantizeLinear_255 + Gemm_257 + fc.bias + (Unnamed Layer* 306) [Shuffle] + unsqueeze_node_after_fc.bias + (Unnamed Layer* 306) [Shuffle]_(Unnamed Layer* 306) [Shuffle]_output + (Unnamed Layer* 307) [ElementWise]',
    ]);
    // INT8 convolutions with FP16/FP32 output: conv1, the 8 conv2/downsample+Add ones, 3 conv2 without Add, the FC.
    expect(count(lints, 'mixed-precision-conv')).toBe(13);
    // Reformat layers whose type changes: 10 QuantizeLinear (FP32/FP16 -> Int8) + the FP32 -> FP16 copy after MaxPool.
    expect(count(lints, 'reformat-type-conversion')).toBe(11);
    expect(lints.every((lint) => lint.fix && lint.why)).toBe(true);
  });

  it('FP16 ResNet-18: no Tensor Core or alignment findings except the 3-channel stem', () => {
    const lints = lintEngine(load('pytorch__resnet__A100__fp16__resnet.graph.json'));
    expect(count(lints, 'tensor-core-use')).toBe(0);
    expect(lints.filter((l) => l.id === 'tensor-core-alignment').map((l) => l.nodes[0])).toEqual([
      'Conv_0 + Relu_1',
    ]);
  });

  it('maps model lints to engine layers through ONNX origins', () => {
    const engine = load('trt10__alexnet_fp16.graph.json');
    const modelLint = {
      id: 'low-intensity',
      severity: 'info' as const,
      nodes: ['/classifier/classifier.1/Gemm', '/not/in/engine'],
      message: 'Gemm is memory-bound',
      why: 'batch 1 GEMV',
    };
    const orphan = { ...modelLint, nodes: ['/removed/Identity'] };
    const { mapped, unmapped } = mapModelLintsToLayers([modelLint, orphan], engine);
    expect(mapped.map((lint) => lint.nodes)).toEqual([['/classifier/classifier_1/Gemm_myl9_2']]);
    expect(unmapped).toEqual([orphan]);
  });
});
