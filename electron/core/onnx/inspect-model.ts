/**
 * inspectModel: the one entry point from an .onnx path to the canonical Model (read, hash, shapes,
 * cost, lints), from the graph alone. The CLI `inspect`, the Electron main process, the server and
 * file detection all call this; profiling/inspect-by-execution.ts adds the shapes a run measures.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Model } from '../model/types';
import { analyzeModel, type AnalyzeOptions } from './analyze';
import { resolveCeilings } from './device-ceilings';
import type { OnnxModel } from './graph';
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

/** The Model of a read ONNX file, with shapes measured by a run when given. */
export function analyzeFile(
  file: string,
  onnx: OnnxModel,
  options: InspectOptions,
  executedShapes?: AnalyzeOptions['executedShapes'],
): Model {
  // analyzeModel checks the shapes against the inputs (names, ranks, fixed dims, symbols).
  return analyzeModel(onnx, {
    shapes: options.shapes ?? {},
    ceilings: resolveCeilings(options.device),
    sha256: hashFile(file),
    sourcePath: file,
    executedShapes,
  });
}

/** Static inspection: shapes from the graph and the user's --shape only. */
export function inspectModel(file: string, options: InspectOptions = {}): Model {
  return analyzeFile(file, readOnnx(file), options);
}
