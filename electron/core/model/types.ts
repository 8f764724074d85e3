/**
 * The canonical data model of the studio: every importer, backend and analysis produces or consumes
 * these types, and a Session file is these types as JSON. This file is the one place where each field
 * is documented. Bump SCHEMA_VERSION when a change would make an older reader misread a newer file.
 *
 * Units: times in milliseconds unless a name says `Ns` (nanoseconds); sizes in bytes; FLOPs count a
 * multiply-add as 2.
 */
import type { Trace } from './trace';

/** 2: accuracy outputs carry a kind (integer outputs have agreement, no cosine) and a task metric. */
export const SCHEMA_VERSION = 2;

/** Element types, named as ONNX names them (lower case). `unknown` where a source does not say. */
export type DType =
  | 'float32'
  | 'float16'
  | 'bfloat16'
  | 'float64'
  | 'float8e4m3fn'
  | 'float8e4m3fnuz'
  | 'float8e5m2'
  | 'float8e5m2fnuz'
  | 'float4e2m1'
  | 'int4'
  | 'uint4'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'bool'
  | 'string'
  | 'complex64'
  | 'complex128'
  | 'unknown';

/** The precision a variant or a layer computes in. */
export type Precision = 'fp32' | 'fp16' | 'bf16' | 'int8' | 'fp8' | 'int4' | 'mixed' | 'unknown';

/** One dimension: a number when static, a symbol (e.g. "batch") when symbolic, null when unknown. */
export type Dim = number | string | null;

/** A tensor's type: dtype and shape (null shape = rank unknown). */
export interface TensorInfo {
  name: string;
  dtype: DType;
  shape: Dim[] | null;
}

/** Where an initializer's bytes live. Weights are never copied on import: only this range is kept. */
export interface InitializerInfo {
  name: string;
  dtype: DType;
  dims: number[];
  /** Bytes the tensor occupies at its dtype (elements x element size). */
  byteLength: number;
  /** `embedded`: inside the .onnx file; `external`: in a side file (ONNX external data). */
  location: 'embedded' | 'external';
  /** For external data: the file name relative to the model's folder, as written in the model. */
  externalFile?: string;
  /** Byte offset of the data in the file that holds it (the .onnx for embedded, the side file else). */
  offset: number;
  /** Byte length of the stored data (raw_data or the packed typed field). */
  length: number;
  /** How it is stored: `raw` = raw_data little-endian; the others are ONNX's typed repeated fields. */
  encoding:
    'raw' | 'float_data' | 'int32_data' | 'int64_data' | 'double_data' | 'uint64_data' | 'string_data';
}

/** An attribute value, JSON-friendly. Int64 values outside the safe range are kept as strings. */
export type AttributeValue =
  | { type: 'float'; value: number }
  | { type: 'int'; value: number | string }
  | { type: 'string'; value: string }
  | { type: 'floats'; value: number[] }
  | { type: 'ints'; value: (number | string)[] }
  | { type: 'strings'; value: string[] }
  | { type: 'tensor'; value: { dtype: DType; dims: number[]; byteLength: number } }
  | { type: 'tensors'; value: { dtype: DType; dims: number[]; byteLength: number }[] }
  | { type: 'graph'; value: SubgraphSummary }
  | { type: 'graphs'; value: SubgraphSummary[] }
  | { type: 'other'; value: string };

/** A nested graph (If/Loop/Scan body), listed but not costed. */
export interface SubgraphSummary {
  name: string;
  nodeCount: number;
  opHistogram: Record<string, number>;
  inputs: string[];
  outputs: string[];
}

/** One ONNX node of the main graph. */
export interface ModelNode {
  /** Node name; the reader gives unnamed nodes a stable `<op>_<index>` name and says so in `generatedName`. */
  name: string;
  generatedName?: boolean;
  opType: string;
  /** Operator domain; '' is the default ONNX domain (ai.onnx). */
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: Record<string, AttributeValue>;
}

