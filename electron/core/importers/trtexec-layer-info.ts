/**
 * trtexec `--exportLayerInfo` (and IEngineInspector's JSON, which is the same): `{"Layers": [...],
 * "Bindings": [...]}`. Detailed layers are objects (Name, LayerType, Inputs/Outputs with Format/Datatype,
 * TacticName, Metadata...); without `--profilingVerbosity=detailed` they are plain names.
 */
import path from 'node:path';
import { StudioError } from '../errors';
import type { Engine, LayerTensor } from '../model/types';
import { analyzeLayers, enginePrecision, namesOnlyLayer, type ParsedLayer } from '../model/engine-layers';
import { markDlaLayers } from './trtexec-dla';
import { dtypeOfFormat } from './trtexec-formats';
import { describeValue, isRecord, parseJsonText, readTextFile } from './json-input';
import type { ImportInput, Importer, ImportResult } from './importer';

/** Fields read into named EngineLayer fields; every other field is kept in `details`. */
const CONSUMED_FIELDS = new Set([
  'Name',
  'LayerType',
  'ParameterType',
  'Origin',
  'Inputs',
  'Outputs',
  'TacticName',
  'TacticValue',
  'Metadata',
  'StreamId',
]);

const MAX_DIM = 2 ** 40;

function parseDims(value: unknown, warn: (message: string) => void, where: string): number[] | null {
  if (typeof value === 'string') return null; // "N/A due to dynamic shapes"
  if (!Array.isArray(value)) {
    if (value !== undefined)
      warn(`${where}: Dimensions is ${describeValue(value)}, not a list; shape unknown`);
    return null;
  }
  const ok = value.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= -1 && d <= MAX_DIM);
  if (!ok) {
    warn(`${where}: Dimensions ${JSON.stringify(value).slice(0, 60)} are not all integers; shape unknown`);
    return null;
  }
  return value as number[];
}

function parseTensors(value: unknown, warn: (message: string) => void, where: string): LayerTensor[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    warn(`${where} is ${describeValue(value)}, not a list; ignored`);
    return [];
  }
  const tensors: LayerTensor[] = [];
  value.forEach((raw, index) => {
    const at = `${where}[${index}]`;
    if (!isRecord(raw)) {
      warn(`${at} is ${describeValue(raw)}, not an object; ignored`);
      return;
    }
    const format = typeof raw['Format/Datatype'] === 'string' ? raw['Format/Datatype'] : undefined;
    tensors.push({
      name: typeof raw['Name'] === 'string' ? raw['Name'] : `${at}`,
      dims: parseDims(raw['Dimensions'], warn, at),
      format,
      dtype: format ? dtypeOfFormat(format) : 'unknown',
      location: typeof raw['Location'] === 'string' ? raw['Location'] : undefined,
    });
  });
  return tensors;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function parseLayer(
  raw: Record<string, unknown>,
  index: number,
  file: string,
  warn: (m: string) => void,
): ParsedLayer {
  const name = raw['Name'];
  if (typeof name !== 'string') {
    throw new StudioError(file, `Layers[${index}]: "Name" is ${describeValue(name)}, expected a string`);
  }
  let layerType = optionalString(raw['LayerType']);
  if (layerType === undefined) {
    warn(`layer "${name}" has no LayerType; shown as unknown`);
    layerType = 'unknown';
  }
  const streamId = raw['StreamId'];
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (!CONSUMED_FIELDS.has(key)) details[key] = value;
  return {
    name,
    layerType,
    parameterType: optionalString(raw['ParameterType']),
    origin: optionalString(raw['Origin']),
    inputs: parseTensors(raw['Inputs'], warn, `layer "${name}" Inputs`),
    outputs: parseTensors(raw['Outputs'], warn, `layer "${name}" Outputs`),
    tacticName: optionalString(raw['TacticName']),
    tacticValue: optionalString(raw['TacticValue']),
    metadata: optionalString(raw['Metadata']),
    streamId:
      typeof streamId === 'number' && Number.isInteger(streamId) && streamId >= 0 ? streamId : undefined,
    details,
  };
}

