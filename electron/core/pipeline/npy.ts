/**
 * NumPy .npy files (format versions 1, 2 and 3): the header dict (descr, fortran_order, shape) and
 * the little-endian payload as a typed array. Big-endian and Fortran-ordered arrays are refused with
 * a message rather than silently misread.
 */
import { StudioError } from '../errors';
import type { NamedTensor } from '../model/tensor';

export type NpyDtype =
  'float32' | 'float16' | 'float64' | 'int8' | 'uint8' | 'int16' | 'int32' | 'int64' | 'bool';

export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data:
    | Float32Array
    | Float64Array
    | Uint16Array
    | Int8Array
    | Uint8Array
    | Int16Array
    | Int32Array
    | BigInt64Array;
}

const DESCRS: Record<string, { dtype: NpyDtype; bytes: number }> = {
  f4: { dtype: 'float32', bytes: 4 },
  f2: { dtype: 'float16', bytes: 2 },
  f8: { dtype: 'float64', bytes: 8 },
  i1: { dtype: 'int8', bytes: 1 },
  u1: { dtype: 'uint8', bytes: 1 },
  i2: { dtype: 'int16', bytes: 2 },
  i4: { dtype: 'int32', bytes: 4 },
  i8: { dtype: 'int64', bytes: 8 },
  b1: { dtype: 'bool', bytes: 1 },
};

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

function parseHeader(file: string, header: string): { descr: string; fortran: boolean; shape: number[] } {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shape === undefined) {
    throw new StudioError(file, `not a valid .npy header: ${header.trim().slice(0, 80)}`);
  }
  const dims = shape
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => Number(s.replace(/L$/, '')));
  if (dims.some((d) => !Number.isInteger(d) || d < 0))
    throw new StudioError(file, `bad .npy shape (${shape})`);
  return { descr, fortran: fortran === 'True', shape: dims };
}

function typedView(dtype: NpyDtype, bytes: Uint8Array): NpyArray['data'] {
  const copy = bytes.slice(); // aligned, owned
  const buffer = copy.buffer;
  switch (dtype) {
    case 'float32':
      return new Float32Array(buffer);
    case 'float16':
      return new Uint16Array(buffer);
    case 'float64':
      return new Float64Array(buffer);
    case 'int8':
      return new Int8Array(buffer);
    case 'int16':
      return new Int16Array(buffer);
    case 'int32':
      return new Int32Array(buffer);
    case 'int64':
      return new BigInt64Array(buffer);
    case 'uint8':
    case 'bool':
      return copy;
  }
}

/** Parses the bytes of one .npy file; `file` names it in errors. */
export function parseNpy(file: string, bytes: Uint8Array): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
    throw new StudioError(file, 'not a .npy file (no \\x93NUMPY magic)');
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  if (major < 1 || major > 3) throw new StudioError(file, `unknown .npy format version ${major}`);
  if (headerStart + headerLength > bytes.length)
    throw new StudioError(file, '.npy header runs past the end of the file');
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(headerStart, headerStart + headerLength),
  );
  const { descr, fortran, shape } = parseHeader(file, header);
  const order = descr[0];
  const kind = DESCRS[descr.slice(1)];
  if (!kind || !['<', '|', '='].includes(order ?? '')) {
    throw new StudioError(
      file,
      `.npy dtype '${descr}' is not supported (little-endian float16/32/64, int8/16/32/64, uint8, bool)`,
    );
  }
  if (fortran)
    throw new StudioError(file, '.npy array is in Fortran order: save it with np.ascontiguousarray first');
  const count = shape.reduce((a, b) => a * b, 1);
  const start = headerStart + headerLength;
  const need = count * kind.bytes;
  if (bytes.length - start < need) {
    throw new StudioError(
      file,
      `.npy payload is ${bytes.length - start} bytes, shape (${shape.join(', ')}) of ${kind.dtype} needs ${need}`,
    );
  }
  return { dtype: kind.dtype, shape, data: typedView(kind.dtype, bytes.subarray(start, start + need)) };
}

/** The NamedTensor dtype an .npy dtype feeds, or null when a model never takes it directly. */
export function npyToTensorDtype(dtype: NpyDtype): NamedTensor['dtype'] | null {
  return dtype === 'float64' || dtype === 'int16' ? null : dtype;
}
