/**
 * What one trtexec run says about itself outside the layer and profile JSON: device, build and
 * inference options, TensorRT version and the performance summary. Read from the console log
 * (trtexec-log.ts) or from the metadata JSON files TREx wrote from that log (trtexec-metadata.ts).
 */
import type { DeviceInfo, LayerTiming, Profile, SampleStats } from '../model/types';

export interface PerformanceSummary {
  throughputQps?: number;
  latency?: SampleStats;
  enqueue?: SampleStats;
  h2d?: SampleStats;
  compute?: SampleStats;
  d2h?: SampleStats;
  /** Seconds. */
  totalHostWalltimeS?: number;
  totalGpuComputeS?: number;
  /** Queries timed (the log's "Timing trace has N queries"; else throughput x walltime). */
  queries?: number;
}

export interface TrtexecRunFacts {
  tensorrtVersion?: string;
  device?: DeviceInfo;
  buildOptions: Record<string, string | number | boolean>;
  inferenceOptions: Record<string, string | number | boolean>;
  performance?: PerformanceSummary;
  warnings: string[];
}

/** The series of trtexec's performance summary, by the name it prints, and the field each one fills. */
export const SUMMARY_SERIES: Record<string, 'latency' | 'enqueue' | 'h2d' | 'compute' | 'd2h'> = {
  Latency: 'latency',
  'Enqueue Time': 'enqueue',
  'H2D Latency': 'h2d',
  'GPU Compute Time': 'compute',
  'D2H Latency': 'd2h',
};

export function emptyRunFacts(): TrtexecRunFacts {
  return { buildOptions: {}, inferenceOptions: {}, warnings: [] };
}

/** Named percentile figures of one performance-summary line, in ms. */
export interface SummaryFigures {
  min: number;
  max: number;
  mean: number;
  median: number;
  p90?: number;
  p95?: number;
  p99?: number;
}

/** SampleStats from a summary line; what the summary does not give stays null. */
export function statsFromSummary(figures: SummaryFigures, count: number): SampleStats {
  return {
    count,
    totalMs: figures.mean * count,
    meanMs: figures.mean,
    medianMs: figures.median,
    minMs: figures.min,
    maxMs: figures.max,
    p90Ms: figures.p90 ?? null,
    p95Ms: figures.p95 ?? null,
    p99Ms: figures.p99 ?? null,
    stdMs: null,
    cv: null,
  };
}

/** Figures whose order contradicts their meaning (min > median, p99 > max...) say the source is corrupt. */
export function figuresAreOrdered(f: SummaryFigures): boolean {
  const tolerance = 1e-9;
  const ordered = [f.min, f.median, f.p90, f.p95, f.p99, f.max].filter((v): v is number => v !== undefined);
  const sorted = ordered.every((value, i) => i === 0 || value >= ordered[i - 1]! - tolerance);
  return sorted && f.mean >= f.min - tolerance && f.mean <= f.max + tolerance;
}

/** "80994 MiB" / "24 GiB" / bytes -> bytes; undefined when the text says no size. */
export function bytesOfSize(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*([\d.]+)\s*(B|KiB|MiB|GiB|TiB|KB|MB|GB|TB)?\s*$/i.exec(value);
  if (!match) return undefined;
  const units: Record<string, number> = { b: 1, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };
  const decimal: Record<string, number> = { kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12 };
  const unit = (match[2] ?? 'b').toLowerCase();
  const bytes = Number(match[1]) * (units[unit] ?? decimal[unit] ?? 1);
  return Number.isFinite(bytes) ? Math.round(bytes) : undefined;
}

/** The device of trtexec's "=== Device Information ===" section (log or TREx JSON of it). */
export function deviceFromInformation(info: Record<string, unknown>): DeviceInfo | undefined {
  const name = info['Selected Device'] ?? info['Device'];
  if (typeof name !== 'string' || name === '') return undefined;
  const capability = info['Compute Capability'];
  const sms = Number(info['SMs']);
  const extra: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(info)) {
    if (['Selected Device', 'Compute Capability', 'SMs', 'Device Global Memory'].includes(key)) continue;
    if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)))
      extra[key] = value;
  }
  return {
    name,
    computeCapability:
      typeof capability === 'number'
        ? capability.toFixed(1)
        : typeof capability === 'string'
          ? capability
          : undefined,
    smCount: Number.isInteger(sms) && sms > 0 ? sms : undefined,
    memoryBytes: bytesOfSize(info['Device Global Memory']),
    extra,
  };
}

/** Only strings, finite numbers and booleans go into option records. */
export function optionRecord(source: Record<string, unknown>): Record<string, string | number | boolean> {
  const record: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(source)) {
    if (typeof value === 'string' || typeof value === 'boolean') record[key] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) record[key] = value;
  }
  return record;
}

/**
 * The Profile of one trtexec run (engineId empty until grouped): its end-to-end figures and, from a
 * --dumpProfile table, its per-layer rows.
 */
export function profileOfRun(
  facts: TrtexecRunFacts,
  id: string,
  perLayer?: { layers: LayerTiming[]; iterations: number },
): Profile {
  const performance = facts.performance;
  return {
    id,
    engineId: '',
    backend: 'trtexec',
    machine: facts.device ? { device: facts.device } : undefined,
    batchSize: 1,
    iterations: performance?.queries ?? perLayer?.iterations ?? 0,
    warmupIterations: 0,
    layers: perLayer?.layers ?? [],
    latency: performance?.latency,
    compute: performance?.compute,
    h2d: performance?.h2d,
    d2h: performance?.d2h,
    enqueue: performance?.enqueue,
    throughputQps: performance?.throughputQps,
    stages: [],
    ...(perLayer ? { layerSumMs: perLayer.layers.reduce((sum, layer) => sum + layer.stats.meanMs, 0) } : {}),
    warnings: [...facts.warnings],
  };
}
