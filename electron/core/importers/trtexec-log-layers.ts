/**
 * The engine's layers as a trtexec console log prints them, turned into the records `--exportLayerInfo`
 * writes (so one parser, trtexec-layer-info.ts, makes the Engine from either):
 *
 * - `--dumpLayerInfo` prints "Layers:" then one line per layer: with `--profilingVerbosity=detailed`
 *   `Name: conv + relu, LayerType: CaskConvolution, Inputs: [ { Name: x, Location: Device, Dimensions:
 *   [1,1,28,28], Format/Datatype: Float }], ..., TacticName: ..., TacticValue: 0x..., Metadata: ...`,
 *   without it just the names; then "Bindings:" and one name per line.
 * - a `--verbose` build prints "Engine Layer Information:" then `Layer(CaskConvolution): conv + relu,
 *   Tactic: 0x..., x (Float[-1,1,28,28]) -> relu (Half[-1,32:8,28,28])` (TensorRT 8.6 and later; 8.2-8.5
 *   wrote `x[Float(1,1,28,28)]`). `32:8` is a dimension of 32 vectorized by 8.
 * - a verbose or info build lists "[DlaLayer] name" for the layers it gave the DLA.
 *
 * These lines carry no "[I]" prefix: the layer information is one multi-line message.
 */

/** A layer as `--exportLayerInfo` would write it (detailed), or its name (names-only). */
export type LayerRecord = Record<string, unknown>;

export interface LogLayerInformation {
  /** Where the layers came from: `--dumpLayerInfo`'s list or the verbose build's one-line form. */
  source: 'dump-layer-info' | 'engine-layer-information';
  detail: 'detailed' | 'names-only';
  layers: LayerRecord[] | string[];
  bindings: string[];
}

export interface LogLayers {
  /** The most detailed layer information the log holds. */
  information?: LogLayerInformation;
  /** Layers the build placed on the DLA ("[DlaLayer] name"). */
  dlaLayers: string[];
}

/** A prefixed log line: "[11/18/2023-17:34:03] [I] ..." or "[I] [TRT] ...". */
const PREFIXED = /^\s*(?:\[\d+\/\d+\/\d+-\d+:\d+:\d+\]\s*)?\[[IWEVF]\]/;

// ------------------------------------------------------------------ "Key: value, Key: value" lines