/** Per-node cost from shapes. Null fields mean the shapes needed were unknown. */
export interface NodeCost {
  /** Floating-point (or integer) operations, multiply-add = 2. */
  flops: number;
  /** Activation bytes read (non-initializer inputs) at their dtype. */
  activationBytesRead: number;
  /** Weight bytes read (initializer inputs) at their dtype. */
  weightBytesRead: number;
  /** Output bytes written at their dtype. */
  bytesWritten: number;
  /** flops / (activationBytesRead + weightBytesRead + bytesWritten); 0 when there are no bytes. */
  intensity: number;
  /** Against the chosen device ceiling: which roof limits this node. */
  bound: 'compute' | 'memory' | 'unknown';
  /** True for Reshape, Transpose, Concat, Slice, Gather, Pad, Split and the like: bytes with no math. */
  dataMovement: boolean;
  /** The roof `bound` was judged against: the node's input dtype, or int8 for a Conv/Gemm/MatMul fed by DequantizeLinear. */
  precision?: 'fp32' | 'fp16' | 'int8';
  /** True when every input is a constant (initializers, Constant, Shape of a static tensor): TensorRT folds it at build time, so its cost is counted as zero. */
  folded?: boolean;
  /** True when the op has no FLOP formula (custom or rare ops): flops is 0 and `bound` is unknown, bytes are still counted. */
  flopsUnknown?: boolean;
}

/** A finding about a model, an engine or a profile. */
export interface Lint {
  /** Stable id, e.g. `tensor-core-alignment`, `depthwise-low-intensity`. */
  id: string;
  severity: 'info' | 'warning' | 'error';
  /** Node or layer names the finding is about. */
  nodes: string[];
  message: string;
  /** One line: why it matters for latency or accuracy. */
  why: string;
  /** One line: what the user can do. */
  fix?: string;
}

/** A device's roofline ceilings (datasheet or measured). */
export interface DeviceCeilings {
  name: string;
  source: 'datasheet' | 'measured' | 'user';
  /** Peak rates in TFLOP/s (TOP/s for int8), dense, no sparsity. */
  fp32Tflops: number;
  fp16Tflops: number;
  int8Tops: number;
  /** DRAM bandwidth in GB/s (1e9 bytes/s). */
  dramGBps: number;
}

/** Aggregates per op type (for "top ops by FLOPs / by bytes"). */
export interface OpTypeCost {
  opType: string;
  count: number;
  flops: number;
  bytes: number;
}

/** An ONNX model as read: structure, shapes, cost, lints. Weights are referenced, not copied. */
export interface Model {
  kind: 'model';
  source: {
    /** Path as the user gave it (relative paths stay relative). */
    path: string;
    /** sha256 of the .onnx file (hex). */
    sha256: string;
    sizeBytes: number;
  };
  irVersion: number;
  producer: { name: string; version: string };
  /** Opset imports: domain ('' = ai.onnx) and version. */
  opsets: { domain: string; version: number }[];
  graphName: string;
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  nodes: ModelNode[];
  /** Every tensor whose type is known (inputs, outputs, value_info, inferred, initializers). */
  tensors: Record<string, TensorInfo>;
  initializers: InitializerInfo[];
  /** Sum of initializer elements and bytes. */
  parameterCount: number;
  parameterBytes: number;
  /** Shapes the user set for symbolic/dynamic dims, e.g. {"images": [1,3,640,640]}. */
  shapeOverrides: Record<string, number[]>;
  /** Per node, same order as `nodes`; null when its shapes were unknown. */
  costs: (NodeCost | null)[];
  opTypeCosts: OpTypeCost[];
  totals: { flops: number; bytesMoved: number; weightBytes: number };
  /** Names of nodes whose output shapes stayed unknown (listed, not guessed). */
  unknownShapeNodes: string[];
  /** Nested graphs by owning node name. */
  subgraphs: Record<string, SubgraphSummary[]>;
  /** The device ceiling the `bound` fields were judged against. */
  ceilings: DeviceCeilings;
  lints: Lint[];
}

