/**
 * Every importer the studio knows, and which of them reads a file: the one answer that detection
 * (detect-file.ts) and grouping share. Add a new format by writing importers/<format>.ts, listing it
 * here and naming its format in ImporterFormat (importer.ts).
 */
import fs from 'node:fs';
import { fileError } from '../errors';
import type { Importer, ImportInput } from './importer';
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

/** Below this, an importer's claim is a weak sign (e.g. any SQLite file), not a recognition. */
export const RECOGNIZED = 0.5;

/** The importer most sure these first bytes are its format, if any is at least RECOGNIZED sure. */
export function importerFor(input: ImportInput): Importer | undefined {
  let best: Importer | undefined;
  let bestScore = 0;
  for (const importer of importers) {
    const score = importer.detect(input);
    if (score > bestScore) {
      best = importer;
      bestScore = score;
    }
  }
  return bestScore >= RECOGNIZED ? best : undefined;
}

/** The importer of a FileKind, when the kind is an importer's format. */
export function importerOfKind(kind: string): Importer | undefined {
  return importers.find((importer) => importer.format === kind);
}
