/**
 * trtexec `--exportProfile`: `[{"count": N}, {"name", "timeMs", "averageMs", "medianMs", "percentage"}, ...]`.
 * `timeMs` is the total over N iterations. Older releases omit `medianMs` (4 keys). Layers of other
 * optimization profiles carry a ` [profile N]` suffix and are kept, in order, with the others.
 */
import path from 'node:path';
import { StudioError } from '../errors';
import type { LayerTiming, Profile } from '../model/types';
import { statsFromAggregates } from '../model/statistics';
import { describeValue, isRecord, parseJsonText, readTextFile, requireNonNegative } from './json-input';
import type { ImportInput, Importer, ImportResult } from './importer';

const MAX_ITERATIONS = 1e12;

interface ProfileRow {
  name: string;
  timeMs: number;
  averageMs: number;
  medianMs?: number;
  percentage: number;
}

function parseRow(raw: Record<string, unknown>, index: number, file: string): ProfileRow {
  const where = `record ${index}`;
  const name = raw['name'];
  if (typeof name !== 'string') {
    throw new StudioError(file, `${where}: "name" is ${describeValue(name)}, expected a layer name`);
  }
  const at = `${where} ("${name}")`;
  return {
    name,
    timeMs: requireNonNegative(raw['timeMs'], file, `${at} timeMs`),
    averageMs: requireNonNegative(raw['averageMs'], file, `${at} averageMs`),
    medianMs:
      raw['medianMs'] === undefined ? undefined : requireNonNegative(raw['medianMs'], file, `${at} medianMs`),
    percentage: requireNonNegative(raw['percentage'], file, `${at} percentage`, 100.5),
  };
}

function checkRows(rows: ProfileRow[], iterations: number, warn: (m: string) => void): void {
  if (rows.length > 0 && rows.every((row) => row.medianMs === undefined)) {
    warn('no medianMs (older trtexec): medians shown are the means');
  }
  const percentSum = rows.reduce((sum, row) => sum + row.percentage, 0);
  if (rows.length > 0 && Math.abs(percentSum - 100) > 1) {
    warn(`layer percentages add up to ${percentSum.toFixed(2)}, not 100: the profile may be partial`);
  }
  if (iterations <= 0) return;
  const inconsistent = rows.filter((row) => {
    const expected = row.timeMs / iterations;
    return Math.abs(expected - row.averageMs) > Math.max(1e-6, 0.01 * Math.max(expected, row.averageMs));
  });
  if (inconsistent.length > 0) {
    warn(
      `${inconsistent.length} layer(s) whose averageMs is not timeMs / count (first: "${inconsistent[0]!.name}")`,
    );
  }
}

/**
 * Parses `--exportProfile` JSON text (IProfiler output of the live backend uses the same shape) into a
 * Profile whose `engineId` is empty until it is grouped with its engine.
 */
export function parseProfileJson(text: string, fileLabel: string): Profile {
  const document = parseJsonText(text, fileLabel);
  if (!Array.isArray(document)) {
    throw new StudioError(
      fileLabel,
      'not a trtexec profile: expected a JSON list starting with {"count": N}',
    );
  }
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(`${fileLabel}: ${message}`);
  let iterations: number | undefined;
  const rows: ProfileRow[] = [];
  document.forEach((raw, index) => {
    if (!isRecord(raw)) {
      throw new StudioError(fileLabel, `record ${index} is ${describeValue(raw)}; expected an object`);
    }
    if ('count' in raw && !('name' in raw)) {
      const count = requireNonNegative(raw['count'], fileLabel, `record ${index} count`, MAX_ITERATIONS);
      if (!Number.isInteger(count))
        throw new StudioError(fileLabel, `record ${index}: count ${count} is not a whole number`);
      if (iterations !== undefined && count !== iterations)
        warn(`several "count" records (${iterations}, ${count}); using the first`);
      iterations ??= count;
      return;
    }
    rows.push(parseRow(raw, index, fileLabel));
  });
  if (rows.length === 0) throw new StudioError(fileLabel, 'the profile has no layer records');
  if (iterations === undefined) {
    const sample = rows.find((row) => row.averageMs > 0);
    iterations = sample ? Math.round(sample.timeMs / sample.averageMs) : 0;
    warn(`no {"count"} record; iterations estimated as ${iterations} from timeMs / averageMs`);
  }
  checkRows(rows, iterations, warn);
  const count = iterations;
  const layers: LayerTiming[] = rows.map((row) => ({
    name: row.name,
    stats: statsFromAggregates({ count, totalMs: row.timeMs, meanMs: row.averageMs, medianMs: row.medianMs }),
    percentage: row.percentage,
  }));
  return {
    id: `trtexec-profile:${path.basename(fileLabel).replace(/\.json$/i, '')}`,
    engineId: '',
    backend: 'trtexec',
    batchSize: 1,
    iterations: count,
    warmupIterations: 0,
    layers,
    stages: [],
    layerSumMs: rows.reduce((sum, row) => sum + row.averageMs, 0),
    warnings,
  };
}

/** Cheap sniff: a list whose first record is `{"count": N}`. */
export function looksLikeProfile(head: string): boolean {
  return /^\s*\[\s*\{\s*"count"\s*:/.test(head);
}

export const trtexecProfileImporter: Importer = {
  format: 'trtexec-profile',
  description: 'a trtexec per-layer profile (--exportProfile)',
  detect(input: ImportInput): number {
    return looksLikeProfile(new TextDecoder().decode(input.head.subarray(0, 1024))) ? 0.95 : 0;
  },
  async parse(file: string): Promise<ImportResult> {
    const profile = parseProfileJson(readTextFile(file), file);
    return { engines: [], profiles: [profile], traces: [], warnings: [...profile.warnings] };
  },
};
