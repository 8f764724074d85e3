/**
 * A small reader for the zip files NumPy writes (.npz): central directory, stored or deflated
 * entries, zip64 sizes (np.savez forces zip64 headers). Enough for .npz, not a general archiver.
 */
import zlib from 'node:zlib';
import { StudioError } from '../errors';

export interface ZipEntry {
  name: string;
  /** Decompressed bytes. */
  read(): Uint8Array;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function findEndOfCentralDirectory(file: string, view: DataView): number {
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 65535); at--) {
    if (view.getUint32(at, true) === EOCD) return at;
  }
  throw new StudioError(file, 'not a zip/.npz file (no end of central directory)');
}

/** Reads zip64 extended sizes/offset from an extra field, where the 32-bit fields are 0xFFFFFFFF. */
function zip64Values(view: DataView, extraStart: number, extraLength: number, wanted: boolean[]): number[] {
  const values: number[] = [];
  let at = extraStart;
  while (at + 4 <= extraStart + extraLength) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let p = at + 4;
      for (const want of wanted) {
        if (!want) continue;
        values.push(Number(view.getBigUint64(p, true)));
        p += 8;
      }
      return values;
    }
    at += 4 + size;
  }
  return values;
}

export function readZip(file: string, bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(file, view);
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL)
      throw new StudioError(file, 'corrupt zip central directory');
    const method = view.getUint16(at + 10, true);
    let compressed = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let localOffset = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const big = [size === 0xffffffff, compressed === 0xffffffff, localOffset === 0xffffffff];
    if (big.some(Boolean)) {
      const values = zip64Values(view, at + 46 + nameLength, extraLength, big);
      if (big[0]) size = values.shift() ?? size;
      if (big[1]) compressed = values.shift() ?? compressed;
      if (big[2]) localOffset = values.shift() ?? localOffset;
    }
    at += 46 + nameLength + extraLength + commentLength;
    entries.push({
      name,
      read: () => {
        if (view.getUint32(localOffset, true) !== LOCAL)
          throw new StudioError(file, `corrupt zip entry ${name}`);
        const start =
          localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
        const payload = bytes.subarray(start, start + compressed);
        if (payload.length !== compressed) throw new StudioError(file, `zip entry ${name} is truncated`);
        if (method !== 0 && method !== 8) {
          throw new StudioError(
            file,
            `zip entry ${name} uses compression method ${method} (only stored and deflate are read)`,
          );
        }
        const data = method === 0 ? payload : new Uint8Array(zlib.inflateRawSync(payload));
        if (data.length !== size)
          throw new StudioError(
            file,
            `zip entry ${name} holds ${data.length} bytes, its header says ${size}`,
          );
        return data;
      },
    });
  }
  return entries;
}