/** Splits at ", " before a `Key: ` at bracket depth 0 (values hold lists, objects and names with commas). */
function splitFields(text: string): [string, string][] {
  const fields: [string, string][] = [];
  let depth = 0;
  let start = 0;
  const push = (end: number) => {
    const part = text.slice(start, end);
    const colon = part.indexOf(': ');
    const bare = part.trim();
    if (colon > 0) fields.push([part.slice(0, colon).trim(), part.slice(colon + 2).trim()]);
    else if (bare.endsWith(':')) fields.push([bare.slice(0, -1), '']);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{' || c === '(') depth++;
    else if (c === ']' || c === '}' || c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && c === ',' && /^, [A-Za-z][\w/]*:(?: |$)/.test(text.slice(i, i + 40))) {
      push(i);
      start = i + 2;
    }
  }
  push(text.length);
  return fields;
}

/** `[ { Name: x, ... }, { ... }]` -> the objects inside, each parsed as fields. */
function parseTensorList(value: string): LayerRecord[] {
  const inner = value.trim().replace(/^\[/, '').replace(/\]$/, '');
  const items: LayerRecord[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '{' || c === '[' || c === '(') {
      if (depth === 0 && c === '{') start = i + 1;
      depth++;
    } else if (c === '}' || c === ']' || c === ')') {
      depth = Math.max(0, depth - 1);
      if (depth === 0 && c === '}' && start >= 0) items.push(recordOf(inner.slice(start, i).trim()));
    }
  }
  return items;
}

function valueOf(key: string, value: string): unknown {
  if (key === 'Inputs' || key === 'Outputs') return parseTensorList(value);
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if ((value.startsWith('[') && key !== 'Metadata') || value.startsWith('{"')) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

function recordOf(text: string): LayerRecord {
  const record: LayerRecord = {};
  for (const [key, value] of splitFields(text)) record[key] = valueOf(key, value);
  return record;
}

// ------------------------------------------------------------------ "Layer(Type): name, Tactic: ..." lines

/** "Half", "-1,32:8,14,14" -> a tensor record with dims and a format naming the vectorized axis. */
function tensorRecord(name: string, type: string, dimsText: string): LayerRecord {
  let vector: { axis: number; width: number } | undefined;
  const dims = dimsText
    .split(',')
    .filter((d) => d.trim() !== '')
    .map((d, axis) => {
      const [size, width] = d.split(':');
      if (width !== undefined) vector = { axis, width: Number(width) };
      return Number(size);
    });
  const format = vector ? `${type}, dim ${vector.axis} vectorized by ${vector.width}` : type;
  return { Name: name.trim(), Dimensions: dims, 'Format/Datatype': format };
}

const TENSOR_FORMS = [
  /(.*?) \((\w+)\[([-\d,: ]*)\]\)(?:, |$)/y, // TensorRT >= 8.6: name (Half[-1,32:8,14,14])
  /(.*?)\[(\w+)\(([-\d,: ]*)\)\](?:, |$)/y, // TensorRT 8.2-8.5: name[Half(1,32,14,14)]
];

function parseTensors(text: string): LayerRecord[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  for (const form of TENSOR_FORMS) {
    const tensors: LayerRecord[] = [];
    form.lastIndex = 0;
    let match: RegExpExecArray | null;
    while (form.lastIndex < trimmed.length && (match = form.exec(trimmed)) !== null)
      tensors.push(tensorRecord(match[1]!, match[2]!, match[3]!));
    if (tensors.length > 0 && form.lastIndex >= trimmed.length) return tensors;
  }
  return [];
}

const ONE_LINE_LAYER = /^Layer\(([^)]*)\): (.*?), Tactic: (-?(?:0x)?[0-9a-fA-F]+),\s*(.*)$/;

function oneLineLayer(line: string): LayerRecord | undefined {
  const match = ONE_LINE_LAYER.exec(line.trim());
  if (!match) return undefined;
  const [, type, name, tactic, rest] = match as unknown as [string, string, string, string, string];
  const arrow = rest.indexOf(' -> ');
  const inputs = arrow >= 0 ? rest.slice(0, arrow) : rest;
  const outputs = arrow >= 0 ? rest.slice(arrow + 4) : '';
  return {
    Name: name,
    LayerType: type,
    Inputs: parseTensors(inputs),
    Outputs: parseTensors(outputs),
    TacticValue: tactic,
  };
}

// ------------------------------------------------------------------ blocks

/** The "Layers:" block of --dumpLayerInfo (and "Bindings:" after it), from the line after "Layers:". */
function dumpedLayers(lines: string[], from: number): LogLayerInformation {
  const names: string[] = [];
  const records: LayerRecord[] = [];
  let i = from;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || PREFIXED.test(line) || /^Bindings:\s*$/.test(line)) break;
    if (line.startsWith('Name: ')) records.push(recordOf(line));
    else names.push(line.trim());
  }
  while (i < lines.length && lines[i]!.trim() === '') i++;
  const bindings: string[] = [];
  if (/^Bindings:\s*$/.test(lines[i] ?? '')) {
    for (i++; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.trim() === '' || PREFIXED.test(line)) break;
      bindings.push(line.trim());
    }
  }
  const detailed = records.length > 0;
  return {
    source: 'dump-layer-info',
    detail: detailed ? 'detailed' : 'names-only',
    layers: detailed ? records : names,
    bindings,
  };
}

function engineLayerInformation(lines: string[], from: number): LogLayerInformation {
  const records: LayerRecord[] = [];
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const record = oneLineLayer(line);
    if (!record) break;
    records.push(record);
  }
  return { source: 'engine-layer-information', detail: 'detailed', layers: records, bindings: [] };
}

const RANK = (info: LogLayerInformation) =>
  info.layers.length === 0
    ? 0
    : info.source === 'dump-layer-info' && info.detail === 'detailed'
      ? 3
      : info.source === 'engine-layer-information'
        ? 2
        : 1;

/** The layer information a console log holds (the most detailed block; the last of equals). */
export function layersOfLog(lines: string[]): LogLayers {
  let best: LogLayerInformation | undefined;
  const dlaLayers: string[] = [];
  lines.forEach((line, index) => {
    let found: LogLayerInformation | undefined;
    if (/\] Layers:\s*$/.test(line) && PREFIXED.test(line)) found = dumpedLayers(lines, index + 1);
    else if (/Engine Layer Information:\s*$/.test(line)) found = engineLayerInformation(lines, index + 1);
    const dla = /\[DlaLayer\] (.+?)\s*$/.exec(line);
    if (dla) dlaLayers.push(dla[1]!);
    if (found && (!best || RANK(found) >= RANK(best))) best = found;
  });
  return { information: best && best.layers.length > 0 ? best : undefined, dlaLayers };
}
