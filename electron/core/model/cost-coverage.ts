/**
 * How much of a model its FLOPs and bytes cover. A node whose shapes are unknown (a dynamic batch
 * not set, a data-dependent shape) is not costed, so a total of 0 FLOPs may mean "unknown", never
 * "free": the headline says which, and what to do, instead of printing the 0.
 */
import type { Dim, Model } from './types';

export interface CostCoverage {
  nodes: number;
  /** Nodes with a cost (folded constants included: they cost 0 by design). */
  costed: number;
  /** Nodes whose cost could not be computed because their shapes are unknown. */
  uncosted: number;
  /** Costed nodes of an op with no FLOP formula (their bytes count, their FLOPs are 0). */
  noFlopFormula: number;
  /** Graph inputs with a dimension that is not a number: what to set. */
  dynamicInputs: { name: string; dims: Dim[] | null }[];
  state: 'complete' | 'partial' | 'unknown';
  /** One sentence when the totals are not the whole model; null when they are. */
  headline: string | null;
}

function isOpen(dims: Dim[] | null): boolean {
  return !dims || dims.some((dim) => typeof dim !== 'number' || dim <= 0);
}

function dimText(dims: Dim[] | null): string {
  if (!dims) return 'no declared shape';
  const open = dims
    .map((dim, axis) => ({ dim, axis }))
    .filter(({ dim }) => typeof dim !== 'number' || dim <= 0)
    .map(({ dim, axis }) => (typeof dim === 'string' ? `${axis} ("${dim}")` : `${axis}`));
  return `dynamic dimension${open.length > 1 ? 's' : ''} ${open.join(', ')}`;
}

export function costCoverage(model: Model): CostCoverage {
  const nodes = model.nodes.length;
  const costed = model.costs.filter((cost) => cost !== null).length;
  const uncosted = nodes - costed;
  const noFlopFormula = model.costs.filter((cost) => cost?.flopsUnknown).length;
  const dynamicInputs = model.inputs
    .filter((input) => isOpen(input.shape))
    .map((input) => ({ name: input.name, dims: input.shape }));
  const state = uncosted === 0 ? 'complete' : costed === 0 ? 'unknown' : 'partial';
  const inputs = dynamicInputs.map((input) => `"${input.name}" has ${dimText(input.dims)}`).join('; ');
  const fix =
    dynamicInputs.length > 0 ? `set ${dynamicInputs.length > 1 ? 'them' : 'it'} to cost the model` : '';
  let headline: string | null = null;
  if (state === 'unknown') {
    headline = inputs
      ? `FLOPs and bytes unknown because the shapes are: input ${inputs}; ${fix}.`
      : `FLOPs and bytes unknown because no node's shapes could be inferred: measure shapes by running.`;
  } else if (state === 'partial') {
    headline =
      `FLOPs and bytes count ${costed} of ${nodes} nodes: the shapes of the other ${uncosted} are unknown` +
      (inputs ? ` (input ${inputs}; ${fix})` : ' (measure shapes by running)') +
      '.';
  }
  return { nodes, costed, uncosted, noFlopFormula, dynamicInputs, state, headline };
}
