/**
 * The report a colleague opens, as data: one zod schema, from which come the TypeScript types, the
 * runtime check and the JSON Schema file in the repository (report/report.schema.json). It lives in
 * model/ because the renderer's report page reads it too. Bump REPORT_VERSION when a change would
 * make an older reader misread a newer report.
 *
 * Units as in the canonical model: times in ms, sizes in bytes, rates per second. A figure the source
 * did not give is null, never a guess.
 */
import { z } from 'zod';

export const REPORT_VERSION = 1;

const precision = z.enum(['fp32', 'fp16', 'bf16', 'int8', 'fp8', 'int4', 'mixed', 'unknown']);
const nullableNumber = z.number().nullable();

const tensorInfo = z.object({
  name: z.string(),
  dtype: z.string(),
  shape: z.array(z.union([z.number(), z.string(), z.null()])).nullable(),
});

const deviceInfo = z.object({
  name: z.string(),
  computeCapability: z.string().optional(),
  smCount: z.number().optional(),
  memoryBytes: z.number().optional(),
});

const machine = z.object({
  hostname: z.string().optional(),
  os: z.string().optional(),
  cpu: z.string().optional(),
  cpuCores: z.number().optional(),
  device: deviceInfo.optional(),
});

const latency = z.object({
  measure: z
    .enum(['end-to-end', 'gpu-compute'])
    .describe(
      "What was timed: the host's end-to-end wall clock, or GPU compute only when that is all there is.",
    ),
  count: z.number(),
  meanMs: z.number(),
  p50Ms: z.number(),
  p90Ms: nullableNumber,
  p99Ms: nullableNumber,
  cv: nullableNumber,
});

const accuracyOutput = z.object({
  name: z.string(),
  cosine: z.number(),
  snrDb: z.number(),
  maxAbsError: z.number(),
  meanAbsError: z.number(),
});

const accuracy = z.object({
  referenceLabel: z.string(),
  inputs: z.number(),
  outputs: z.array(accuracyOutput),
  top1Agreement: nullableNumber,
  top5Agreement: nullableNumber,
  boxAgreement: nullableNumber,
  firstJump: z.object({ tensor: z.string(), node: z.string(), cosine: z.number() }).nullable(),
});

const calibrationChoice = z
  .object({
    judgedBy: z
      .string()
      .describe('"box agreement against FP32 on 48 held-out calibration samples in 3 folds"'),
    methods: z.array(
      z.object({
        method: z.enum(['minmax', 'percentile', 'entropy']),
        metric: z.string(),
        cosine: z.string(),
        chosen: z.boolean(),
      }),
    ),
    placements: z.array(
      z.object({
        placement: z.string(),
        metric: z.string(),
        loss: z.string().describe('Against the default placement, image by image, with one standard error.'),
        latency: z.string(),
        verdict: z.enum(['chosen', 'kept', 'refused: loses accuracy', 'default']),
      }),
    ),
  })
  .describe('How the automatic INT8 choice was made (model/calibration-choice-table.ts).');

const recipe = z.object({
  summary: z
    .string()
    .describe(
      'How the variant was made, in one line ("entropy calibration on 16 samples of images:coco-calib").',
    ),
  target: z.string().nullable(),
  calibrationMethod: z.string().nullable(),
  calibrationData: z.string().nullable(),
  calibrationSamples: nullableNumber,
  excludedNodes: z.array(z.string()),
  keptInFloat: z.array(z.object({ node: z.string(), reason: z.string() })),
  calibrationChoice: calibrationChoice.nullable(),
  notes: z.array(z.string()),
});

const variant = z.object({
  index: z.number().int().describe('Index into every per-variant array of the report.'),
  label: z.string(),
  engineId: z.string(),
  variantId: z.string().nullable(),
  precision,
  backend: z.string(),
  backendVersion: z.string().nullable(),
  device: z.string().nullable(),
  isBaseline: z.boolean(),
  recipe: recipe.nullable(),
  buildOptions: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  buildTimeMs: nullableNumber,
  engineSizeBytes: nullableNumber,
  batchSize: nullableNumber,
  latency: latency.nullable(),
  throughputPerSec: nullableNumber.describe('Samples per second (inferences per second x batch).'),
  speedup: nullableNumber.describe('Baseline latency median / this median (end to end); null without both.'),
  layerSumMs: nullableNumber.describe('Sum of per-layer means; null without a per-layer profile.'),
  layerSpeedup: nullableNumber,
  layers: z.number().int(),
  accuracy: accuracy.nullable(),
  caveats: z
    .array(z.string())
    .describe("What to keep in mind when reading this variant's figures, one sentence each."),
});

const layerCell = z.object({
  name: z.string(),
  type: z.string(),
  precision,
  timeMs: nullableNumber,
  sharePercent: nullableNumber.describe("Share of this variant's per-layer total, 0..100."),
  tactic: z.string().nullable(),
  tensorCores: z.boolean().nullable(),
});

const layerRow = z.object({
  key: z.string(),
  matchedBy: z.enum(['onnx-origin', 'name', 'type-shape-order', 'unmatched']),
  note: z.string().nullable(),
  cells: z
    .array(layerCell.nullable())
    .describe('One per variant, null where that variant has no such layer.'),
  speedups: z
    .array(nullableNumber)
    .describe("Baseline time / this variant's time, per variant; null where either is missing."),
  regression: z.boolean(),
});

const slowLayer = z.object({
  variant: z.number().int(),
  name: z.string(),
  type: z.string(),
  precision,
  timeMs: z.number(),
  sharePercent: z.number(),
});

