/**
 * Ties a profile's rows to an engine's layers (sets LayerTiming.layerIndex), as TREx did: by position
 * when the profile has one row per layer of the source list, by name otherwise. A profile whose names
 * do not match the layer information is reported, never silently aligned.
 */
import type { Engine, Profile } from '../model/types';

/** The engine's source layer order: kept layers with the folded ones put back at their positions. */
function sourceOrder(engine: Engine): { name: string; layerIndex?: number }[] {
  const order: { name: string; layerIndex?: number }[] = engine.layers.map((layer, layerIndex) => ({
    name: layer.name,
    layerIndex,
  }));
  const folded = [...(engine.foldedLayers ?? [])].sort((a, b) => a.index - b.index);
  for (const layer of folded) order.splice(Math.min(layer.index, order.length), 0, { name: layer.name });
  return order;
}

function matchByPosition(profile: Profile, engine: Engine, label: string): string[] {
  const order = sourceOrder(engine);
  const differing: string[] = [];
  profile.layers.forEach((row, i) => {
    row.layerIndex = order[i]!.layerIndex;
    if (row.name !== order[i]!.name) differing.push(`profile "${row.name}" vs layer "${order[i]!.name}"`);
  });
  if (differing.length === 0) return [];
  return [
    `${label}: ${differing.length} of ${profile.layers.length} profile rows name another layer than the one at ` +
      `their position (first: ${differing[0]}); matched by position as TREx does: check the profile belongs to this engine`,
  ];
}

function matchByName(profile: Profile, engine: Engine, label: string): string[] {
  const indexByName = new Map(engine.layers.map((layer, index) => [layer.name, index]));
  const foldedNames = new Set((engine.foldedLayers ?? []).map((layer) => layer.name));
  const seen = new Map<string, number>();
  const unknown: string[] = [];
  for (const row of profile.layers) {
    // A repeated name in the profile is the layer TREx renamed `name_2`, `name_3`...
    const occurrence = (seen.get(row.name) ?? 0) + 1;
    seen.set(row.name, occurrence);
    const name = occurrence > 1 ? `${row.name}_${occurrence}` : row.name;
    row.layerIndex = indexByName.get(name);
    if (row.layerIndex === undefined && !foldedNames.has(name)) unknown.push(row.name);
  }
  if (unknown.length === 0) return [];
  const matched = profile.layers.filter((row) => row.layerIndex !== undefined).length;
  if (matched === 0) {
    return [
      `${label}: none of the ${profile.layers.length} profile rows names a layer of the layer information ` +
        `(first: "${unknown[0]}"): the profile is probably from another engine`,
    ];
  }
  return [
    `${label}: ${unknown.length} profile row(s) name no layer of the layer information (first: "${unknown[0]}"); ` +
      'their time is counted but not attributed to a layer',
  ];
}

/** Sets layerIndex on each profile row; returns warnings that name `label`. */
export function matchProfileToEngine(profile: Profile, engine: Engine, label: string): string[] {
  if (engine.layers.length === 0) return [];
  const sourceCount = engine.layers.length + (engine.foldedLayers?.length ?? 0);
  const warnings =
    profile.layers.length === sourceCount && engine.detail === 'detailed'
      ? matchByPosition(profile, engine, label)
      : matchByName(profile, engine, label);
  const timed = new Set(profile.layers.map((row) => row.layerIndex));
  const untimed = engine.layers.filter((layer, index) => layer.profileIndex === 0 && !timed.has(index));
  if (untimed.length > 0 && timed.size > 1) {
    warnings.push(`${label}: ${untimed.length} layer(s) have no profile row (first: "${untimed[0]!.name}")`);
  }
  return warnings;
}
