/** One stable colour per name (layer types, stages): the same name gets the same colour in every chart. */

const NAMED_COLORS = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
  '#1f77b4', '#aec7e8', '#ffbb78', '#2ca02c', '#98df8a', '#d62728', '#9467bd', '#c5b0d5', '#8c564b', '#17becf',
]; // prettier-ignore

/** The same name always gets the same colour, in every chart and every report. */
export function colorOfName(name: string): string {
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) >>> 0;
  return NAMED_COLORS[hash % NAMED_COLORS.length]!;
}

/**
 * Colours for the names one chart shows together: each name's own colour, unless an earlier name in
 * the list already took it (two hashes can meet), then the next free one, so no two stacks look alike.
 */
export function distinctColorsOf(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let color = colorOfName(name);
    for (let step = 1; taken.has(color) && step < NAMED_COLORS.length; step++)
      color = NAMED_COLORS[(NAMED_COLORS.indexOf(colorOfName(name)) + step) % NAMED_COLORS.length]!;
    taken.add(color);
    return color;
  });
}
