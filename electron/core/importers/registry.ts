/**
 * Every importer the studio knows, and format detection over them. Add a new format by writing
 * importers/<format>.ts and listing it here.
 */
import fs from 'node:fs';
import { StudioError, fileError } from '../errors';
import type { Importer } from './importer';
import { trtexecLayerInfoImporter } from './trtexec-layer-info';
import { trtexecProfileImporter } from './trtexec-profile';
import { trtexecTimesImporter } from './trtexec-times';
import { trtexecLogImporter } from './trtexec-log';
import { trtexecMetadataImporter } from './trtexec-metadata';
import { nsysSqliteImporter } from './nsys-sqlite';
import { onnxRuntimeProfileImporter } from './onnxruntime-profile';
import { chromeTraceImporter } from './chrome-trace';

export const importers: Importer[] = [
  trtexecLayerInfoImporter,
  trtexecProfileImporter,
  trtexecTimesImporter,
  trtexecLogImporter,
  trtexecMetadataImporter,
  nsysSqliteImporter,
  onnxRuntimeProfileImporter,
  chromeTraceImporter,
];

const HEAD_BYTES = 64 * 1024;

/** Reads the first bytes of a file for detection; a missing or unreadable file is a StudioError. */
export function readHead(file: string): Uint8Array {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    throw fileError(file, error);
  }
  try {
    const buffer = new Uint8Array(HEAD_BYTES);
    const read = fs.readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, read);
  } catch (error) {
    // A folder opens but cannot be read (EISDIR).
    throw fileError(file, error);
  } finally {
    fs.closeSync(fd);
  }
}

/** The importer most sure the file is its format, or a StudioError saying none recognizes it. */
export function detectImporter(file: string): Importer {
  const head = readHead(file);
  let best: Importer | undefined;
  let bestScore = 0;
  for (const importer of importers) {
    const score = importer.detect({ path: file, head });
    if (score > bestScore) {
      best = importer;
      bestScore = score;
    }
  }
  if (!best) {
    const known = importers.map((i) => i.description).join('; ');
    throw new StudioError(file, `not a format the studio imports (known: ${known})`);
  }
  return best;
}
