/**
 * Loader and TypeScript types of the native addon (native/build/Release/trt_studio_native.node).
 * Loading never throws: a missing or broken addon is reported by `capabilities()` and `loadNative()`
 * with the reason, and `requireNative()` throws it only when a caller needs the addon.
 *
 * Every slow call returns a Promise and runs on libuv's thread pool; errors from the native side are
 * Error objects with a `code`: ERR_NO_DEVICE, ERR_NOT_COMPILED, ERR_CUDA, ERR_CUPTI, ERR_TENSORRT,
 * ERR_OUT_OF_MEMORY, ERR_IO, ERR_ARGUMENT, ERR_CANCELLED, ERR_BUSY. Bad arguments throw TypeError or
 * RangeError synchronously.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------- build and devices

export interface NativePart {
  compiled: boolean;
  version?: string;
  /** Why the part was left out of this build. */
  reason?: string;
}

export interface NativeBuildInfo {
  cuda: NativePart;
  cupti: NativePart;
  cublas: NativePart;
  tensorrt: NativePart;
  /** GPU code targets of the kernels, e.g. "sm_80 sm_90a compute_90". */
  cudaTargets: string;
  napiVersion: number;
}

export interface NativeDevice {
  ordinal: number;
  name: string;
  computeCapability: string;
  smCount: number;
  smClockMHz: number;
  memoryClockMHz: number;
  memoryBusWidthBits: number;
  memoryBytes: number;
  l2CacheBytes: number;
  sharedMemoryPerSmBytes: number;
  maxThreadsPerSm: number;
  pciBusId: string;
  /** 2 x memory clock x bus width: the DRAM peak the device's own properties give, GB/s. */
  theoreticalDramGBps: number;
}

export interface NativeDeviceList {
  devices: NativeDevice[];
  /** Why the list is empty. */
  reason?: string;
  driverVersion?: string;
  runtimeVersion?: string;
}

// ---------------------------------------------------------------- ceilings

export interface CeilingsOptions {
  device?: number;
  /** Size of each copy buffer in MiB (default 1024). */
  bandwidthMiB?: number;
  repetitions?: number;
  includeCublas?: boolean;
  includeWgmma?: boolean;
}

export interface CeilingMeasurement {
  /** dram-copy-kernel, dram-memcpy-d2d, fp32-fma, fp16-hfma2, tc-{fp16,bf16,int8}-{mma-sync,wgmma}, cublas-{fp16,bf16,int8}. */
  id: string;
  unit: 'GB/s' | 'TFLOP/s' | 'TOP/s' | '';
  /** Median rate; 0 when not available. */
  value: number;
  best: number;
  medianMs: number;
  repetitions: number;
  available: boolean;
  /** How it was measured, or why not. */
  note: string;
}

export interface NativeCeilings {
  device: NativeDevice;
  measurements: CeilingMeasurement[];
  /** Best achieved per roof. */
  dramGBps: number;
  fp32Tflops: number;
  fp16Tflops: number;
  bf16Tflops: number;
  int8Tops: number;
}

export interface CeilingsProgress {
  id: string;
  index: number;
  total: number;
}

export interface KnownWorkload {
  device?: number;
  tinyKernels?: number;
  scaleKernels?: number;
  copies?: number;
  copyBytes?: number;
  memsets?: number;
}

// ---------------------------------------------------------------- CUPTI tracer

/** Activity kinds in `NativeTraceColumns.kind`. */
export enum NativeActivityKind {
  Kernel = 0,
  Memcpy = 1,
  Memset = 2,
}

