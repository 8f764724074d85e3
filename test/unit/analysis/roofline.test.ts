/**
 * The roofline on TREx's ResNet-18 A100 runs, and layer costs. By hand from the FP32 graph.json:
 * Conv_0 + Relu_1 (7x7, stride 2, C=3, K=64, 32x3x224x224 -> 32x64x112x112, FP32 weights 9408 + bias 64):
 * FLOPs = 2 x 32x64x112x112 x 3x7x7 = 7,552,892,928; bytes = 32x3x224x224x4 + 32x64x112x112x4 +
 * (9408 + 64)x4 = 122,065,920; it ran 0.52224 ms, so it reached 1.446e13 FLOP/s. The A100 PCIe 80GB datasheet row:
 * FP32 19.5 TFLOP/s, FP16 312, INT8 624 TOP/s, 1935 GB/s (the PCIe card the runs name); TF32 is half the FP16 rate (156).
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareSessions, type SessionComparison } from '../../../electron/core/analysis/compare-sessions';
import { layerCost, modelCostIndex } from '../../../electron/core/analysis/layer-cost';
import {
  chooseCeilings,
  rooflineCeilings,
  variantsRoofline,
  roofOf,
} from '../../../electron/core/analysis/roofline';
import { filesToSession } from '../../../electron/core/importers/files-to-session';
import type { DeviceCeilings, EngineLayer } from '../../../electron/core/model/types';
import type { Roofline } from '../../../electron/core/model/views/roofline';
import { inspectModel } from '../../../electron/core/onnx/inspect-model';
import { fixture } from '../../helpers/fixtures';

const resnet = (set: string) =>
  fs
    .readdirSync(fixture('trtexec'))
    .filter((name) => name.startsWith(`pytorch__resnet__A100__${set}__`))
    .map((name) => fixture('trtexec', name));

describe('roofline of ResNet-18 FP32 / FP16 / QAT on the A100', () => {
  let compared: SessionComparison;
  let roofline: Roofline;

  beforeAll(async () => {
    const { session } = await filesToSession([...resnet('fp32'), ...resnet('fp16'), ...resnet('qat')]);
    compared = compareSessions([session]);
    const device = chooseCeilings({ engineDevice: compared.items[0]!.engine.device!.name });
    roofline = variantsRoofline(compared.items, compared.comparison.labels, device);
  });

  it('draws the ceilings of the device the engines ran on, from its datasheet, labelled so', () => {
    expect(roofline.ceilings.label).toBe('datasheet: NVIDIA A100 PCIe 80GB');
    expect(roofline.ceilings.roofs.map((r) => [r.precision, r.peak])).toEqual([
      ['fp32', 19.5e12],
      ['tf32', 156e12],
      ['fp16', 312e12],
      ['int8', 624e12],
    ]);
    expect(roofline.ceilings.roofs[2]!.ridge).toBeCloseTo(312e12 / 1935e9, 6);
    expect(roofline.notes).toEqual([]);
  });

  it('places Conv_0 + Relu_1 of FP32 at the FLOPs and bytes computed by hand', () => {
    const point = roofline.points.find((p) => p.variant === 0 && p.layerName === 'Conv_0 + Relu_1')!;
    expect(point.flops).toBe(7_552_892_928);
    expect(point.bytes).toBe(122_065_920);
    expect(point.achieved).toBeCloseTo(7_552_892_928 / 0.52224e-3, -6);
    // Its kernel (ampere_scudnn) is a CUDA-core one: the FP32 roof, compute-bound past the 9.56 ridge.
    expect(point.roof).toBe('fp32');
    expect(point.bound).toBe('compute');
    expect(point.efficiency).toBeCloseTo(point.achieved / 19.5e12, 9);
  });

  it('judges FP32 layers on TF32 kernels against the TF32 roof and INT8 layers against INT8', () => {
    const tf32 = roofline.points.find((p) => p.variant === 0 && p.layerName === 'Conv_3 + Relu_4')!;
    expect(tf32.roof).toBe('tf32');
    expect(tf32.achieved).toBeLessThan(156e12);
    const int8 = roofline.points.filter((p) => p.variant === 2 && p.roof === 'int8');
    expect(int8.length).toBeGreaterThan(15);
    expect(roofline.coverage.map((c) => c.points)).toEqual([23, 23, 23]);
  });

  it("takes measured ceilings for the same device, the user's device over the engines'", () => {
    const measured: DeviceCeilings = {
      name: 'NVIDIA A100 80GB PCIe',
      source: 'measured',
      fp32Tflops: 18,
      fp16Tflops: 280,
      int8Tops: 560,
      dramGBps: 1800,
    };
    const a100 = chooseCeilings({ engineDevice: 'NVIDIA A100 80GB PCIe', measured: [measured] });
    expect(rooflineCeilings(a100).label).toBe('measured on NVIDIA A100 80GB PCIe');
    // Measured on another card (the SXM one): the datasheet of the PCIe card the runs name.
    const other = chooseCeilings({
      engineDevice: 'NVIDIA A100 80GB PCIe',
      measured: [{ ...measured, name: 'NVIDIA A100-SXM4-80GB' }],
    });
    expect(rooflineCeilings(other).label).toBe('datasheet: NVIDIA A100 PCIe 80GB');
    expect(
      chooseCeilings({ device: 'h100', engineDevice: 'NVIDIA A100 80GB PCIe', measured: [measured] }).name,
    ).toBe('NVIDIA H100 SXM');
    expect(chooseCeilings({}).name).toBe('NVIDIA H200 SXM');
  });

  it("picks the roof from a layer's precision and kernel", () => {
    const layer = (precision: EngineLayer['precision'], tacticName?: string) =>
      ({ precision, tensorCores: null, tacticName }) as Pick<
        EngineLayer,
        'precision' | 'tensorCores' | 'tacticName'
      >;
    expect(roofOf(layer('int8'))).toBe('int8');
    expect(roofOf(layer('fp16'))).toBe('fp16');
    expect(roofOf(layer('fp32', 'sm80_xmma_fprop_implicit_gemm_f32f32_tf32f32_f32'))).toBe('tf32');
    expect(roofOf(layer('fp32', 'ampere_scudnn_128x64_relu_xregs_large_nn_v1'))).toBe('fp32');
  });
});

describe('layer cost from the model', () => {
  it("counts a quantized convolution's FLOPs from the model's weights when the layer lists none", () => {
    const model = inspectModel(fixture('models', 'mobilenet_v2_128_0.5.onnx'));
    const conv = model.nodes.find((node) => node.opType === 'Conv' && node.name.endsWith('LAYER_6/Conv2D'))!;
    const weight = model.initializers.find((init) => init.name === conv.inputs[1])!;
    // ONNX Runtime's NHWC QLinearConv: its profile lists the activations, not the prepacked weights.
    const layer: EngineLayer = {
      name: `${conv.name}_token_6`,
      type: 'QLinearConv',
      precision: 'int8',
      inputs: [{ name: 'x', dims: [1, 64, 64, 8], dtype: 'uint8' }],
      outputs: [{ name: conv.outputs[0]!, dims: [1, 64, 64, 8], dtype: 'uint8' }],
      originNodes: [conv.name],
      fused: false,
      tensorCores: null,
      reformat: false,
      profileIndex: 0,
    };
    const perOutput = weight.dims.slice(1).reduce((a, b) => a * b, 1);
    const cost = layerCost(layer, modelCostIndex(model))!;
    expect(cost.source).toBe('model');
    expect(cost.flops).toBe(2 * 64 * 64 * 8 * perOutput);
    // Activations in and out (uint8) plus the weights at one byte each.
    const weightCount = weight.dims.reduce((a, b) => a * b, 1);
    expect(cost.bytes).toBe(64 * 64 * 8 * 2 + weightCount);
  });
});