/** How a precision variant was made. */
export interface Variant {
  id: string;
  precision: Precision;
  /** Source model hash this variant derives from. */
  modelSha256: string;
  /** The variant's ONNX file (written by precision/), relative to the session file when possible. */
  onnxPath?: string;
  recipe: {
    /** 'onnxruntime' (u8 asymmetric activations allowed) or 'tensorrt' (symmetric int8, zp 0). */
    target?: 'onnxruntime' | 'tensorrt';
    calibrationMethod?: 'minmax' | 'percentile' | 'entropy';
    calibrationData?: string;
    calibrationSamples?: number;
    excludedNodes?: string[];
    excludedOps?: string[];
    /** FP16: graph I/O kept FP32 (casts at the boundary). */
    keepIoFp32?: boolean;
  };
  /** Nodes that stayed in a higher precision, with the reason for each. */
  keptHigherPrecision: { node: string; reason: string }[];
  /** INT8 with the calibration method chosen by measurement: what was compared and what won. */
  calibrationChoice?: CalibrationChoice;
  /**
   * Exact graph rewrites the variant made besides changing precision (they change its speed, not its
   * answers): the payoff says what each saved against FP32.
   */
  rewrites?: GraphRewrite[];
  /** Other facts worth telling, e.g. "opset raised from 11 to 13 for per-channel DequantizeLinear". */
  notes: string[];
}

/** An exact rewrite of the float graph inside a variant: which nodes went, which took their work. */
export interface GraphRewrite {
  kind: 'space-to-depth folded';
  /** Source-model nodes the variant no longer has. */
  removed: string[];
  /** Source-model nodes that do their work now. */
  into: string[];
  /** One line for the user. */
  note: string;
}

/** One calibration method as judged on held-out calibration samples against FP32. */
export interface CalibrationCandidate {
  method: 'minmax' | 'percentile' | 'entropy';
  /** The task's metric on the held-out samples (box or top-1 agreement, else cosine). */
  task: TaskMetric;
  /** Worst float-output cosine on the held-out samples; null when the model has no float output. */
  cosine: number | null;
  /** Median run time of this INT8 variant on the held-out samples (batch 1, the job's threads). */
  latencyMs?: number;
}

/** The INT8 placements the automatic choice tries beside the default (stem and output head in float). */
export type PlacementTrialName =
  | 'stem in INT8'
  | "stem's first layer in float"
  | 'output head in INT8'
  | "stem's first layer in float, output head in INT8"
  | 'stem and output head in INT8';

/**
 * How the INT8 calibration method was chosen: the calibration data in three folds, each method
 * judged on every fold with ranges from the other two, with the task's metric; the best one (ties:
 * higher cosine, then the order minmax, percentile, entropy) made the variant, calibrated on all.
 */
export interface CalibrationChoice {
  chosen: CalibrationCandidate['method'];
  /** Every method compared, best first. */
  candidates: CalibrationCandidate[];
  /**
   * With the chosen method: whether the stem (or only its first layer), the output head or both
   * (float by default, for accuracy) went INT8 too. Each trial's task metric on the held-out samples
   * and its run time from interleaved rounds of all placements; `kept` when the held-out samples do
   * not show it losing more than half a percentage point of the default placement's task metric (see
   * keepsTaskMetric); `chosen` is, of the kept ones within 3% of the fastest, the one with the fewest
   * float parts (without run times: the fewest float parts).
   */
  placement?: {
    chosen: 'stem and output head in float' | PlacementTrialName;
    trials: {
      placement: PlacementTrialName;
      task: TaskMetric;
      cosine: number | null;
      latencyMs?: number;
      /**
       * The default placement's task metric minus this one's, image by image on the same held-out
       * samples, with its jackknife standard error; absent when the metric is not a ratio of counts.
       */
      loss?: { value: number; standardError: number };
      kept: boolean;
    }[];
  };
  /** Samples the judged ranges came from (per fold, when folds), and samples they were judged on. */
  calibrationSamples: number;
  heldOutSamples: number;
  /** Cross-validation: every sample judged once, by ranges from the other folds (absent: one held-out part). */
  folds?: number;
  /** 'held-out': judged on samples calibration did not see; 'calibration': too few samples to split. */
  judgedOn: 'held-out' | 'calibration';
}