/** The `Layers` list and `Bindings` of a layer-information document, or a StudioError. */
function layersAndBindings(document: unknown, file: string): { layers: unknown[]; bindings: string[] } {
  if (!isRecord(document) || !Array.isArray(document['Layers'])) {
    throw new StudioError(
      file,
      'not a TensorRT layer-information JSON: expected an object with a "Layers" list',
    );
  }
  const rawBindings = document['Bindings'];
  const bindings = Array.isArray(rawBindings)
    ? rawBindings.filter((b): b is string => typeof b === 'string')
    : [];
  return { layers: document['Layers'], bindings };
}

function engineIdOf(fileLabel: string): string {
  return `trtexec:${path.basename(fileLabel).replace(/\.(graph|layer_info|layers?)?\.?json$/i, '')}`;
}

/**
 * Parses `--exportLayerInfo` / IEngineInspector JSON text into an Engine. `fileLabel` names the source
 * in errors and warnings (a path, or e.g. "live engine" for the TensorRT backend).
 */
export function parseLayerInfoJson(text: string, fileLabel: string): Engine {
  const { layers: rawLayers, bindings } = layersAndBindings(parseJsonText(text, fileLabel), fileLabel);
  return engineFromLayerRecords(rawLayers, bindings, fileLabel);
}

/**
 * An Engine from layer records as `--exportLayerInfo` writes them (objects, or names only), wherever they
 * were read: the JSON, or a console log (trtexec-log-layers.ts).
 */
export function engineFromLayerRecords(
  rawLayers: unknown[],
  bindings: string[],
  fileLabel: string,
  placedOnDla: string[] = [],
): Engine {
  if (rawLayers.length === 0) throw new StudioError(fileLabel, 'the "Layers" list is empty');
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(`${fileLabel}: ${message}`);
  const engine: Engine = {
    id: engineIdOf(fileLabel),
    backend: 'trtexec',
    precision: 'unknown',
    buildOptions: {},
    bindings,
    layers: [],
    detail: 'detailed',
    files: [fileLabel],
    warnings,
  };
  if (rawLayers.every((layer) => typeof layer === 'string')) {
    engine.detail = 'names-only';
    engine.layers = (rawLayers as string[]).map(namesOnlyLayer);
    markDlaLayers(engine.layers, placedOnDla);
    warn(
      'layer names only (built without --profilingVerbosity=detailed): precision, tactics and shapes unknown',
    );
    return engine;
  }
  const parsed = rawLayers.map((raw, index) => {
    if (!isRecord(raw)) {
      throw new StudioError(fileLabel, `Layers[${index}] is ${describeValue(raw)}; expected a layer object`);
    }
    return parseLayer(raw, index, fileLabel, warn);
  });
  const analyzed = analyzeLayers(parsed, bindings);
  for (const message of analyzed.warnings) warn(message);
  engine.layers = analyzed.layers;
  markDlaLayers(engine.layers, placedOnDla);
  engine.foldedLayers = analyzed.folded;
  engine.precision = enginePrecision(analyzed.layers);
  return engine;
}

/** Cheap sniff: the first bytes of an `--exportLayerInfo` file. */
export function looksLikeLayerInfo(head: string): boolean {
  return /^\s*\{\s*"Layers"\s*:/.test(head);
}

export const trtexecLayerInfoImporter: Importer = {
  format: 'trtexec-layer-info',
  description: 'trtexec layer information (--exportLayerInfo)',
  detect(input: ImportInput): number {
    const head = new TextDecoder().decode(input.head.subarray(0, 4096));
    return looksLikeLayerInfo(head) ? 0.95 : 0;
  },
  async parse(file: string): Promise<ImportResult> {
    const engine = parseLayerInfoJson(readTextFile(file), file);
    return { engines: [engine], profiles: [], traces: [], warnings: [...engine.warnings] };
  },
};
