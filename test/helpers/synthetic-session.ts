/**
 * A synthetic comparison for benchmarks: FP32, FP16 and INT8 engines of one N-convolution network on an
 * H200, each layer tied to its ONNX nodes, INT8 with a reformat every 10 layers, per-layer means that
 * shrink with precision (with some jitter); optionally the variants and their accuracy against FP32,
 * per output and per layer, as a profile job with per-layer accuracy records them.
 */
import { statsFromAggregates } from '../../electron/core/model/statistics';
import { newSession } from '../../electron/core/model/session';
import type {
  AccuracyResult,
  Engine,
  EngineLayer,
  Precision,
  Profile,
  Session,
  Variant,
} from '../../electron/core/model/types';

const DTYPES = { fp32: 'float32', fp16: 'float16', int8: 'int8' } as const;

function convolution(i: number, precision: 'fp32' | 'fp16' | 'int8'): EngineLayer {
  const channels = 64 * (1 + (i % 4));
  const dims = [8, channels, 56, 56];
  return {
    name: `layer${i}/Conv + Relu`,
    type: 'CaskConvolution',
    parameterType: 'Convolution',
    precision,
    inputs: [{ name: `t${i}`, dims, dtype: DTYPES[precision] }],
    outputs: [{ name: `t${i + 1}`, dims, dtype: DTYPES[precision] }],
    tacticName: `sm90_xmma_fprop_implicit_gemm_${precision}_tile${i % 7}`,
    originNodes: [`/layer${i}/Conv`, `/layer${i}/Relu`],
    fused: true,
    tensorCores: precision !== 'fp32',
    reformat: false,
    profileIndex: 0,
    details: {
      Kernel: [3, 3],
      Groups: 1,
      OutMaps: channels,
      Weights: { Type: precision === 'int8' ? 'Int8' : 'Half', Count: channels * channels * 9 },
    },
  };
}

function reformat(i: number): EngineLayer {
  const dims = [8, 64, 56, 56];
  return {
    name: `Reformatting CopyNode for Input Tensor 0 to layer${i}/Conv + Relu`,
    type: 'Reformat',
    parameterType: 'Reformat',
    precision: 'fp16',
    inputs: [{ name: `r${i}`, dims, dtype: 'float16' }],
    outputs: [{ name: `t${i}`, dims, dtype: 'int8' }],
    originNodes: [],
    fused: false,
    tensorCores: null,
    reformat: true,
    profileIndex: 0,
  };
}

/** An engine and its profile: per-layer means that shrink with precision, with some jitter. */
function variant(precision: 'fp32' | 'fp16' | 'int8', count: number): { engine: Engine; profile: Profile } {
  const layers: EngineLayer[] = [];
  for (let i = 0; i < count; i++) {
    if (precision === 'int8' && i % 10 === 0) layers.push(reformat(i));
    layers.push(convolution(i, precision));
  }
  const scale = { fp32: 1, fp16: 0.45, int8: 0.3 }[precision];
  const id = `synthetic:${precision}`;
  const rows = layers.map((layer, index) => {
    const meanMs = layer.reformat ? 0.004 : scale * (0.01 + 0.002 * ((index * 37) % 11));
    return {
      name: layer.name,
      layerIndex: index,
      stats: statsFromAggregates({ count: 100, totalMs: meanMs * 100, meanMs }),
      percentage: 0,
    };
  });
  const total = rows.reduce((sum, row) => sum + row.stats.meanMs, 0);
  for (const row of rows) row.percentage = (100 * row.stats.meanMs) / total;
  const engine: Engine = {
    id,
    backend: 'tensorrt',
    backendVersion: '10.16.0',
    precision: precision as Precision,
    device: { name: 'NVIDIA H200', computeCapability: '9.0', smCount: 132 },
    buildOptions: { stronglyTyped: true },
    buildTimeMs: 40_000 * scale,
    sizeBytes: 80e6 * scale,
    bindings: ['input', 'output'],
    layers,
    detail: 'detailed',
    files: [],
    warnings: [],
  };
  const profile: Profile = {
    id: `${id}:profile`,
    engineId: id,
    backend: 'tensorrt',
    batchSize: 8,
    iterations: 100,
    warmupIterations: 10,
    layers: rows,
    compute: statsFromAggregates({ count: 100, totalMs: total * 90, meanMs: total * 0.9 }),
    latency: statsFromAggregates({ count: 100, totalMs: total * 95, meanMs: total * 0.95 }),
    stages: [],
    warnings: [],
  };
  return { engine, profile };
}

/** The variant a profile job records, and its accuracy against FP32 with one entry per layer. */
function judged(precision: 'fp16' | 'int8', count: number): { variant: Variant; accuracy: AccuracyResult } {
  const error = precision === 'fp16' ? 1e-6 : 1e-4;
  const perLayer = Array.from({ length: count }, (_, i) => ({
    tensor: `t${i + 1}`,
    node: `/layer${i}/Relu`,
    cosine: 1 - error * (1 + (i % 13)),
    maxAbsError: error * 100 * (1 + (i % 5)),
  }));
  const cosine = perLayer.at(-1)!.cosine;
  return {
    variant: {
      id: precision,
      precision,
      modelSha256: 'synthetic',
      recipe: {},
      keptHigherPrecision: [],
      notes: [],
    },
    accuracy: {
      variantId: precision,
      referenceVariantId: 'fp32',
      evaluation: { kind: 'images', spec: 'images:coco-eval' },
      inputs: 16,
      outputs: [
        {
          name: 'logits',
          kind: 'float',
          cosine,
          maxAbsError: 0.01,
          meanAbsError: 0.002,
          relativeError: 0.01,
          snrDb: 40,
        },
      ],
      top1Agreement: precision === 'fp16' ? 1 : 0.9375,
      task: { kind: 'top1-agreement', value: precision === 'fp16' ? 1 : 0.9375 },
      perLayer,
    },
  };
}

/** FP32, FP16 and INT8 engines of `count` convolutions each; with `accuracy`, their variants and accuracy. */
export function syntheticSession(count: number, options: { accuracy?: boolean } = {}): Session {
  const session = newSession();
  for (const precision of ['fp32', 'fp16', 'int8'] as const) {
    const { engine, profile } = variant(precision, count);
    session.engines.push(engine);
    session.profiles.push(profile);
    if (!options.accuracy) continue;
    engine.variantId = precision;
    if (precision === 'fp32') {
      session.variants.push({
        id: 'fp32',
        precision,
        modelSha256: 'synthetic',
        recipe: {},
        keptHigherPrecision: [],
        notes: [],
      });
      continue;
    }
    const { variant: made, accuracy } = judged(precision, count);
    session.variants.push(made);
    session.accuracy.push(accuracy);
  }
  return session;
}
