/**
 * Inspection that also runs the model once on ONNX Runtime (CPU) to measure the shapes static
 * inference cannot know (ops without a rule, data-dependent shapes). The static part is
 * onnx/inspect-model.ts.
 */
import { captureShapes } from '../backends/shape-capture';
import { StudioError } from '../errors';
import type { Model } from '../model/types';
import { analyzeFile, type InspectOptions } from '../onnx/inspect-model';
import { readOnnx } from '../onnx/reader';

/**
 * Dynamic inputs must be set: measuring at an arbitrary size would cost the model at a size the user
 * never asked for.
 */
export async function inspectModelByExecution(file: string, options: InspectOptions = {}): Promise<Model> {
  const onnx = readOnnx(file);
  const staticModel = analyzeFile(file, onnx, options);
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
  return analyzeFile(file, onnx, options, executed);
}
