/**
 * The metadata JSON files beside TREx's examples, written by TREx from the trtexec logs:
 * `*.profile.metadata.json` (performance_summary, inference_options, device_information),
 * `*.build.metadata.json` (model_options, build_options, device_information) and `*.metadata.json`
 * (a list of CUDA device property records). performance_summary holds [min, max, mean, median, p90,
 * p95, p99] per series, or [min, max, mean, median, p99] from older logs.
 */
import { StudioError } from '../errors';
import type { DeviceInfo, Engine, Profile } from '../model/types';
import { describeValue, isRecord, parseJsonText, readTextFile, requireNonNegative } from './json-input';
import type { ImportInput, Importer, ImportResult } from './importer';
import {
  deviceFromInformation,
  emptyRunFacts,
  figuresAreOrdered,
  optionRecord,
  profileOfRun,
  statsFromSummary,
  SUMMARY_SERIES,
  type PerformanceSummary,
  type SummaryFigures,
  type TrtexecRunFacts,
} from './trtexec-run-facts';

const SECTIONS = [
  'performance_summary',
  'inference_options',
  'model_options',
  'build_options',
  'device_information',
];

function figuresOf(
  values: unknown,
  file: string,
  key: string,
  warn: (m: string) => void,
): SummaryFigures | undefined {
  if (!Array.isArray(values) || (values.length !== 7 && values.length !== 5)) {
    warn(`performance_summary "${key}" is ${describeValue(values)} of unexpected length; ignored`);
    return undefined;
  }
  const v = values.map((value, i) => requireNonNegative(value, file, `performance_summary "${key}"[${i}]`));
  const figures: SummaryFigures =
    v.length === 7
      ? { min: v[0]!, max: v[1]!, mean: v[2]!, median: v[3]!, p90: v[4]!, p95: v[5]!, p99: v[6]! }
      : { min: v[0]!, max: v[1]!, mean: v[2]!, median: v[3]!, p99: v[4]! };
  if (!figuresAreOrdered(figures)) {
    warn(`performance_summary "${key}" figures are not in min <= median <= max order; ignored`);
    return undefined;
  }
  return figures;
}

function performanceOf(
  summary: Record<string, unknown>,
  file: string,
  warn: (m: string) => void,
): PerformanceSummary {
  const number = (key: string) =>
    summary[key] === undefined
      ? undefined
      : requireNonNegative(summary[key], file, `performance_summary "${key}"`, 1e12);
  const performance: PerformanceSummary = {
    throughputQps: number('Throughput'),
    totalHostWalltimeS: number('Total Host Walltime'),
    totalGpuComputeS: number('Total GPU Compute Time'),
  };
  // trtexec's throughput is queries / host walltime, so their product is the number of queries timed.
  if (performance.throughputQps !== undefined && performance.totalHostWalltimeS !== undefined) {
    performance.queries = Math.round(performance.throughputQps * performance.totalHostWalltimeS);
  }
  for (const [key, series] of Object.entries(SUMMARY_SERIES)) {
    if (summary[key] === undefined) continue;
    const figures = figuresOf(summary[key], file, key, warn);
    if (figures) performance[series] = statsFromSummary(figures, performance.queries ?? 0);
  }
  return performance;
}

/** A CUDA device property record (TREx's device_info.py) -> DeviceInfo. */
function deviceFromProperties(record: Record<string, unknown>): DeviceInfo | undefined {
  if (typeof record['Name'] !== 'string') return undefined;
  const capability = record['ComputeCapability'];
  const extra: Record<string, string | number> = {};
  for (const key of ['CLOCK_RATE', 'MEMORY_CLOCK_RATE', 'GLOBAL_MEMORY_BUS_WIDTH', 'L2_CACHE_SIZE']) {
    const value = record[key];
    if (typeof value === 'number' && Number.isFinite(value)) extra[key] = value;
  }
  if (Array.isArray(record['CUDA_VERSION'])) extra['CUDA_VERSION'] = record['CUDA_VERSION'].join('.');
  const sms = record['MULTIPROCESSOR_COUNT'];
  const memory = record['TotalMemory'];
  return {
    name: record['Name'],
    computeCapability: Array.isArray(capability) ? capability.join('.') : undefined,
    smCount: typeof sms === 'number' && Number.isInteger(sms) && sms > 0 ? sms : undefined,
    memoryBytes: typeof memory === 'number' && Number.isFinite(memory) && memory > 0 ? memory : undefined,
    extra,
  };
}

