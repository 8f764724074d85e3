/**
 * inspectModel: the one entry point from an .onnx path to the canonical Model (read, hash, shapes,
 * cost, lints). The CLI `inspect`, the Electron main process and the server all call this.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { captureShapes, type ExecutedShape } from '../backends/shape-capture';
import { StudioError } from '../errors';
import type { Model } from '../model/types';
import { analyzeModel } from '../onnx/analyze';
import { resolveCeilings } from '../onnx/device-ceilings';
import type { OnnxModel } from '../onnx/graph';
import { readOnnx } from '../onnx/reader';

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

function analyze(
  file: string,
  onnx: OnnxModel,
  options: InspectOptions,
  executedShapes?: Record<string, ExecutedShape>,
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
  return analyze(file, readOnnx(file), options);
}

/**
 * Inspection that also runs the model once on ONNX Runtime (CPU) to measure the shapes static
 * inference cannot know (ops without a rule, data-dependent shapes). Dynamic inputs must be set:
 * measuring at an arbitrary size would cost the model at a size the user never asked for.
 */
export async function inspectModelByExecution(file: string, options: InspectOptions = {}): Promise<Model> {
  const onnx = readOnnx(file);
  const staticModel = analyze(file, onnx, options);
  const unset = staticModel.inputs.filter((i) => !i.shape || i.shape.some((d) => typeof d !== 'number'));
  if (unset.length > 0) {
    const names = unset.map((i) => `${i.name} [${(i.shape ?? ['?']).join(', ')}]`).join('; ');
    throw new StudioError(
      file,
      `running the model for shapes needs --shape for its dynamic inputs: ${names}`,
    );
  }
  if (staticModel.unknownShapeNodes.length === 0) return staticModel;
  const executed = await captureShapes(onnx, { shapes: options.shapes });
  return analyze(file, onnx, options, executed);
}