/** One entry per activity, column-wise. Times in ns since the tracer started. */
export interface NativeTraceColumns {
  count: number;
  kind: Uint8Array;
  startNs: Float64Array;
  endNs: Float64Array;
  /** Index into `names`. */
  name: Uint32Array;
  deviceId: Uint32Array;
  streamId: Uint32Array;
  correlationId: Uint32Array;
  gridX: Uint32Array;
  gridY: Uint32Array;
  gridZ: Uint32Array;
  blockX: Uint32Array;
  blockY: Uint32Array;
  blockZ: Uint32Array;
  registersPerThread: Uint16Array;
  sharedMemoryBytes: Uint32Array;
  bytes: Float64Array;
  /** CUPTI memcpy kind = Nsight Systems copyKind numbering (1 HtoD, 2 DtoH, 8 DtoD). */
  copyKind: Uint8Array;
  names: string[];
  /** Wall clock of time 0, ns since the Unix epoch. */
  originUnixNs: number;
  droppedRecords: number;
}

/** Process-wide: one tracer runs at a time (ERR_BUSY otherwise). */
export interface KernelTracer {
  start(): Promise<void>;
  stop(): Promise<NativeTraceColumns>;
  readonly running: boolean;
}

// ---------------------------------------------------------------- TensorRT

export type ShapeSpec = number[] | { min: number[]; opt: number[]; max: number[] };

export interface EngineBuildOptions {
  onnxPath: string;
  planPath: string;
  device?: number;
  workspaceMiB?: number;
  /** 0..5, TensorRT's default (3) when absent. */
  optimizationLevel?: number;
  timingCachePath?: string;
  /** Default true (precisions from the ONNX: FP16 and Q/DQ variants). TensorRT 11 is always strongly typed. */
  stronglyTyped?: boolean;
  /** TensorRT 10.x builder-flag route (needs stronglyTyped: false). */
  fp16?: boolean;
  int8?: boolean;
  /** One optimization profile: input name -> shape (min = opt = max) or {min, opt, max}. */
  shapes?: Record<string, ShapeSpec>;
}

export type BuildEvent =
  | { kind: 'phase-start'; phase: string; parentPhase?: string; steps: number }
  | { kind: 'step'; phase: string; step: number }
  | { kind: 'phase-finish'; phase: string }
  /** severity: 0 internal error, 1 error, 2 warning, 3 info. */
  | { kind: 'log'; severity: number; message: string };

export interface EngineBuildResult {
  planPath: string;
  planBytes: number;
  buildMs: number;
  tensorrtVersion: string;
  warnings: string[];
}

export interface EngineBuild {
  start(): Promise<EngineBuildResult>;
  /** Stops the build at TensorRT's next step; start() then rejects with ERR_CANCELLED. */
  cancel(): void;
}

export type NativeDType =
  'float32' | 'float16' | 'bfloat16' | 'int8' | 'uint8' | 'int32' | 'int64' | 'bool' | 'float8e4m3fn';

export interface NativeIoTensor {
  name: string;
  isInput: boolean;
  dtype: NativeDType | 'int4' | 'unknown';
  /** -1 for a dynamic dimension. */
  dims: number[];
  format: string;
}

export interface NativeTensorIn {
  dtype: NativeDType;
  dims: number[];
  data: ArrayBufferView;
}

export interface NativeTensorOut {
  name: string;
  dtype: NativeDType;
  dims: number[];
  data: ArrayBuffer;
}

export interface EngineRunOptions {
  warmupIterations?: number;
  iterations?: number;
  /** Missing inputs get random values of their type. */
  inputs?: Record<string, NativeTensorIn>;
}

export interface NativeLayerTimes {
  iterations: number;
  names: string[];
  /** samplesMs[layer][iteration]. */
  samplesMs: Float32Array[];
  /** The same document as trtexec --exportProfile. */
  json: string;
}

export interface NativeInferenceTimes {
  h2dMs: Float64Array;
  computeMs: Float64Array;
  d2hMs: Float64Array;
  latencyMs: Float64Array;
  enqueueMs: Float64Array;
  /** The same document as trtexec --exportTimes. */
  json: string;
}

