/**
 * The bounded view of a file that detection looks at: its first bytes, its size and, on this machine,
 * small positioned reads further in. Nothing here reads a whole file, so a 500 MiB model is told as
 * fast as a 5 KiB one.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { StudioError } from '../errors';

/** Bytes of a file's head that detection reads. */
export const HEAD_BYTES = 64 * 1024;

export interface FileSample {
  /** The name the user knows the file by: worded into descriptions, never decisive. */
  name: string;
  /** Size of the whole file; null when unknown (the gunzipped head of a .gz). */
  size: number | null;
  /** The first bytes (up to HEAD_BYTES, fewer for a shorter file). */
  head: Uint8Array;
  /** A small read at `offset` (fewer bytes at the end of the file); absent for a head-only buffer. */
  readAt?: (offset: number, length: number) => Uint8Array;
}

function cannot(file: string, verb: string, error: unknown): StudioError {
  return new StudioError(file, `cannot ${verb}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
}

function readAtFd(fd: number, offset: number, length: number): Uint8Array {
  const buffer = new Uint8Array(length);
  return buffer.subarray(0, fs.readSync(fd, buffer, 0, length, offset));
}

/** Opens `file`, hands `use` its sample (positioned reads stay valid only inside `use`), closes it. */
export function withFileSample<T>(file: string, name: string, use: (sample: FileSample) => T): T {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    throw cannot(file, 'open', error);
  }
  try {
    const size = fs.fstatSync(fd).size;
    const head = readAtFd(fd, 0, Math.min(HEAD_BYTES, size));
    return use({ name, size, head, readAt: (offset, length) => readAtFd(fd, offset, length) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code) throw cannot(file, 'read', error);
    throw error;
  } finally {
    fs.closeSync(fd);
  }
}

// Deflate expands at most ~1032x, so 4 KiB of input stays under this; longer inputs are tried only while
// the output is short of a head.
const MAX_INFLATED = 8 << 20;

/**
 * The first HEAD_BYTES of a gzip file's content, from its compressed head; null when the bytes are not
 * a readable gzip stream. Growing slices of input keep the output bounded however well it compresses.
 */
export function gunzipHead(head: Uint8Array): Uint8Array | null {
  let inflated: Uint8Array | null = null;
  for (const length of [4096, 16384, HEAD_BYTES]) {
    try {
      inflated = zlib.gunzipSync(head.subarray(0, length), {
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
        maxOutputLength: MAX_INFLATED,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') break;
      return inflated;
    }
    if (inflated.length >= HEAD_BYTES || length >= head.length) break;
  }
  return inflated && inflated.subarray(0, HEAD_BYTES);
}