const regression = z.object({
  layer: z.string(),
  slower: z.number().int(),
  faster: z.number().int(),
  deltaMs: z.number(),
  ratio: z.number(),
  reasons: z.array(z.string()),
});

const lint = z.object({
  variant: z
    .number()
    .int()
    .nullable()
    .describe('The variant the finding is about; null for findings about the ONNX model itself.'),
  id: z.string(),
  severity: z.enum(['info', 'warning', 'error']),
  nodes: z.array(z.string()),
  message: z.string(),
  why: z.string(),
  fix: z.string().nullable(),
});

const ceilings = z.object({
  variant: z.number().int(),
  device: z.string(),
  source: z.enum(['datasheet', 'measured', 'user']),
  fp32Tflops: z.number(),
  fp16Tflops: z.number(),
  int8Tops: z.number(),
  dramGBps: z.number(),
});

const rooflinePoint = z.object({
  variant: z.number().int(),
  layer: z.string(),
  layerType: z.string(),
  precision,
  roof: z.enum(['fp32', 'fp16', 'int8']),
  flops: z.number(),
  bytes: z.number(),
  intensity: z.number(),
  timeMs: z.number(),
  achievedFlopsPerSec: z.number(),
  bound: z.enum(['compute', 'memory', 'unknown']),
  efficiency: nullableNumber,
});

const timelineTrack = z.object({
  name: z.string(),
  kind: z.string(),
  spans: z.number().int(),
  busyMs: z.number(),
  occupancy: z.array(z.number()).describe("Busy share (0..1) of each of the trace's equal time buckets."),
});

const timelineTrace = z.object({
  id: z.string(),
  source: z.string(),
  variant: z.number().int().nullable().describe('The variant it belongs to, when known.'),
  durationMs: z.number(),
  spans: z.number().int(),
  tracks: z.array(timelineTrack),
  topSpans: z
    .array(z.object({ name: z.string(), count: z.number().int(), totalMs: z.number() }))
    .describe('The span names with the most time in all.'),
});

const layerSequence = z.object({
  variant: z.number().int(),
  layers: z
    .array(z.object({ name: z.string(), type: z.string(), startMs: z.number(), durationMs: z.number() }))
    .describe('One inference laid out layer after layer from the per-layer means (not a recorded trace).'),
});

const pipelineStage = z.object({
  stage: z.string(),
  kind: z.enum(['pre', 'post', 'h2d', 'd2h', 'inference']),
  meanMs: z.number(),
  p50Ms: z.number(),
  sharePercent: z.number(),
});

const pipeline = z.object({
  variant: z.number().int(),
  totalMs: z.number(),
  stages: z.array(pipelineStage),
  prePostPercent: z.number().describe('Share (0..100) of the end-to-end time in pre- and post-processing.'),
  copiesPercent: nullableNumber.describe(
    'Share (0..100) of the end-to-end time in host/device copies; null when no copy was timed.',
  ),
});

export const reportSchema = z
  .object({
    kind: z.literal('trt-studio-report'),
    reportVersion: z.literal(REPORT_VERSION),
    generatedAt: z.string(),
    app: z.object({ name: z.string(), version: z.string() }),
    title: z.string(),
    source: z.object({
      session: z.string().nullable(),
      sessionSchemaVersion: z.number().int(),
      sessionCreatedAt: z.string(),
    }),
    model: z
      .object({
        path: z.string(),
        sha256: z.string(),
        sizeBytes: z.number(),
        graphName: z.string(),
        opsets: z.array(z.object({ domain: z.string(), version: z.number() })),
        producer: z.string(),
        nodes: z.number().int(),
        parameterBytes: z.number(),
        flops: z.number(),
        inputs: z.array(tensorInfo),
        outputs: z.array(tensorInfo),
      })
      .nullable(),
    environment: z.object({
      machines: z.array(machine),
      backends: z.array(z.object({ name: z.string(), version: z.string().nullable() })),
    }),
    baseline: z.number().int(),
    variants: z.array(variant),
    layers: z.object({
      rows: z.array(layerRow),
      matched: z.number().int(),
      byMethod: z.record(z.string(), z.number()),
    }),
    slowestLayers: z.array(slowLayer),
    regressions: z.array(regression),
    timeByLayerType: z
      .array(z.object({ type: z.string(), timesMs: z.array(nullableNumber) }))
      .describe(
        'Per layer type, per variant, the summed per-layer mean time (null where the variant has none).',
      ),
    lints: z.array(lint),
    mismatches: z.array(
      z.object({
        layer: z.string(),
        kind: z.enum(['precision', 'tactic']),
        values: z.array(z.string().nullable()),
      }),
    ),
    int8Payoff: z.array(z.object({ variant: z.number().int(), sentences: z.array(z.string()) })),
    roofline: z.object({
      ceilings: z.array(ceilings),
      points: z.array(rooflinePoint),
      notes: z.array(z.string()),
    }),
    timeline: z.object({
      buckets: z.number().int(),
      traces: z.array(timelineTrace),
      layerSequences: z.array(layerSequence),
    }),
    pipelines: z.array(pipeline),
    notes: z
      .array(z.string())
      .describe(
        'Findings across the comparison (per-layer sums against end-to-end, missing profiles) and session notes.',
      ),
  })
  .meta({
    title: 'TensorRT Profiling Studio report',
    description:
      'FP32/FP16/INT8 variants of one model compared layer by layer, written by `trt-studio report`.',
  });

export type Report = z.infer<typeof reportSchema>;
export type ReportVariant = Report['variants'][number];
export type ReportLayerRow = Report['layers']['rows'][number];
export type ReportTimelineTrace = Report['timeline']['traces'][number];
export type ReportPipeline = Report['pipelines'][number];
