/**
 * The Backend contract: every runtime (ONNX Runtime on the CPU, TensorRT through the native addon)
 * prepares an engine from a precision variant, profiles it, and runs it for accuracy checks.
 * All long calls take a ProgressSink and an AbortSignal: a cancelled call rejects with CancelledError
 * (model/progress.ts).
 */
import type { Engine, Profile, Variant } from '../model/types';
import type { Trace } from '../model/trace';
import type { ProgressSink } from '../model/progress';
import type { NamedTensor } from '../model/tensor';
import type { FixedInputs } from '../pipeline/input-values';

export interface BackendCapabilities {
  name: string;
  available: boolean;
  /** When not available: why, and how to get it. */
  reason?: string;
  version?: string;
  /** Precisions this backend can build or run. */
  precisions: Variant['precision'][];
  perLayerTiming: boolean;
  kernelTrace: boolean;
  devices: { name: string; kind: 'cpu' | 'gpu' }[];
}

/** A variant ready to run on a backend. `handle` is backend-private. */
export interface PreparedEngine {
  engine: Engine;
  variant: Variant;
  /** Path of the ONNX (or plan) file the engine was made from. */
  modelPath: string;
  handle: unknown;
}

export type { FixedInputs };

export interface PrepareOptions {
  /** User shapes for dynamic inputs, e.g. {images: [1,3,640,640]}. */
  shapes?: Record<string, number[]>;
  /** Inputs whose value the user gave (orig_target_sizes=image-size...), fed in every timing run. */
  fixedInputs?: FixedInputs;
  /** Backend-specific knobs (threads, optimization level, workspace...). */
  [key: string]: unknown;
}

export interface ProfileOptions {
  warmupIterations?: number;
  /** Either a number of iterations or a duration in seconds; iterations wins when both are set. */
  iterations?: number;
  durationSeconds?: number;
  batchSize?: number;
  /** Collect per-layer times (costs some speed on ORT). */
  perLayer?: boolean;
  /** Inputs to feed; random when absent. */
  inputs?: Record<string, NamedTensor>;
  [key: string]: unknown;
}

export interface ProfileResult {
  profile: Profile;
  trace?: Trace;
}

export interface Backend {
  readonly name: string;
  capabilities(): Promise<BackendCapabilities>;
  prepare(
    variant: Variant,
    modelPath: string,
    options: PrepareOptions,
    progress: ProgressSink,
    signal?: AbortSignal,
  ): Promise<PreparedEngine>;
  profile(
    engine: PreparedEngine,
    options: ProfileOptions,
    progress: ProgressSink,
    signal?: AbortSignal,
  ): Promise<ProfileResult>;
  run(
    engine: PreparedEngine,
    inputs: Record<string, NamedTensor>,
    signal?: AbortSignal,
  ): Promise<Record<string, NamedTensor>>;
  /** Frees what prepare() holds. */
  release(engine: PreparedEngine): Promise<void>;
}
