/**
 * The headline of a model's cost: the totals, and first what they leave out and how to fix it. Totals
 * over a graph whose shapes are unknown ("0 FLOPs, 0 B moved") mislead unless the headline says that
 * most nodes were not costed and why. The CLI's `inspect` and the UI's model view show the same.
 */
import type { Model } from './types';

/**
 * A `--shape` value to start from for an input: fixed dims as they are, a symbolic batch as 1, other
 * symbols by name (`images:1x3x<height>x<width>`) for the user to fill in.
 */
export function exampleShapeSpec(name: string, shape: (number | string | null)[] | null): string {
  if (!shape) return `${name}:<dims, e.g. 1x3x224x224>`;
  const dims = shape.map((d, axis) => {
    if (typeof d === 'number' && d > 0) return String(d);
    if (axis === 0) return '1';
    return `<${typeof d === 'string' && d ? d : `dim${axis}`}>`;
  });
  return `${name}:${dims.join('x')}`;
}

/** What --run-shapes does, for fix texts that point to it. */
export const RUN_SHAPES_HINT = '--run-shapes (measures them by running the model once on ONNX Runtime)';

export interface CostHeadline {
  flops: number;
  bytesMoved: number;
  nodes: number;
  /** Nodes whose bytes (and FLOPs where a formula exists) are in the totals, folded ones excluded. */
  costedNodes: number;
  memoryBoundNodes: number;
  /** Nodes TensorRT folds at build time (every input constant): they cost nothing at run time. */
  foldedNodes: number;
  /** Nodes left out of the totals because a shape they need is unknown. */
  unknownShapeNodes: number;
  /** Costed nodes whose op has no FLOP formula: their bytes count, their FLOPs do not. */
  flopsUnknownNodes: number;
  /** Inputs with symbolic or unknown dims that no --shape set. */
  dynamicInputs: { name: string; shape: (number | string | null)[] | null }[];
  /** What the totals leave out, most serious first, each one sentence; empty when nothing is. */
  caveats: string[];
  /** How to cost what is left out, when something can be done. */
  fix?: string;
}

function countBy(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([value, count]) => (count > 1 ? `${value} x${count}` : value))
    .join(', ');
}

export function costHeadline(model: Model): CostHeadline {
  const costs = model.costs;
  const folded = costs.filter((c) => c?.folded).length;
  const costed = costs.filter((c): c is NonNullable<typeof c> => c !== null && !c.folded);
  const unknownShape = costs.filter((c) => c === null).length;
  const flopsUnknownOps = model.nodes.filter((_, i) => costs[i]?.flopsUnknown).map((n) => n.opType);
  const dynamicInputs = model.inputs
    .filter((input) => !input.shape || input.shape.some((d) => typeof d !== 'number' || d <= 0))
    .map((input) => ({ name: input.name, shape: input.shape }));
  const nodes = model.nodes.length;
  const caveats: string[] = [];
  let fix: string | undefined;

  if (nodes > 0 && folded === nodes) {
    caveats.push(
      `all ${nodes} nodes are constant-folded (every input is a weight or a constant): TensorRT computes them ` +
        'at build time, so nothing runs at inference and the totals are 0',
    );
  }
  if (unknownShape > 0) {
    const why =
      dynamicInputs.length > 0
        ? `input${dynamicInputs.length > 1 ? 's' : ''} ${dynamicInputs
            .map(
              (i) =>
                `"${i.name}" [${(i.shape ?? ['?']).map((d) => (typeof d === 'number' ? d : (d ?? '?'))).join(', ')}]`,
            )
            .join(', ')} ${dynamicInputs.length > 1 ? 'have' : 'has'} no fixed shape`
        : `static inference cannot tell them (${countBy(
            model.nodes.filter((_, i) => costs[i] === null).map((n) => n.opType),
          )})`;
    caveats.push(
      `costs unknown for ${unknownShape} of ${nodes} nodes because their shapes are: ${why}; ` +
        'the totals leave them out',
    );
    fix =
      dynamicInputs.length > 0
        ? `${dynamicInputs.map((i) => `--shape ${exampleShapeSpec(i.name, i.shape)}`).join(' ')} (the shape you deploy with)` +
          `, then ${RUN_SHAPES_HINT} for any node still unknown`
        : RUN_SHAPES_HINT;
  }
  if (flopsUnknownOps.length > 0) {
    caveats.push(
      `FLOPs not counted for ${flopsUnknownOps.length} node(s) whose op has no FLOP formula here ` +
        `(${countBy(flopsUnknownOps)}); their bytes are counted`,
    );
  }
  return {
    flops: model.totals.flops,
    bytesMoved: model.totals.bytesMoved,
    nodes,
    costedNodes: costed.length,
    memoryBoundNodes: costed.filter((c) => c.bound === 'memory').length,
    foldedNodes: folded,
    unknownShapeNodes: unknownShape,
    flopsUnknownNodes: flopsUnknownOps.length,
    dynamicInputs,
    caveats,
    ...(fix ? { fix } : {}),
  };
}
