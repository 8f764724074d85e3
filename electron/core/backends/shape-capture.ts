/**
 * Shape capture by execution: runs the model once on ONNX Runtime with every intermediate tensor
 * exposed as an output, and returns each tensor's concrete dims. It learns the shapes static
 * inference could not (data-dependent Reshape targets, Resize scales computed in the graph), for
 * the cost model. Inputs are seeded values at the given shapes (dynamic leading dims = 1).
 */
import type * as ort from 'onnxruntime-node';
import { exposeIntermediates, intermediateTensorNames } from '../onnx/expose-intermediates';
import type { OnnxModel } from '../onnx/graph';
import type { DType } from '../model/types';
import { encodeOnnx } from '../onnx/writer';
import { DEFAULT_ORT_SETTINGS, openOrtSession, runOrtSession, sessionInputs } from './onnxruntime-session';
import { resolveInputDims, toOrtTensor } from './ort-tensors';
import { seededInput } from '../model/tensor';

/** A tensor as measured by running the model. */
export interface ExecutedShape {
  dims: number[];
  dtype: DType;
}

/** ORT's tensor type names are ONNX's, but for 'float32'/'float64' spelled the same: map the rest. */
function ortTypeToDType(type: string): DType {
  const known: DType[] = [
    'float32',
    'float16',
    'bfloat16',
    'float64',
    'int8',
    'uint8',
    'int16',
    'uint16',
    'int32',
    'uint32',
    'int64',
    'uint64',
    'bool',
    'string',
  ];
  return (known as string[]).includes(type) ? (type as DType) : 'unknown';
}

export async function captureShapes(
  model: OnnxModel,
  options: { shapes?: Record<string, number[]>; threads?: number; only?: string[] } = {},
): Promise<Record<string, ExecutedShape>> {
  const names = options.only ?? intermediateTensorNames(model);
  const label = model.path || 'model';
  const bytes = encodeOnnx(exposeIntermediates(model, names));
  // No graph optimizations: every exposed tensor keeps its own node, nothing is folded away.
  const settings = {
    ...DEFAULT_ORT_SETTINGS,
    intraOpThreads: options.threads ?? 0,
    optimizationLevel: 'disabled' as const,
  };
  const session = await openOrtSession(label, settings, {}, bytes);
  try {
    const feeds: Record<string, ort.Tensor> = {};
    sessionInputs(session).forEach((input, index) => {
      const dims = resolveInputDims(label, input, options.shapes, 1);
      feeds[input.name] = toOrtTensor(seededInput(input.type, dims, 99 + index));
    });
    const outputs = await runOrtSession(session, label, feeds);
    const shapes: Record<string, ExecutedShape> = {};
    for (const [name, value] of Object.entries(outputs)) {
      const tensor = value as ort.Tensor;
      shapes[name] = { dims: [...tensor.dims], dtype: ortTypeToDType(tensor.type) };
    }
    return shapes;
  } finally {
    await session.release();
  }
}
