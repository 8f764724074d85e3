/**
 * Every file in ../shared/fixtures/trtexec imports, and the facts below match what was computed by hand
 * with python's json module on the same files (layer counts after dropping NoOp/Constant/shape_call/
 * signal/wait, profile totals as the sum of averageMs, precisions read off "Format/Datatype").
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFile } from '../../../electron/core/importers/detect-file';
import { importerOfKind } from '../../../electron/core/importers/registry';
import { importTrtexecFiles } from '../../../electron/core/importers/grouping';
import { parseLayerInfoJson } from '../../../electron/core/importers/trtexec-layer-info';
import { parseProfileJson } from '../../../electron/core/importers/trtexec-profile';
import { parseTimesJson } from '../../../electron/core/importers/trtexec-times';
import { parseMetadataJson } from '../../../electron/core/importers/trtexec-metadata';
import { fixture } from '../../helpers/fixtures';

const dir = fixture('trtexec');
const file = (name: string) => path.join(dir, name);
const read = (name: string) => fs.readFileSync(file(name), 'utf8');

describe('every trtexec fixture imports', () => {
  for (const name of fs.readdirSync(dir)) {
    it(name, async () => {
      const { kind } = detectFile(file(name));
      expect(kind).toMatch(/^trtexec-/);
      const result = await importerOfKind(kind)!.parse(file(name));
      expect(result.engines.length + result.profiles.length).toBeGreaterThan(0);
    });
  }
});

describe('layer information', () => {
  // python: raw = len(Layers); kept = layers whose LayerType is not NoOp/Constant/shape_call/signal/wait
  const counts: [string, number, number][] = [
    ['pytorch__resnet__A100__fp32__resnet.graph.json', 32, 24],
    ['pytorch__resnet__A100__fp16__resnet.graph.json', 36, 25],
    ['pytorch__resnet__A100__qat__resnet-qat.graph.json', 37, 35],
    ['tests__mobilenet.qat.graph.json', 73, 72],
    ['trt10__alexnet_fp16.graph.json', 14, 13],
    ['trt10__resnet18_fp16.graph.json', 26, 24],
  ];
  it.each(counts)('%s: %i source layers, %i after folding', (name, raw, kept) => {
    const engine = parseLayerInfoJson(read(name), name);
    expect(engine.layers.length).toBe(kept);
    expect(engine.layers.length + engine.foldedLayers!.length).toBe(raw);
  });

  it('reads precision from formats of specific layers', () => {
    const byName = (name: string) =>
      new Map(parseLayerInfoJson(read(name), name).layers.map((l) => [l.name, l]));
    const fp16 = byName('pytorch__resnet__A100__fp16__resnet.graph.json');
    expect(fp16.get('Conv_0 + Relu_1')!.precision).toBe('fp16'); // "Channel major FP16 format where channel % 4 == 0"
    expect(fp16.get('Reformatting CopyNode for Input Tensor 0 to Conv_0 + Relu_1')!.precision).toBe('fp32'); // "Row major linear FP32"
    const qat = byName('pytorch__resnet__A100__qat__resnet-qat.graph.json');
    expect(qat.get('conv1.weight + QuantizeLinear_7 + Conv_9')!.precision).toBe('int8'); // "Four wide ... Int8 format"
    expect(qat.get('MaxPool_12')!.precision).toBe('fp32'); // TiledPooling on "Row major linear FP32"
    expect(qat.get('GlobalAveragePool_246')!.precision).toBe('fp16'); // "Two wide ... FP16 format"
    const alexnet = byName('trt10__alexnet_fp16.graph.json');
    expect(alexnet.get('/classifier/classifier_1/Gemm_myl9_2')!.precision).toBe('fp16'); // Myelin "Half"
  });

  it('counts Tensor Core layers from tactic names', () => {
    // python: tactics matching imma|hmma|gmma|i88|884|h1688|h16816|s1688|s16816|i16832|tf32|tensorAxBxC,
    // excluding sm<70 kernels and simt: fp32 20 (ampere_scudnn conv1 is not), fp16 21, qat 20 (int8x4 conv1 is not)
    const tensorCoreLayers = (name: string) =>
      parseLayerInfoJson(read(name), name).layers.filter((l) => l.tensorCores === true).length;
    expect(tensorCoreLayers('pytorch__resnet__A100__fp32__resnet.graph.json')).toBe(20);
    expect(tensorCoreLayers('pytorch__resnet__A100__fp16__resnet.graph.json')).toBe(21);
    expect(tensorCoreLayers('pytorch__resnet__A100__qat__resnet-qat.graph.json')).toBe(20);
  });

  it('reads ONNX origins from TensorRT 10 Metadata (\\u001e and \\u001f separators)', () => {
    const engine = parseLayerInfoJson(read('trt10__alexnet_fp16.graph.json'), 'alexnet');
    const conv = engine.layers.find(
      (l) => l.name === '/features/features.0/Conv + /features/features.1/Relu',
    )!;
    expect(conv.originNodes).toEqual(['/features/features.0/Conv', '/features/features.1/Relu']);
    expect(conv.fused).toBe(true);
    const gemm = engine.layers.find((l) => l.name === '/classifier/classifier_1/Gemm_myl9_2')!;
    expect(gemm.originNodes).toEqual(['/classifier/classifier.1/Gemm', '/classifier/classifier.2/Relu']);
    expect(engine.foldedLayers!.map((l) => l.type)).toEqual(['shape_call']);
  });

  it('degrades names-only layer information to unknown', () => {
    const engine = parseLayerInfoJson(read('yolo_qat_orin.layer_info.json'), 'yolo');
    expect(engine.detail).toBe('names-only');
    expect(engine.layers.length).toBe(86);
    expect(engine.layers.every((l) => l.precision === 'unknown' && l.tensorCores === null)).toBe(true);
    expect(engine.warnings.join()).toMatch(/names only/);
  });
});

describe('profiles', () => {
  // python: sum(r['averageMs'] for r in profile[1:]), len(profile) - 1, profile[0]['count']
  const totals: [string, number, number, number][] = [
    ['pytorch__resnet__A100__fp32__resnet.profile.json', 32, 1, 2.123776],
    ['pytorch__resnet__A100__fp16__resnet.profile.json', 36, 1, 1.016832],
    ['pytorch__resnet__A100__qat__resnet-qat.profile.json', 37, 1, 1.09568],
    ['trt10__alexnet_fp16.profile.json', 14, 14590, 0.52417137],
    ['yolo_qat_orin.profile.json', 86, 11, 403.8158017],
    ['legacy__googlenet_gpu.profile.json', 85, 12483, 1.93999821],
  ];
  it.each(totals)('%s: %i rows, count %i, total %f ms', (name, rows, count, total) => {
    const profile = parseProfileJson(read(name), name);
    expect(profile.layers.length).toBe(rows);
    expect(profile.iterations).toBe(count);
    expect(profile.layerSumMs).toBeCloseTo(total, 6);
    expect(profile.layers.reduce((sum, l) => sum + l.stats.meanMs, 0)).toBeCloseTo(total, 6);
  });

  it('reads the legacy 4-key form and says the median is the mean', () => {
    const profile = parseProfileJson(read('legacy__googlenet_gpu.profile.json'), 'legacy');
    expect(profile.layers[0]!.stats.meanMs).toBe(0.0219454);
    expect(profile.warnings.join()).toMatch(/no medianMs/);
  });

  it('matches profile rows to layers and folds NoOp rows', () => {
    const { runs } = importTrtexecFiles([
      file('pytorch__resnet__A100__fp16__resnet.graph.json'),
      file('pytorch__resnet__A100__fp16__resnet.profile.json'),
    ]);
    const profile = runs[0]!.profile!;
    // 36 rows: 25 layers + 11 NoOp rows (all 0 ms) that have no layer of their own.
    expect(profile.layers.filter((r) => r.layerIndex !== undefined).length).toBe(25);
    expect(profile.layers.filter((r) => r.layerIndex === undefined).every((r) => r.stats.meanMs === 0)).toBe(
      true,
    );
    expect(runs[0]!.warnings).toEqual([]);
  });
});

describe('times and metadata', () => {
  it('summarizes --exportTimes from the real samples', () => {
    const profile = parseTimesJson(read('pytorch__resnet__A100__fp16__resnet.timing.json'), 'timing');
    // python: len(records) = 3698; statistics.mean(latencyMs) = 0.862354497...
    expect(profile.iterations).toBe(3698);
    expect(profile.latency!.meanMs).toBeCloseTo(0.8623544970254233, 9);
  });

  it('reads the 5-figure performance summary as min, max, mean, median, p99', () => {
    const facts = parseMetadataJson(
      read('pytorch__resnet__A100__fp16__resnet.profile.metadata.json'),
      'meta',
    );
    const compute = facts.performance!.compute!;
    expect([compute.minMs, compute.maxMs, compute.meanMs, compute.medianMs, compute.p99Ms]).toEqual([
      0.856049, 0.872559, 0.86277, 0.862183, 0.871338,
    ]);
    expect(compute.p90Ms).toBeNull();
    // Throughput 1155.36 qps x walltime 3.00166 s = 3468.0 queries.
    expect(facts.performance!.queries).toBe(3468);
    expect(facts.device).toMatchObject({
      name: 'NVIDIA A100 80GB PCIe',
      computeCapability: '8.0',
      smCount: 108,
    });
  });
});