export interface DeviceInfo {
  name: string;
  computeCapability?: string;
  smCount?: number;
  memoryBytes?: number;
  /** Anything else the source gave (clocks, driver, CUDA version...). */
  extra?: Record<string, string | number>;
}

/** The machine a profile ran on. */
export interface MachineInfo {
  hostname?: string;
  os?: string;
  cpu?: string;
  cpuCores?: number;
  device?: DeviceInfo;
}

/** One tensor of an engine layer. */
export interface LayerTensor {
  name: string;
  /** Dimensions; null when the source said "N/A due to dynamic shapes" or gave none. */
  dims: number[] | null;
  /** The format string as the backend gave it ("Channel major FP16 format where channel % 8 == 0"). */
  format?: string;
  dtype: DType;
  location?: string;
}

/** One layer of a built engine (TensorRT layer, ORT kernel). */
export interface EngineLayer {
  name: string;
  /** Backend's layer type: CaskConvolution, Reformat, PointWiseV2, ... or ORT's op type. */
  type: string;
  /** TensorRT's ParameterType (Convolution, Pooling, ...) when given. */
  parameterType?: string;
  precision: Precision;
  inputs: LayerTensor[];
  outputs: LayerTensor[];
  tacticName?: string;
  tacticValue?: string;
  /** ONNX node names this layer came from (TensorRT Metadata, ORT fusion). */
  originNodes: string[];
  /** True when the layer holds more than one ONNX node. */
  fused: boolean;
  /** True when the tactic/kernel uses Tensor Cores; null when it cannot be told. */
  tensorCores: boolean | null;
  /** True for layers the backend added (reformats, copies) that are not in the ONNX. */
  reformat: boolean;
  /**
   * True for work TensorRT gave a DLA (Jetson's deep-learning accelerator): the DLA subgraph and the
   * copies and reformatters around it. Their time is the DLA's, waited for on the GPU's stream.
   */
  dla?: boolean;
  streamId?: number;
  /** Optimization profile this layer belongs to (0 when single). */
  profileIndex: number;
  /** Remaining fields of the source, kept for display (Kernel, Stride, Weights count...). */
  details?: Record<string, unknown>;
}

/** A built or imported engine. */
export interface Engine {
  id: string;
  /** 'tensorrt' (live), 'trtexec' (imported), 'onnxruntime' (ORT session), ... */
  backend: string;
  backendVersion?: string;
  variantId?: string;
  precision: Precision;
  device?: DeviceInfo;
  buildOptions: Record<string, string | number | boolean>;
  buildTimeMs?: number;
  sizeBytes?: number;
  /** Engine I/O names (TensorRT bindings). */
  bindings: string[];
  layers: EngineLayer[];
  /** Whether layers carry detail (formats, tactics) or names only. */
  detail: 'detailed' | 'names-only';
  /** Files this engine was imported from or written to. */
  files: string[];
  warnings: string[];
  /**
   * Layers taken out of `layers` on import because they do no work of their own (NoOp, Constant,
   * signal/wait, Myelin shape_call), with the reason and their position in the source list; kept so
   * profile rows that name them still match.
   */
  foldedLayers?: { name: string; type: string; reason: string; index: number }[];
}

/**
 * Summary statistics of timing samples (ms). cv = std / mean. Fields a source does not give (an
 * imported trtexec profile has only totals and medians) are null, never guessed.
 */
export interface SampleStats {
  count: number;
  totalMs: number;
  meanMs: number;
  medianMs: number;
  minMs: number | null;
  maxMs: number | null;
  p90Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  stdMs: number | null;
  cv: number | null;
}

/** Per-layer timing of one profile. */
export interface LayerTiming {
  /** Layer name as the profiler reported it. */
  name: string;
  /** Index into the engine's layers when matched; undefined when the name matched no layer. */
  layerIndex?: number;
  stats: SampleStats;
  /** Share of the per-layer total, 0..100. */
  percentage: number;
  /** Raw samples when kept (ORT, live TensorRT); imported trtexec profiles have only aggregates. */
  samplesMs?: number[];
}

