/**
 * The engine report of one variant, TREx's report card: a summary (engine inputs and outputs, layer
 * count, weight and activation bytes where known, device, builder or session options, latency), the
 * time by layer type and by precision, every layer with its precision, formats, tactic and memory,
 * the tactics that take the time, and the lints with their fixes (TREx's engine lints, and the model's
 * lints moved onto the layers that hold their nodes).
 */
import type { Engine, EngineLayer, Model } from '../model/types';
import { precisionWord, backendWord } from './engine-labels';
import {
  executionTarget,
  layerWeightBytes,
  tensorBytes,
  tensorPrecision,
  type ComparedEngine,
} from './compared-engine';
import { precisionDistribution } from './comparison-charts';
import { layerKind } from '../model/engine-layers';
import { lintEngine, mapModelLintsToLayers } from './engine-lints';
import { layerTimes } from './engine-timing';
import { cardLatency, throughputOf } from './variant-cards';
import type {
  EngineLayerRow,
  EngineReport,
  KnownBytes,
  LayerTypeTime,
  TacticTime,
  TensorSummary,
} from '../model/views/engine-report';

function tensorSummary(tensor: EngineLayer['inputs'][number]): TensorSummary {
  return { name: tensor.name, dims: tensor.dims, dtype: tensor.dtype, format: tensor.format ?? null };
}

/** The engine's inputs and outputs: its bindings as the layers read and write them. */
function bindingsOf(engine: Engine): { inputs: TensorSummary[]; outputs: TensorSummary[] } {
  const produced = new Map<string, EngineLayer['outputs'][number]>();
  const consumed = new Map<string, EngineLayer['inputs'][number]>();
  for (const layer of engine.layers) {
    for (const tensor of layer.outputs) produced.set(tensor.name, tensor);
    for (const tensor of layer.inputs) if (!consumed.has(tensor.name)) consumed.set(tensor.name, tensor);
  }
  const inputs: TensorSummary[] = [];
  const outputs: TensorSummary[] = [];
  for (const name of engine.bindings) {
    const out = produced.get(name);
    const input = consumed.get(name);
    if (out) outputs.push(tensorSummary(out));
    else if (input) inputs.push(tensorSummary(input));
  }
  return { inputs, outputs };
}

function knownBytes(values: (number | null)[]): KnownBytes | null {
  const known = values.filter((value): value is number => value !== null);
  if (known.length === 0) return null;
  return { bytes: known.reduce((a, b) => a + b, 0), layersKnown: known.length, layers: values.length };
}

function outputBytes(layer: EngineLayer): number | null {
  let total = 0;
  for (const tensor of layer.outputs) {
    const bytes = tensorBytes(tensor);
    if (bytes === null) return null;
    total += bytes;
  }
  return layer.outputs.length > 0 ? total : null;
}

function optionsOf(engine: Engine): [string, string][] {
  return Object.entries(engine.buildOptions).map(([key, value]) => [key, String(value)]);
}

/** The report card of one engine (with its profile, and the session's model for its lints). */
export function engineReport(item: ComparedEngine, options: { model?: Model } = {}): EngineReport {
  const { engine, profile } = item;
  const times = layerTimes(item);
  const timed = (profile?.layers.length ?? 0) > 0;
  const layerSumMs = timed ? profile!.layers.reduce((sum, row) => sum + row.stats.meanMs, 0) : null;
  const share = (ms: number | null) => (ms !== null && layerSumMs ? ms / layerSumMs : null);
  const layers: EngineLayerRow[] = engine.layers.map((layer, index) => {
    const timeMs = timed ? (times.get(index) ?? null) : null;
    return {
      index,
      name: layer.name,
      type: layerKind(layer),
      precision: layer.precision,
      inputPrecision: tensorPrecision(layer.inputs[0]),
      outputPrecision: tensorPrecision(layer.outputs[0]),
      inputFormat: layer.inputs[0]?.format ?? null,
      outputFormat: layer.outputs[0]?.format ?? null,
      tactic: layer.tacticName ?? null,
      tensorCores: layer.tensorCores,
      timeMs,
      share: share(timeMs),
      weightBytes: layerWeightBytes(layer),
      outputBytes: outputBytes(layer),
      originNodes: layer.originNodes,
      reformat: layer.reformat,
    };
  });
  const byType = new Map<string, LayerTypeTime>();
  const tactics = new Map<string, TacticTime>();
  for (const row of layers) {
    const type = byType.get(row.type) ?? { type: row.type, layers: 0, timeMs: timed ? 0 : null, share: null };
    type.layers += 1;
    if (type.timeMs !== null) type.timeMs += row.timeMs ?? 0;
    byType.set(row.type, type);
    if (!row.tactic) continue;
    const tactic = tactics.get(row.tactic) ?? {
      tactic: row.tactic,
      layers: 0,
      timeMs: timed ? 0 : null,
      share: null,
    };
    tactic.layers += 1;
    if (tactic.timeMs !== null) tactic.timeMs += row.timeMs ?? 0;
    tactics.set(row.tactic, tactic);
  }
  const byTime = <T extends { timeMs: number | null; layers: number }>(a: T, b: T) =>
    (b.timeMs ?? 0) - (a.timeMs ?? 0) || b.layers - a.layers;
  const modelLints = options.model ? mapModelLintsToLayers(options.model.lints, engine) : null;
  return {
    label: item.label,
    summary: {
      backend: backendWord(engine.backend),
      backendVersion: engine.backendVersion ?? null,
      precision: precisionWord(engine.precision) || 'unknown precision',
      device: engine.device?.name ?? profile?.machine?.device?.name ?? profile?.machine?.cpu ?? null,
      target: executionTarget(item),
      detail: engine.detail,
      layers: engine.layers.length,
      foldedLayers: engine.foldedLayers?.length ?? 0,
      ...bindingsOf(engine),
      weights: knownBytes(engine.layers.map(layerWeightBytes)),
      activations: knownBytes(layers.map((row) => row.outputBytes)),
      options: optionsOf(engine),
      buildTimeMs: engine.buildTimeMs ?? null,
      sizeBytes: engine.sizeBytes ?? null,
      latency: cardLatency(item),
      throughput: throughputOf(item),
      layerSumMs,
    },
    byType: [...byType.values()].map((t) => ({ ...t, share: share(t.timeMs) })).sort(byTime),
    byPrecision: precisionDistribution([item])[0]!,
    layers,
    tactics: [...tactics.values()].map((t) => ({ ...t, share: share(t.timeMs) })).sort(byTime),
    lints: [...lintEngine(engine), ...(modelLints?.mapped ?? [])],
    unmappedModelLints: modelLints?.unmapped ?? [],
  };
}
