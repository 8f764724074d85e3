/**
 * NamedTensor, the dense tensor that crosses every boundary (backends, pipeline, calibration, accuracy),
 * and the helpers that need nothing but it: element counts, seeded inputs, float values.
 */
import { float16Bits, float16ToFloat32 } from './float16';
import { StudioError } from '../errors';

/** A dense tensor crossing the backend boundary. */
export interface NamedTensor {
  dtype: 'float32' | 'float16' | 'int8' | 'uint8' | 'int32' | 'int64' | 'bool';
  dims: number[];
  data: Float32Array | Uint16Array | Int8Array | Uint8Array | Int32Array | BigInt64Array;
}

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((product, d) => product * d, 1);
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