export interface TrtEngine {
  ioTensors(): NativeIoTensor[];
  /** IEngineInspector JSON, the same document as trtexec --exportLayerInfo. */
  layerInformation(): Promise<string>;
  profileLayers(options?: EngineRunOptions): Promise<NativeLayerTimes>;
  timeInference(options?: EngineRunOptions): Promise<NativeInferenceTimes>;
  run(inputs: Record<string, NativeTensorIn>): Promise<Record<string, NativeTensorOut>>;
  dispose(): void;
}

// ---------------------------------------------------------------- the module

export interface NativeAddon {
  buildInfo(): NativeBuildInfo;
  listDevices(): Promise<NativeDeviceList>;
  measureCeilings(
    options?: CeilingsOptions,
    onProgress?: (event: CeilingsProgress) => void,
  ): Promise<NativeCeilings>;
  /** A workload of known activities (kernels studio_tiny_kernel / studio_scale_kernel, copies, memsets). */
  runKnownWorkload(workload: KnownWorkload): Promise<void>;
  KernelTracer: new () => KernelTracer;
  /** cudaProfilerStart / cudaProfilerStop: the range `nsys profile --capture-range=cudaProfilerApi` records. */
  profilerStart(): void;
  profilerStop(): void;
  EngineBuild: new (options: EngineBuildOptions, onEvent?: (event: BuildEvent) => void) => EngineBuild;
  TrtEngine: { load(planPath: string, device?: number): Promise<TrtEngine> };
}

export type NativeLoad =
  { ok: true; addon: NativeAddon; path: string } | { ok: false; reason: string; tried: string[] };

/** How to get the addon when it is missing. */
export const BUILD_NATIVE_HINT =
  'build it with `npm run build:native` (CMake, a C++17 compiler and, for the GPU parts, the CUDA toolkit)';

const ADDON_FILE = 'trt_studio_native.node';

function candidates(): string[] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const list = [
    path.join(here, 'build', 'Release', ADDON_FILE),
    path.join(here, 'build', 'Debug', ADDON_FILE),
  ];
  const override = process.env['TRT_STUDIO_NATIVE'];
  return override ? [path.resolve(override), ...list] : list;
}

let cached: NativeLoad | undefined;

/** Loads the addon once; never throws. TRT_STUDIO_NATIVE=<path> picks another build. */
export function loadNative(): NativeLoad {
  if (cached) return cached;
  const tried = candidates();
  const found = tried.find((file) => fs.existsSync(file));
  if (!found) {
    cached = {
      ok: false,
      tried,
      reason: `the native addon is not built (no ${ADDON_FILE}); ${BUILD_NATIVE_HINT}`,
    };
    return cached;
  }
  try {
    const addon = createRequire(import.meta.url)(found) as NativeAddon;
    cached = { ok: true, addon, path: found };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    cached = { ok: false, tried, reason: `the native addon ${found} failed to load: ${message}` };
  }
  return cached;
}

/** The addon, or an Error saying why it is not there. */
export function requireNative(): NativeAddon {
  const load = loadNative();
  if (!load.ok) throw new Error(load.reason);
  return load.addon;
}

export interface NativeCapabilities {
  loaded: boolean;
  /** Why the addon could not be loaded. */
  loadError?: string;
  addonPath?: string;
  build?: NativeBuildInfo;
  devices: NativeDevice[];
  /** Why there is no device. */
  devicesReason?: string;
  driverVersion?: string;
  runtimeVersion?: string;
}

/** What this build has and the devices present. Never rejects. */
export async function capabilities(): Promise<NativeCapabilities> {
  const load = loadNative();
  if (!load.ok) return { loaded: false, loadError: load.reason, devices: [] };
  const build = load.addon.buildInfo();
  const list = await load.addon.listDevices();
  const result: NativeCapabilities = { loaded: true, addonPath: load.path, build, devices: list.devices };
  if (list.reason) result.devicesReason = list.reason;
  if (list.driverVersion) result.driverVersion = list.driverVersion;
  if (list.runtimeVersion) result.runtimeVersion = list.runtimeVersion;
  return result;
}

/** The error code a native call rejected with, if any. */
export function nativeErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
