/**
 * trtexec `--exportTimes`: one object per inference, times in ms since the process started:
 * startEnqMs, endEnqMs, startH2dMs ... endD2hMs, and the durations h2dMs, computeMs, d2hMs, latencyMs.
 * TensorRT 7 named the copies `In`/`Out` (startInMs, inMs, outMs); both spellings are read.
 */
import path from 'node:path';
import { StudioError } from '../errors';
import type { Profile, SampleStats } from '../model/types';
import { summarize } from '../model/statistics';
import { describeValue, isRecord, parseJsonText, readTextFile, requireNonNegative } from './json-input';
import type { ImportInput, Importer, ImportResult } from './importer';

/** Each duration series and the keys that may hold it, newest spelling first. */
const SERIES = {
  latency: ['latencyMs'],
  compute: ['computeMs'],
  h2d: ['h2dMs', 'inMs'],
  d2h: ['d2hMs', 'outMs'],
} as const;

type SeriesName = keyof typeof SERIES;

function pick(record: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const key of keys) if (key in record) return record[key];
  return undefined;
}

/** Per-iteration samples of each series; a series absent from every record stays empty. */
function collectSeries(records: unknown[], file: string): Record<SeriesName | 'enqueue', number[]> {
  const series: Record<SeriesName | 'enqueue', number[]> = {
    latency: [],
    compute: [],
    h2d: [],
    d2h: [],
    enqueue: [],
  };
  records.forEach((record, index) => {
    if (!isRecord(record))
      throw new StudioError(file, `record ${index} is ${describeValue(record)}; expected an object`);
    for (const name of Object.keys(SERIES) as SeriesName[]) {
      const value = pick(record, SERIES[name]);
      if (value !== undefined)
        series[name].push(requireNonNegative(value, file, `record ${index} ${SERIES[name][0]}`));
    }
    if ('startEnqMs' in record && 'endEnqMs' in record) {
      const start = requireNonNegative(record['startEnqMs'], file, `record ${index} startEnqMs`);
      const end = requireNonNegative(record['endEnqMs'], file, `record ${index} endEnqMs`);
      if (end < start)
        throw new StudioError(file, `record ${index}: endEnqMs ${end} is before startEnqMs ${start}`);
      series.enqueue.push(end - start);
    }
  });
  return series;
}

/** Parses `--exportTimes` JSON text into a Profile with end-to-end statistics from the real samples. */
export function parseTimesJson(text: string, fileLabel: string): Profile {
  const document = parseJsonText(text, fileLabel);
  if (!Array.isArray(document) || document.length === 0) {
    throw new StudioError(
      fileLabel,
      'not trtexec times: expected a non-empty JSON list of per-inference records',
    );
  }
  const series = collectSeries(document, fileLabel);
  if (series.latency.length !== document.length || series.compute.length !== document.length) {
    throw new StudioError(fileLabel, 'not trtexec times: every record needs latencyMs and computeMs');
  }
  const stats = (samples: number[]): SampleStats | undefined =>
    samples.length === document.length ? summarize(samples) : undefined;
  return {
    id: `trtexec-times:${path.basename(fileLabel).replace(/\.json$/i, '')}`,
    engineId: '',
    backend: 'trtexec',
    batchSize: 1,
    iterations: document.length,
    warmupIterations: 0,
    layers: [],
    latency: stats(series.latency),
    compute: stats(series.compute),
    h2d: stats(series.h2d),
    d2h: stats(series.d2h),
    enqueue: stats(series.enqueue),
    stages: [],
    warnings: [],
  };
}

export function looksLikeTimes(head: string): boolean {
  return /^\s*\[\s*\{\s*"(startEnqMs|startInMs|startH2dMs|latencyMs)"\s*:/.test(head);
}

export const trtexecTimesImporter: Importer = {
  format: 'trtexec-times',
  description: 'trtexec per-inference times (--exportTimes)',
  detect(input: ImportInput): number {
    return looksLikeTimes(new TextDecoder().decode(input.head.subarray(0, 1024))) ? 0.95 : 0;
  },
  async parse(file: string): Promise<ImportResult> {
    const profile = parseTimesJson(readTextFile(file), file);
    return { engines: [], profiles: [profile], traces: [], warnings: [] };
  },
};
