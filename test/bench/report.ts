/**
 * Report cost on a synthetic comparison of 3 variants x 1,000 layers (FP32, FP16 and INT8 engines of
 * one 1,000-convolution network on an H200, each layer tied to its ONNX node, INT8 with a reformat
 * every 10 layers): the report model's build time (median of 5), the HTML's size, the JSON and CSV
 * sizes, and the time to print the PDF in headless Chromium. Targets: build <= 1 s, HTML <= 5 MB.
 * Prints figures; asserts nothing. Run from the repository root: node bin/run-ts.mjs test/bench/report.ts [layers]
 */
import { statsFromAggregates } from '../../electron/core/model/statistics';
import { newSession } from '../../electron/core/model/session';
import type { Engine, EngineLayer, Precision, Profile, Session } from '../../electron/core/model/types';
import { layersCsv, variantsCsv } from '../../electron/core/report/csv-export';
import { reportHtml } from '../../electron/core/report/html-export';
import { htmlToPdf } from '../../electron/core/report/pdf-export';
import { buildReport } from '../../electron/core/report/report-model';
import { reportPageTemplate } from '../../electron/core/report/report-page';

const LAYERS = Number(process.argv[2] ?? 1000);
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
function variant(precision: 'fp32' | 'fp16' | 'int8'): { engine: Engine; profile: Profile } {
  const layers: EngineLayer[] = [];
  for (let i = 0; i < LAYERS; i++) {
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

function syntheticSession(): Session {
  const session = newSession();
  for (const precision of ['fp32', 'fp16', 'int8'] as const) {
    const { engine, profile } = variant(precision);
    session.engines.push(engine);
    session.profiles.push(profile);
  }
  return session;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

const session = syntheticSession();
const layers = session.engines.reduce((sum, e) => sum + e.layers.length, 0);
console.log(
  `synthetic comparison: 3 variants, ${layers} layers in all (${LAYERS} convolutions each, INT8 with reformats)`,
);

const builds: number[] = [];
let report = buildReport(session);
for (let round = 0; round < 5; round++) {
  const start = performance.now();
  report = buildReport(session);
  builds.push(performance.now() - start);
}
console.log(
  `report build: median ${median(builds).toFixed(0)} ms over 5 (target <= 1000 ms); ${report.layers.rows.length} aligned rows, ` +
    `${report.regressions.length} regressions, ${report.roofline.points.length} roofline points`,
);

let start = performance.now();
const json = JSON.stringify(report, null, 2);
const csv = layersCsv(report) + variantsCsv(report);
console.log(`JSON ${mb(json.length)}, CSV ${mb(csv.length)} in ${(performance.now() - start).toFixed(0)} ms`);

start = performance.now();
const template = await reportPageTemplate();
const templateMs = performance.now() - start;
start = performance.now();
const html = reportHtml(report, template);
console.log(
  `HTML ${mb(Buffer.byteLength(html))} (target <= 5 MB; page ${mb(Buffer.byteLength(template))} + data), ` +
    `written in ${(performance.now() - start).toFixed(0)} ms (page template ${templateMs.toFixed(0)} ms, cached build)`,
);

start = performance.now();
const pdf = await htmlToPdf(html);
console.log(
  `PDF ${mb(pdf.byteLength)} printed in ${((performance.now() - start) / 1000).toFixed(1)} s (headless Chromium)`,
);
