/**
 * Marks intermediate tensors of the main graph as graph outputs, so a runtime returns them (what
 * Polygraphy's "mark all" does). Used for activation ranges (calibration), shape capture by execution
 * and per-layer accuracy. Subgraph-local tensors (inside If/Loop bodies) cannot be exposed this way.
 */
import { StudioError } from '../errors';
import type { OnnxModel, OnnxValueInfo } from './graph';

/** Every tensor a node of the main graph produces, in node order (no empty optional outputs). */
export function intermediateTensorNames(model: OnnxModel): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const node of model.graph.nodes) {
    for (const output of node.outputs) {
      if (output && !seen.has(output)) {
        seen.add(output);
        names.push(output);
      }
    }
  }
  return names;
}

/**
 * A copy of the model whose graph outputs also list `tensorNames` (default: every node output).
 * Existing outputs keep their place first; added outputs carry the value_info type when the model
 * has one, and no type otherwise (ONNX Runtime infers it). The input model is not modified.
 */
export function exposeIntermediates(model: OnnxModel, tensorNames?: string[]): OnnxModel {
  const produced = new Set(intermediateTensorNames(model));
  const wanted = tensorNames ?? [...produced];
  const missing = wanted.filter((name) => !produced.has(name));
  if (missing.length > 0) {
    const list =
      missing.slice(0, 5).join(', ') + (missing.length > 5 ? `, ... (${missing.length} in all)` : '');
    throw new StudioError(model.path || undefined, `no node of the main graph produces ${list}`);
  }
  const graph = model.graph;
  const typeOf = new Map<string, OnnxValueInfo>(graph.valueInfo.map((v) => [v.name, v]));
  const outputs = [...graph.outputs];
  const already = new Set(outputs.map((o) => o.name));
  for (const name of wanted) {
    if (already.has(name)) continue;
    already.add(name);
    outputs.push(typeOf.get(name) ?? { name, type: null });
  }
  return { ...model, graph: { ...graph, outputs } };
}
