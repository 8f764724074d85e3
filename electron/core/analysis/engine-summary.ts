/** The headline facts of one imported engine and its profile, for `import` and the UI's summary card. */
import type { Engine, Profile, Precision } from '../model/types';
import { layerKind } from '../model/engine-layers';
import { layerTimes } from './engine-timing';

export interface EngineSummary {
  label: string;
  engineId: string;
  detail: Engine['detail'];
  device?: string;
  tensorrtVersion?: string;
  layers: number;
  foldedLayers: number;
  precisionMix: Partial<Record<Precision, number>>;
  /** null when no layer's tactic tells (names only, or tactic values without names). */
  tensorCoreLayers: number | null;
  reformatLayers: number;
  reformatMs: number | null;
  /** DLA work (importers/trtexec-dla.ts): the DLA subgraphs and the copies around them, and their time. */
  dlaLayers: number;
  dlaMs: number | null;
  topLayers: { name: string; type: string; precision: Precision; meanMs: number; percentage: number }[];
  layerSumMs: number | null;
  gpuComputeMeanMs: number | null;
  gpuComputeMedianMs: number | null;
  latencyMeanMs: number | null;
  throughputQps: number | null;
  batchSize: number | null;
  warnings: string[];
}

export function summarizeEngine(
  label: string,
  engine: Engine,
  profile: Profile | undefined,
  top = 5,
): EngineSummary {
  const precisionMix: Partial<Record<Precision, number>> = {};
  for (const layer of engine.layers) precisionMix[layer.precision] = (precisionMix[layer.precision] ?? 0) + 1;
  const times = layerTimes({ engine, profile, label });
  const reformats = engine.layers.flatMap((layer, index) => (layer.reformat ? [index] : []));
  const dla = engine.layers.flatMap((layer, index) => (layer.dla ? [index] : []));
  const rows = profile?.layers ?? [];
  const timeOf = (indices: number[]) =>
    rows.length > 0 ? indices.reduce((sum, index) => sum + (times.get(index) ?? 0), 0) : null;
  const topLayers = [...rows]
    .sort((a, b) => b.stats.meanMs - a.stats.meanMs)
    .slice(0, top)
    .map((row) => {
      const layer = row.layerIndex === undefined ? undefined : engine.layers[row.layerIndex];
      return {
        name: row.name,
        type: layer ? layerKind(layer) : 'unattributed',
        precision: layer?.precision ?? 'unknown',
        meanMs: row.stats.meanMs,
        percentage: row.percentage,
      };
    });
  return {
    label,
    engineId: engine.id,
    detail: engine.detail,
    device: engine.device?.name,
    tensorrtVersion: engine.backendVersion,
    layers: engine.layers.length,
    foldedLayers: engine.foldedLayers?.length ?? 0,
    precisionMix,
    tensorCoreLayers: engine.layers.some((layer) => layer.tensorCores !== null)
      ? engine.layers.filter((layer) => layer.tensorCores === true).length
      : null,
    reformatLayers: reformats.length,
    reformatMs: timeOf(reformats),
    dlaLayers: dla.length,
    dlaMs: timeOf(dla),
    topLayers,
    layerSumMs: rows.length > 0 ? rows.reduce((sum, row) => sum + row.stats.meanMs, 0) : null,
    gpuComputeMeanMs: profile?.compute?.meanMs ?? null,
    gpuComputeMedianMs: profile?.compute?.medianMs ?? null,
    latencyMeanMs: profile?.latency?.meanMs ?? null,
    throughputQps: profile?.throughputQps ?? null,
    batchSize: profile?.batchSize ?? null,
    warnings: [...new Set([...engine.warnings, ...(profile?.warnings ?? [])])],
  };
}
