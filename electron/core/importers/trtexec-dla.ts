/**
 * Which layers of a TensorRT engine are DLA work. TensorRT runs a DLA-placed subgraph as one layer,
 * named by its members in braces (`{conv1/7x7_s2,conv1/relu_7x7,...}`; Myelin's GPU subgraphs are
 * `{ForeignNode[...]}` instead), or typed as a DLA layer in detailed layer information, or listed as
 * "[DlaLayer] name" in the build log. Around it sit the layers that move data to and from the DLA:
 * "<subgraph> input/output reformatter N", "<subgraph> output to be reformatted N finish", "Reformatting
 * CopyNode for Input/Output Tensor N to <subgraph>", "data to nvm" and "data copy finish". The GPU's
 * stream waits for the DLA inside the output reformatter, so a profile shows most of the DLA's time
 * there: these are DLA work, not reformats.
 */
import type { EngineLayer } from '../model/types';

/** `{a,b,c}`: a DLA subgraph by its members (not Myelin's `{ForeignNode[...]}`). */
export function isDlaSubgraphName(name: string): boolean {
  return /^\{(?!ForeignNode\[)[^{}]+\}$/.test(name);
}

function isDlaType(layer: Pick<EngineLayer, 'type' | 'parameterType'>): boolean {
  return /(^|[^a-z])dla([^a-z]|$)/i.test(`${layer.type} ${layer.parameterType ?? ''}`);
}

/** The subgraph a DLA transfer layer serves, or undefined when the name is not one. */
function transferTarget(name: string, subgraphs: Set<string>): boolean {
  const copy = /^Reformatting CopyNode for (?:Input|Output) Tensor \d+ to (.+)$/.exec(name);
  if (copy && subgraphs.has(copy[1]!)) return true;
  const around = / (?:input|output) reformatter \d+$| output to be reformatted \d+ finish$/.exec(name);
  return around !== null && subgraphs.has(name.slice(0, around.index));
}

const DLA_COPIES = new Set(['data to nvm', 'data copy finish']);

/**
 * Marks the DLA layers (`dla: true`, not `reformat`; names-only layers get the type "DLA") and returns
 * how many there are. `placedOnDla` names layers the build log listed as "[DlaLayer]".
 */
export function markDlaLayers(layers: EngineLayer[], placedOnDla: Iterable<string> = []): number {
  const placed = new Set(placedOnDla);
  const subgraphs = new Set(
    layers
      .filter((layer) => placed.has(layer.name) || isDlaType(layer) || isDlaSubgraphName(layer.name))
      .map((layer) => layer.name),
  );
  if (subgraphs.size === 0) return 0;
  let count = 0;
  for (const layer of layers) {
    if (!subgraphs.has(layer.name) && !transferTarget(layer.name, subgraphs) && !DLA_COPIES.has(layer.name))
      continue;
    layer.dla = true;
    layer.reformat = false;
    if (layer.type === 'unknown') layer.type = 'DLA';
    count++;
  }
  return count;
}
