/**
 * An engine with its profile, and the per-layer times the comparison reads: the mean per inference of
 * each profile row tied to a layer, rows of the chosen optimization profile only.
 */
import type { Engine, Profile } from '../model/types';
import { optimizationProfileOf } from '../model/engine-layers';

export interface ProfiledEngine {
  engine: Engine;
  profile?: Profile;
  label: string;
}

/** Profile rows of one optimization profile. */
export function rowsOfProfile(profile: Profile | undefined, profileIndex: number): Profile['layers'] {
  return (profile?.layers ?? []).filter((row) => optimizationProfileOf(row.name).index === profileIndex);
}

/** Mean time per inference of each timed layer, by index into `engine.layers`. */
export function layerTimes(item: ProfiledEngine, profileIndex = 0): Map<number, number> {
  const times = new Map<number, number>();
  for (const row of rowsOfProfile(item.profile, profileIndex)) {
    if (row.layerIndex === undefined) continue;
    times.set(row.layerIndex, (times.get(row.layerIndex) ?? 0) + row.stats.meanMs);
  }
  return times;
}

/** Sum of the mean times of all rows of one optimization profile (attributed to a layer or not). */
export function totalLayerTime(item: ProfiledEngine, profileIndex = 0): number {
  return rowsOfProfile(item.profile, profileIndex).reduce((sum, row) => sum + row.stats.meanMs, 0);
}
