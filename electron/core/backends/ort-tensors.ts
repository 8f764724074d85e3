/**
 * Tensors across the ONNX Runtime boundary: NamedTensor <-> ort.Tensor, and the input shapes and
 * seeded inputs a profile feeds when the caller gives none.
 */
import { float16Bits, float16ToFloat32 } from '../model/float16';
import * as ort from 'onnxruntime-node';
import { StudioError } from '../errors';
import type { NamedTensor } from './backend';

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

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((product, d) => product * d, 1);
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

/** A small deterministic generator (mulberry32) so two variants see exactly the same random inputs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Seeded input for timing: floats uniform in [0, 1); integer inputs (token ids, masks) are 1, which is a
 * valid id and a valid mask value for the models the studio sees.
 */
export function seededInput(dtype: string, dims: number[], seed: number): NamedTensor {
  const n = elementCount(dims);
  const random = seededRandom(seed);
  switch (dtype) {
    case 'float32': {
      const data = new Float32Array(n);
      for (let i = 0; i < n; i++) data[i] = random();
      return { dtype, dims, data };
    }
    case 'float16': {
      const data = new Uint16Array(n);
      for (let i = 0; i < n; i++) data[i] = float16Bits(random());
      return { dtype, dims, data };
    }
    case 'int64':
      return { dtype, dims, data: new BigInt64Array(n).fill(1n) };
    case 'int32':
      return { dtype, dims, data: new Int32Array(n).fill(1) };
    case 'int8':
      return { dtype, dims, data: new Int8Array(n).fill(1) };
    case 'uint8':
    case 'bool':
      return { dtype, dims, data: new Uint8Array(n).fill(1) };
    default:
      throw new StudioError(
        undefined,
        `cannot make a ${dtype} input: the studio feeds float and integer inputs only`,
      );
  }
}

/** Float values of a float tensor (float16 decoded), for accuracy metrics. */
export function floatValues(tensor: NamedTensor): Float32Array {
  if (tensor.dtype === 'float32') return tensor.data as Float32Array;
  if (tensor.dtype === 'float16') {
    const bits = tensor.data as Uint16Array;
    const out = new Float32Array(bits.length);
    for (let i = 0; i < bits.length; i++) out[i] = float16ToFloat32(bits[i]!);
    return out;
  }
  return Float32Array.from(tensor.data as ArrayLike<number | bigint>, (v) => Number(v));
}
