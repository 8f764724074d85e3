/**
 * The model view's per-node table (and the report's): one row per ONNX node with its output shapes,
 * cost, arithmetic intensity, the roof that bounds it, and the lints that name it. Costs stay null
 * where shapes are unknown, so a table never shows a 0 that means "unknown".
 */
import type { Lint, Model, NodeCost } from './types';
import { shapeText } from './shape-text';

export interface NodeRow {
  /** Position in the graph (execution order of the file). */
  index: number;
  name: string;
  opType: string;
  outputShapes: string;
  flops: number | null;
  /** Activations read + weights read + outputs written. */
  bytes: number | null;
  intensity: number | null;
  bound: NodeCost['bound'] | 'not costed';
  dataMovement: boolean;
  /** Folded by TensorRT at build time (every input constant): costed as 0. */
  folded: boolean;
  lints: Pick<Lint, 'id' | 'severity'>[];
}

function lintsByNode(lints: readonly Lint[]): Map<string, Pick<Lint, 'id' | 'severity'>[]> {
  const byNode = new Map<string, Pick<Lint, 'id' | 'severity'>[]>();
  for (const lint of lints) {
    for (const node of new Set(lint.nodes)) {
      const list = byNode.get(node) ?? [];
      if (!list.some((item) => item.id === lint.id)) list.push({ id: lint.id, severity: lint.severity });
      byNode.set(node, list);
    }
  }
  return byNode;
}

export function modelNodeRows(model: Model): NodeRow[] {
  const lints = lintsByNode(model.lints);
  return model.nodes.map((node, index) => {
    const cost = model.costs[index] ?? null;
    const bytes = cost ? cost.activationBytesRead + cost.weightBytesRead + cost.bytesWritten : null;
    return {
      index,
      name: node.name,
      opType: node.domain ? `${node.domain}.${node.opType}` : node.opType,
      outputShapes: node.outputs
        .filter((output) => output !== '')
        .map((output) => shapeText(model.tensors[output]?.shape))
        .join(' '),
      flops: cost && !cost.flopsUnknown ? cost.flops : null,
      bytes,
      intensity: cost && !cost.flopsUnknown && bytes ? cost.intensity : null,
      bound: cost ? cost.bound : 'not costed',
      dataMovement: cost?.dataMovement ?? false,
      folded: cost?.folded ?? false,
      lints: lints.get(node.name) ?? [],
    };
  });
}
