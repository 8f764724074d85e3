/**
 * Tensors across the ONNX Runtime boundary: NamedTensor <-> ort.Tensor, and the input shapes a
 * profile feeds when the caller gives none.
 */
import * as ort from 'onnxruntime-node';
import { StudioError } from '../errors';
import type { NamedTensor } from '../model/tensor';

const SUPPORTED: Record<string, NamedTensor['dtype']> = {
  float32: 'float32',
  float16: 'float16',
  int8: 'int8',
  uint8: 'uint8',
  int32: 'int32',
  int64: 'int64',
  bool: 'bool',
};

export function toOrtTensor(tensor: NamedTensor): ort.Tensor {
  // ORT takes float16 as raw Uint16 bits and bool as Uint8.
  return new ort.Tensor(tensor.dtype, tensor.data as never, tensor.dims);
}

export function fromOrtTensor(name: string, tensor: ort.Tensor): NamedTensor {
  const dtype = SUPPORTED[tensor.type];
  if (!dtype)
    throw new StudioError(
      undefined,
      `output "${name}" has type ${tensor.type}, which the studio cannot compare`,
    );
  return { dtype, dims: [...tensor.dims], data: tensor.data as NamedTensor['data'] };
}

/** The static input shape to feed: user shapes first, a symbolic leading dim becomes the batch. */
export function resolveInputDims(
  modelPath: string,
  input: { name: string; shape: readonly (number | string)[] },
  userShapes: Record<string, number[]> | undefined,
  batchSize: number,
): number[] {
  const given = userShapes?.[input.name];
  if (given) {
    if (given.length !== input.shape.length) {
      throw new StudioError(
        modelPath,
        `--shape for "${input.name}" has rank ${given.length}, the model's input has rank ${input.shape.length}`,
      );
    }
    return batchSize > 1 && given.length > 0 ? [batchSize, ...given.slice(1)] : [...given];
  }
  return input.shape.map((dim, axis) => {
    if (typeof dim === 'number' && dim > 0) return axis === 0 && batchSize > 1 ? batchSize : dim;
    if (axis === 0) return batchSize;
    throw new StudioError(
      modelPath,
      `input "${input.name}" has a dynamic dimension ${axis} ("${dim}"): give its shape with --shape ${input.name}:${input.shape.map((d) => (typeof d === 'number' ? d : 'N')).join('x')}`,
    );
  });
}
