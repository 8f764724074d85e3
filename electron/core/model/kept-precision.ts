/**
 * The nodes an INT8 or FP16 variant kept in higher precision, grouped by why: a detector's variant
 * keeps dozens (the stem, the output head, a decode's arithmetic), and one line per node repeats the
 * same sentence dozens of times. Largest group first, nodes in graph order.
 */
import type { Variant } from './types';

export interface KeptGroup {
  reason: string;
  nodes: string[];
}

export function keptByReason(variant: Pick<Variant, 'keptHigherPrecision'>): KeptGroup[] {
  const groups = new Map<string, string[]>();
  for (const kept of variant.keptHigherPrecision) {
    const nodes = groups.get(kept.reason) ?? [];
    nodes.push(kept.node || '(unnamed node)');
    groups.set(kept.reason, nodes);
  }
  return [...groups]
    .map(([reason, nodes]) => ({ reason, nodes }))
    .sort((a, b) => b.nodes.length - a.nodes.length);
}
