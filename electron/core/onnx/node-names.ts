/**
 * Display names for nodes: the node's own name, or `<op>_<index>` for unnamed nodes (marked as
 * generated), made unique when the model reuses a name, so that lints and costs can point at one node.
 */
import type { OnnxNode } from './graph';

export interface NodeName {
  name: string;
  generated: boolean;
}

export function nodeNames(nodes: OnnxNode[]): NodeName[] {
  const taken = new Set(nodes.map((n) => n.name).filter(Boolean));
  const used = new Set<string>();
  return nodes.map((node, index) => {
    let name = node.name || `${node.opType}_${index}`;
    const generated = !node.name;
    if (used.has(name) || (generated && taken.has(name))) {
      let suffix = 1;
      while (used.has(`${name}#${suffix}`) || taken.has(`${name}#${suffix}`)) suffix++;
      name = `${name}#${suffix}`;
    }
    used.add(name);
    return { name, generated };
  });
}
