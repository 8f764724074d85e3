/**
 * Writes .npy and .npz files as NumPy does (format 1.0 header, stored zip entries), so tests can make
 * calibration data for multi-input models without Python. np.load reads what this writes.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

export interface NpyInput {
  dtype: 'float32' | 'int64' | 'int32' | 'float64';
  shape: number[];
  values: number[];
}

const DESCR = { float32: '<f4', int64: '<i8', int32: '<i4', float64: '<f8' } as const;

export function npyBytes(array: NpyInput): Uint8Array {
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  let header = `{'descr': '${DESCR[array.dtype]}', 'fortran_order': False, 'shape': ${shape}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const payload =
    array.dtype === 'float32'
      ? new Uint8Array(Float32Array.from(array.values).buffer)
      : array.dtype === 'float64'
        ? new Uint8Array(Float64Array.from(array.values).buffer)
        : array.dtype === 'int32'
          ? new Uint8Array(Int32Array.from(array.values).buffer)
          : new Uint8Array(BigInt64Array.from(array.values, (v) => BigInt(v)).buffer);
  const out = new Uint8Array(10 + header.length + payload.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(Buffer.from(header, 'latin1'), 10);
  out.set(payload, 10 + header.length);
  return out;
}

/** A stored (uncompressed) zip with one `<name>.npy` entry per array, as np.savez writes. */
export function writeNpz(file: string, arrays: Record<string, NpyInput>): void {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [key, array] of Object.entries(arrays)) {
    const name = Buffer.from(`${key}.npy`);
    const data = Buffer.from(npyBytes(array));
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...locals, directory, end]));
}
