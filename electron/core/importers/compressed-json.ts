/**
 * Reads a JSON file that may be gzip-compressed (Kineto writes .json.gz). Gzip is recognized by its
 * magic bytes, not the name; a file named .gz that is not gzip, or a corrupt gzip, is a StudioError.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { StudioError, fileError } from '../errors';
import { parseJsonText } from './json-input';

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** The file's text, gunzipped when it is gzip. */
export function readMaybeGzippedText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw fileError(file, error);
  }
  if (!isGzip(bytes)) {
    if (/\.gz$/i.test(file))
      throw new StudioError(file, 'named .gz but not gzip-compressed (no gzip magic bytes 1f 8b)');
    return bytes.toString('utf8');
  }
  try {
    return zlib.gunzipSync(bytes).toString('utf8');
  } catch (error) {
    throw new StudioError(file, `corrupt or truncated gzip: ${(error as Error).message}`);
  }
}

export function readMaybeGzippedJson(file: string): unknown {
  return parseJsonText(readMaybeGzippedText(file), file);
}
