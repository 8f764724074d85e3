/**
 * ONNX Runtime sessions as the studio opens them: the knobs a user sets (threads, optimization level)
 * turned into session options, and ORT's refusal of a model turned into one line naming the file.
 */
import * as ort from 'onnxruntime-node';
import { StudioError } from '../errors';
import {
  DEFAULT_ORT_SETTINGS,
  ORT_OPTIMIZATION_LEVELS as LEVELS,
  type OrtOptimizationLevel,
  type OrtSettings,
} from './onnxruntime-settings';

export { DEFAULT_ORT_SETTINGS, type OrtOptimizationLevel, type OrtSettings };

/** Reads the ORT knobs out of a backend's free-form options, refusing values ORT would not take. */
export function ortSettingsFrom(options: Record<string, unknown>): OrtSettings {
  const settings = { ...DEFAULT_ORT_SETTINGS };
  const threads = options.threads ?? options.intraOpThreads;
  if (threads !== undefined) settings.intraOpThreads = nonNegativeInteger('threads', threads);
  if (options.interOpThreads !== undefined)
    settings.interOpThreads = nonNegativeInteger('interOpThreads', options.interOpThreads);
  const level = options.optimizationLevel;
  if (level !== undefined) {
    if (!LEVELS.includes(level as OrtOptimizationLevel)) {
      throw new StudioError(
        undefined,
        `optimization level "${String(level)}" is not one of ${LEVELS.join(', ')}`,
      );
    }
    settings.optimizationLevel = level as OrtOptimizationLevel;
  }
  return settings;
}

function nonNegativeInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new StudioError(undefined, `${name} must be a whole number >= 0, got ${String(value)}`);
  }
  return value;
}

export interface SessionExtras {
  /** Write ORT's optimized graph here (to learn which nodes it fused). */
  optimizedModelPath?: string;
  /** Turn ORT's profiler on; the JSON goes to `<prefix>_<date>.json`. */
  profilePrefix?: string;
}

export async function openOrtSession(
  modelPath: string,
  settings: OrtSettings,
  extras: SessionExtras = {},
  /** The model's bytes when it lives in memory; `modelPath` then only names it in messages. */
  modelBytes?: Uint8Array,
): Promise<ort.InferenceSession> {
  const options: ort.InferenceSession.SessionOptions = {
    executionProviders: ['cpu'],
    graphOptimizationLevel: settings.optimizationLevel,
    interOpNumThreads: settings.interOpThreads,
    executionMode: settings.interOpThreads > 1 ? 'parallel' : 'sequential',
    // Fatal only: the studio reports ORT's errors itself, and its warning about hardware-specific optimized models is expected.
    logSeverityLevel: 4,
  };
  if (settings.intraOpThreads > 0) options.intraOpNumThreads = settings.intraOpThreads;
  if (extras.optimizedModelPath) options.optimizedModelFilePath = extras.optimizedModelPath;
  if (extras.profilePrefix) {
    options.enableProfiling = true;
    options.profileFilePrefix = extras.profilePrefix;
  }
  try {
    return modelBytes
      ? await ort.InferenceSession.create(modelBytes, options)
      : await ort.InferenceSession.create(modelPath, options);
  } catch (error) {
    throw new StudioError(modelPath, `ONNX Runtime refused the model: ${firstLine(error)}`, { cause: error });
  }
}

/** Runs a session, turning ORT's run-time failure into a line naming the model. */
export async function runOrtSession(
  session: ort.InferenceSession,
  modelPath: string,
  feeds: Record<string, ort.Tensor>,
  fetches?: string[],
): Promise<ort.InferenceSession.OnnxValueMapType> {
  try {
    return fetches ? await session.run(feeds, fetches) : await session.run(feeds);
  } catch (error) {
    throw new StudioError(modelPath, `ONNX Runtime failed to run the model: ${firstLine(error)}`, {
      cause: error,
    });
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // ORT messages look like "[ONNXRuntimeError] : 10 : INVALID_GRAPH : Load model from x failed:..."
  return text
    .split('\n')[0]!
    .replace(/^\[ONNXRuntimeError\]\s*:\s*\d+\s*:\s*/, '')
    .trim();
}

/** The model's inputs with their declared element type and shape (symbolic dims as strings). */
export function sessionInputs(
  session: ort.InferenceSession,
): { name: string; type: string; shape: (number | string)[] }[] {
  return session.inputMetadata.map((meta) => {
    if (!meta.isTensor) return { name: meta.name, type: 'non-tensor', shape: [] };
    return {
      name: meta.name,
      type: meta.type,
      shape: meta.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : String(d))),
    };
  });
}