/** A pre/post-processing stage measured around inference. */
export interface StageTiming {
  stage: string;
  kind: 'pre' | 'post' | 'h2d' | 'd2h' | 'inference';
  stats: SampleStats;
  /** Share of the end-to-end pipeline latency (sum of stage means), 0..100, when measured as a pipeline. */
  sharePercent?: number;
}

/** One profiling run of an engine. */
export interface Profile {
  id: string;
  engineId: string;
  backend: string;
  machine?: MachineInfo;
  batchSize: number;
  iterations: number;
  warmupIterations: number;
  /** Per-layer timings, in execution order. */
  layers: LayerTiming[];
  /** End-to-end latency per inference as the user sees it (host wall clock). */
  latency?: SampleStats;
  /** Device-side split when known (trtexec times / CUDA events). */
  h2d?: SampleStats;
  compute?: SampleStats;
  d2h?: SampleStats;
  enqueue?: SampleStats;
  /** Inferences per second (qps x batch = samples/s). */
  throughputQps?: number;
  /** Pre/post-processing around the model. */
  stages: StageTiming[];
  /** Sum of per-layer means vs end-to-end compute: ratio and a sentence when they disagree. */
  layerSumMs?: number;
  warnings: string[];
  /** Id of the Trace recorded with this profile, if any. */
  traceId?: string;
  /** Batch sweep results (throughput vs batch) when one was run. */
  batchSweep?: { batch: number; latency: SampleStats; throughputPerSec: number }[];
}

/** One variant's cell of an aligned comparison row. */
export interface AlignedCell {
  layerName: string;
  layerType: string;
  precision: Precision;
  timeMs: number | null;
  tacticName?: string;
  tensorCores: boolean | null;
}

/** One row of layers aligned across engines. */
export interface AlignedRow {
  key: string;
  matchedBy: 'onnx-origin' | 'name' | 'type-shape-order' | 'unmatched';
  /** One cell per compared engine, null where that engine has no such layer. */
  cells: (AlignedCell | null)[];
  /** For rows not matched in every engine: why, in one sentence (e.g. "reformat added by TensorRT"). */
  note?: string;
}

/** A layer where a lower precision did not pay. */
export interface Regression {
  rowKey: string;
  /** Index of the engine that is slower despite a lower precision, and of the faster one. */
  slowerEngine: number;
  fasterEngine: number;
  deltaMs: number;
  ratio: number;
  reasons: string[];
}

/**
 * One float output of a variant against the reference, over every evaluation input: the worst
 * per-input cosine similarity (one bad input is not averaged away), max and mean absolute error,
 * relative error ||e|| / ||ref|| and SNR in dB (capped at 200 for an exact match), all elements of all
 * inputs together.
 */
export interface FloatOutputAccuracy {
  name: string;
  kind: 'float';
  cosine: number;
  maxAbsError: number;
  meanAbsError: number;
  relativeError: number;
  snrDb: number;
}

/** One integer or bool output (labels, indices, counts): the share of elements equal to the reference's. */
export interface IntegerOutputAccuracy {
  name: string;
  kind: 'integer';
  /** 0..1 */
  agreement: number;
  elements: number;
}

/** Per output, by kind: floats are compared numerically, integers and labels by agreement. */
export type OutputAccuracy = FloatOutputAccuracy | IntegerOutputAccuracy;

/**
 * A variant's detections matched one to one against the reference's, summed over the evaluation
 * inputs (analysis/detection-agreement.ts): same class, IoU >= iouThreshold, both scoring at least
 * scoreThreshold. Query order does not matter.
 */
export interface DetectionAgreement {
  /** 2 * matched / (referenceBoxes + candidateBoxes): the harmonic mean of precision and recall, 0..1. */
  agreement: number;
  /** matched / candidateBoxes: the variant's boxes the reference also has. */
  precision: number;
  /** matched / referenceBoxes: the reference's boxes the variant also finds. */
  recall: number;
  matched: number;
  referenceBoxes: number;
  candidateBoxes: number;
  iouThreshold: number;
  scoreThreshold: number;
}

