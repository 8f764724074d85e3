/**
 * inspectModel: the one entry point from an .onnx path to the canonical Model (read, hash, shapes,
 * cost, lints). The CLI `inspect`, the Electron main process and the server all call this.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Model } from '../model/types';
import { analyzeModel } from './analyze';
import { resolveCeilings } from './device-ceilings';
import { readOnnx } from './reader';

export interface InspectOptions {
  /** User shapes for symbolic/dynamic inputs. */
  shapes?: Record<string, number[]>;
  /** Device whose ceilings judge compute- vs memory-bound (name from the table, or a spec). */
  device?: string;
}

/** sha256 of a file, streamed in 1 MiB reads (models can be GBs). */
export function hashFile(file: string): string {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(1 << 20);
    let read: number;
    while ((read = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0) hash.update(chunk.subarray(0, read));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

export function inspectModel(file: string, options: InspectOptions = {}): Model {
  const onnx = readOnnx(file);
  const ceilings = resolveCeilings(options.device);
  // analyzeModel checks the shapes against the inputs (names, ranks, fixed dims, symbols).
  const shapes = options.shapes ?? {};
  return analyzeModel(onnx, { shapes, ceilings, sha256: hashFile(file), sourcePath: file });
}
