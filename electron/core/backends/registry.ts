/**
 * Every backend the studio knows, and whether each can run on this machine: the list the CLI checks
 * `--backend` against, `doctor` prints and the UI offers (through the contract's capabilities
 * operation). Unavailable ones say why and how to get them.
 */
import { tensorrtAvailability } from './tensorrt-availability';

export const BACKEND_NAMES = ['onnxruntime', 'tensorrt'] as const;

export type BackendName = (typeof BACKEND_NAMES)[number];

export interface BackendStatus {
  name: BackendName;
  available: boolean;
  /** The runtime's version where known (ONNX Runtime's, TensorRT's). */
  version?: string;
  /** Why it cannot run here, in one sentence. */
  reason?: string;
  /** The steps that would make it available. */
  howToGet?: string;
}

const ORT_HOW_TO =
  'reinstall the dependencies with `npm ci` (onnxruntime-node ships its CPU libraries in the package)';

async function onnxruntimeStatus(): Promise<BackendStatus> {
  try {
    const ort = await import('onnxruntime-node');
    return { name: 'onnxruntime', available: true, version: ort.env.versions.node };
  } catch (error) {
    return {
      name: 'onnxruntime',
      available: false,
      reason: `onnxruntime-node does not load: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      howToGet: ORT_HOW_TO,
    };
  }
}

async function tensorrtStatus(): Promise<BackendStatus> {
  const trt = await tensorrtAvailability();
  return {
    name: 'tensorrt',
    available: trt.available,
    ...(trt.version ? { version: trt.version } : {}),
    ...(trt.why ? { reason: trt.why } : {}),
    ...(trt.howToGet ? { howToGet: trt.howToGet } : {}),
  };
}

const STATUS_OF: Record<BackendName, () => Promise<BackendStatus>> = {
  onnxruntime: onnxruntimeStatus,
  tensorrt: tensorrtStatus,
};

/** One backend's status. */
export function backendStatus(name: BackendName): Promise<BackendStatus> {
  return STATUS_OF[name]();
}

/** Every known backend, in BACKEND_NAMES order. */
export function listBackends(): Promise<BackendStatus[]> {
  return Promise.all(BACKEND_NAMES.map(backendStatus));
}