/** COCO mAP@[0.5:0.95] (101-point interpolated, up to 100 detections per image) against user annotations. */
export interface MeanAveragePrecision {
  /** The annotation file (COCO instances JSON). */
  annotations: string;
  /** Evaluation images that had annotations. */
  images: number;
  /** 0..1, for the reference and for the variant on the same images. */
  reference: number;
  variant: number;
}

/**
 * The one figure that says whether a variant does the model's job as well as the reference:
 * detectors: matched-box agreement; classifiers: top-1 agreement; anything else: the worst float
 * output's cosine (or, with integer outputs only, their worst agreement). Never a minimum across
 * outputs of different kinds.
 */
export interface TaskMetric {
  kind: 'box-agreement' | 'top1-agreement' | 'cosine' | 'output-agreement';
  /** 0..1 (cosine: -1..1). */
  value: number;
}

/** Accuracy of one variant against the FP32 reference on the same inputs. */
export interface AccuracyResult {
  variantId: string;
  /** What the inputs were: real images, seeded random inputs or arrays, and the spec as given. */
  evaluation?: { kind: 'images' | 'random' | 'arrays'; spec: string };
  referenceVariantId: string;
  inputs: number;
  outputs: OutputAccuracy[];
  /** Classifier-shaped outputs (or --postprocess classifier): share of rows whose best class agrees. */
  top1Agreement?: number;
  /** The reference's best class among the variant's top 5 (only with 5 classes or more). */
  top5Agreement?: number;
  /** detection.agreement, kept beside it for readers of the flat fields. */
  boxAgreement?: number;
  detection?: DetectionAgreement;
  map?: MeanAveragePrecision;
  task: TaskMetric;
  /** Per-layer mode: intermediate tensors compared; firstJump names where error jumps. */
  perLayer?: { tensor: string; node: string; cosine: number; maxAbsError: number }[];
  firstJump?: { tensor: string; node: string; cosine: number };
}

/** Engines aligned layer by layer, with deltas and findings. */
export interface Comparison {
  id: string;
  engineIds: string[];
  profileIds: (string | null)[];
  labels: string[];
  rows: AlignedRow[];
  /** Per engine: total per-layer time and totals per layer type. */
  totals: { totalMs: number; byType: Record<string, number> }[];
  regressions: Regression[];
  lints: Lint[];
  warnings: string[];
  /**
   * Per engine: the sum of per-layer mean times against the end-to-end GPU compute time of the same
   * run (trtexec's "GPU Compute Time" mean); ratio = layerSumMs / gpuComputeMs, null when unknown.
   */
  consistency?: { layerSumMs: number; gpuComputeMs: number | null; ratio: number | null }[];
  /** Rows whose matched layers differ in precision or tactic across engines, with each engine's value. */
  mismatches?: { rowKey: string; kind: 'precision' | 'tactic'; values: (string | null)[] }[];
}

/**
 * How the run that made a session was asked for, so it can be repeated: the profile job as it was
 * started (api/jobs.ts profileJobSchema) without its output path. Absent in sessions made by import,
 * and in sessions written before this field existed.
 */
export interface RunSettings {
  job: Record<string, unknown>;
  startedAt: string;
  /** When the run ended; for an unfinished one (see outcome), when this file was last written. */
  finishedAt: string;
  /**
   * Absent when the run finished. Present in a partial session (`<name>.partial.session.json`, written
   * beside the session the run was making): `incomplete` while it runs, each time a variant's profile
   * is done (so after a killed worker the file says where it stopped), then `failed` or `cancelled`.
   * `stage` is the job's progress stage (`int8:make`): the one that failed, or the last that finished.
   */
  outcome?: RunOutcome;
}

export interface RunOutcome {
  state: 'incomplete' | 'failed' | 'cancelled';
  stage: string;
  message: string;
}

/** Everything for one model, saved as one file. */
export interface Session {
  kind: 'session';
  schemaVersion: number;
  app: { name: string; version: string };
  createdAt: string;
  updatedAt: string;
  model?: Model;
  variants: Variant[];
  engines: Engine[];
  profiles: Profile[];
  traces: Trace[];
  comparisons: Comparison[];
  accuracy: AccuracyResult[];
  notes: string[];
  /** The run that made this session (profile), when one did. */
  run?: RunSettings;
}