/** Parses any of the three metadata files into the facts of one run. */
export function parseMetadataJson(text: string, fileLabel: string): TrtexecRunFacts {
  const document = parseJsonText(text, fileLabel);
  const facts = emptyRunFacts();
  const warn = (message: string) => facts.warnings.push(`${fileLabel}: ${message}`);
  if (Array.isArray(document)) {
    const first = document[0];
    facts.device = isRecord(first) ? deviceFromProperties(first) : undefined;
    if (!facts.device)
      throw new StudioError(fileLabel, 'not a device metadata list: expected [{"Name": ...}]');
    return facts;
  }
  if (!isRecord(document) || !SECTIONS.some((section) => isRecord(document[section]))) {
    throw new StudioError(fileLabel, `not a trtexec metadata JSON: expected one of ${SECTIONS.join(', ')}`);
  }
  const section = (name: string) => (isRecord(document[name]) ? document[name] : {});
  if (isRecord(document['performance_summary'])) {
    facts.performance = performanceOf(document['performance_summary'], fileLabel, warn);
  }
  facts.inferenceOptions = optionRecord(section('inference_options'));
  facts.buildOptions = {
    ...optionRecord(section('model_options')),
    ...optionRecord(section('build_options')),
  };
  facts.device = deviceFromInformation(section('device_information'));
  return facts;
}

export function looksLikeMetadata(head: string): boolean {
  return (
    new RegExp(`^\\s*\\{\\s*"(${SECTIONS.join('|')})"\\s*:`).test(head) ||
    /^\s*\[\s*\{\s*"Name"\s*:\s*"[^"]*"\s*,\s*"ComputeCapability"/.test(head)
  );
}

/** A Profile carrying a run's end-to-end figures (no per-layer rows), or undefined without them. */
export function profileFromFacts(facts: TrtexecRunFacts, id: string): Profile | undefined {
  return facts.performance ? profileOfRun(facts, id) : undefined;
}

/** An Engine with no layers that carries a run's build facts (for a metadata file imported alone). */
export function engineFromFacts(facts: TrtexecRunFacts, id: string, file: string): Engine {
  return {
    id,
    backend: 'trtexec',
    backendVersion: facts.tensorrtVersion,
    precision: 'unknown',
    device: facts.device,
    buildOptions: facts.buildOptions,
    bindings: [],
    layers: [],
    detail: 'names-only',
    files: [file],
    warnings: [
      ...facts.warnings,
      `${file}: build facts only; import it with its layer information for layers`,
    ],
  };
}

export const trtexecMetadataImporter: Importer = {
  format: 'trtexec-metadata',
  description: 'TREx metadata of a trtexec run',
  detect(input: ImportInput): number {
    return looksLikeMetadata(new TextDecoder().decode(input.head.subarray(0, 2048))) ? 0.9 : 0;
  },
  async parse(file: string): Promise<ImportResult> {
    const facts = parseMetadataJson(readTextFile(file), file);
    const profile = profileFromFacts(facts, `trtexec-metadata:${file}`);
    if (profile) return { engines: [], profiles: [profile], traces: [], warnings: [...facts.warnings] };
    return {
      engines: [engineFromFacts(facts, `trtexec-metadata:${file}`, file)],
      profiles: [],
      traces: [],
      warnings: [],
    };
  },
};
