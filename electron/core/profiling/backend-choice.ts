/**
 * Which backend a profile job runs on. `auto` takes TensorRT where the native addon has it (TensorRT
 * compiled in and a CUDA device present) and ONNX Runtime otherwise; either way the choice comes with
 * a sentence saying which and why, for the user and the session's notes.
 */
import type { Backend } from '../backends/backend';
import { OnnxRuntimeBackend } from '../backends/onnxruntime';
import { TensorrtBackend } from '../backends/tensorrt';
import { tensorrtAvailability } from '../backends/tensorrt-availability';

export type BackendRequest = 'auto' | 'onnxruntime' | 'tensorrt';

export interface BackendChoice {
  backend: Backend;
  name: 'onnxruntime' | 'tensorrt';
  /** "backend: onnxruntime (TensorRT is not available: ...)". */
  sentence: string;
}

export async function chooseBackend(request: BackendRequest): Promise<BackendChoice> {
  if (request === 'onnxruntime') {
    return {
      backend: new OnnxRuntimeBackend(),
      name: 'onnxruntime',
      sentence: 'backend: onnxruntime (as asked)',
    };
  }
  if (request === 'tensorrt') {
    return { backend: new TensorrtBackend(), name: 'tensorrt', sentence: 'backend: tensorrt (as asked)' };
  }
  const tensorrt = await tensorrtAvailability();
  if (tensorrt.available) {
    return {
      backend: new TensorrtBackend(),
      name: 'tensorrt',
      sentence:
        `backend: tensorrt ${tensorrt.version ?? ''} on ${tensorrt.native.devices[0]?.name ?? 'the GPU'} (found by --backend auto)`.replace(
          '  ',
          ' ',
        ),
    };
  }
  return {
    backend: new OnnxRuntimeBackend(),
    name: 'onnxruntime',
    sentence: `backend: onnxruntime on the CPU, because TensorRT is not available here: ${tensorrt.reason}`,
  };
}
