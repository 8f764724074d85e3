/**
 * The trtexec console log: "=== Model Options ===", "=== Build Options ===", "=== Inference Options ===",
 * "=== Device Information ===" key/value sections, "=== Performance summary ===" (throughput and
 * min/max/mean/median/percentile figures per series), the "=== Profile (N iterations ) ===" per-layer
 * table of --dumpProfile (ending in a Total row), the TensorRT version, and the engine's layers where the
 * log prints them (--dumpLayerInfo, a --verbose build's "Engine Layer Information": trtexec-log-layers.ts).
 */
import path from 'node:path';
import { StudioError } from '../errors';
import type { Engine, LayerTiming, Profile } from '../model/types';
import { statsFromAggregates } from '../model/statistics';
import { namesOnlyLayer } from '../model/engine-layers';
import { markDlaLayers } from './trtexec-dla';
import { readTextFile } from './json-input';
import { engineFromLayerRecords } from './trtexec-layer-info';
import { layersOfLog, type LogLayers } from './trtexec-log-layers';
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

/** "[11/18/2023-17:34:03] [I] " (timestamp optional) -> severity and message. */
const LINE = /^\s*(?:\[\d+\/\d+\/\d+-\d+:\d+:\d+\]\s*)?\[([IWEVF])\]\s?(.*)$/;

export interface LogProfileTable {
  iterations: number;
  rows: { name: string; timeMs: number; averageMs: number; medianMs?: number; percentage: number }[];
  /** The Total row as printed, ms per iteration. */
  totalAverageMs?: number;
}

export interface TrtexecLog {
  facts: TrtexecRunFacts;
  profileTable?: LogProfileTable;
  layers: LogLayers;
}

function figuresOf(text: string): SummaryFigures | undefined {
  const named: Record<string, number> = {};
  for (const match of text.matchAll(
    /(min|max|mean|median|percentile\((\d+(?:\.\d+)?)%\)) = ([-+\d.eE]+) ms/g,
  )) {
    named[match[2] ? `p${match[2]}` : match[1]!] = Number(match[3]);
  }
  const { min, max, mean, median } = named;
  if ([min, max, mean, median].some((v) => v === undefined || !Number.isFinite(v) || v < 0)) return undefined;
  return {
    min: min!,
    max: max!,
    mean: mean!,
    median: median!,
    p90: named['p90'],
    p95: named['p95'],
    p99: named['p99'],
  };
}

/** "v8601" -> "8.6.1", "v100900" -> "10.9.0". */
function versionOfTag(tag: string): string {
  const digits = tag.replace(/^v/, '');
  if (digits.length === 6)
    return `${Number(digits.slice(0, 2))}.${Number(digits.slice(2, 4))}.${Number(digits.slice(4, 6))}`;
  if (digits.length === 4) return `${digits[0]}.${digits[1]}.${Number(digits.slice(2))}`;
  return digits;
}

class LogReader {
  readonly facts = emptyRunFacts();
  private readonly sections: Record<string, Record<string, string>> = {};
  private readonly summary: Record<string, string> = {};
  private section: string | null = null;
  private table: LogProfileTable | undefined;
  private tableColumns = 0;
  private queries: number | undefined;

  constructor(private readonly file: string) {}

  read(line: string): void {
    const version = /\[TensorRT (v\d+)\]/.exec(line) ?? /TensorRT version: ([\d.]+)/.exec(line);
    if (version)
      this.facts.tensorrtVersion ??= version[1]!.startsWith('v') ? versionOfTag(version[1]!) : version[1];
    const match = LINE.exec(line);
    if (!match) return;
    const [, severity, message] = match as unknown as [string, string, string];
    if (severity === 'W' && message.startsWith('* '))
      this.facts.warnings.push(`${this.file}: trtexec: ${message.slice(2)}`);
    const header = /^=== (.+?) ===\s*$/.exec(message);
    if (header) return this.enterSection(header[1]!);
    const queries = /Timing trace has (\d+) queries/.exec(message);
    if (queries) this.queries = Number(queries[1]);
    if (this.section === 'profile') return this.readTableRow(message);
    const keyValue = /^([^:=]+?):\s*(.*)$/.exec(message);
    if (!this.section || !keyValue) return;
    if (this.section === 'Performance summary') this.summary[keyValue[1]!] = keyValue[2]!;
    else (this.sections[this.section] ??= {})[keyValue[1]!] = keyValue[2]!;
  }

  private enterSection(title: string): void {
    const profile = /^Profile \((\d+) iterations ?\)$/.exec(title);
    if (profile) {
      this.section = 'profile';
      this.table = { iterations: Number(profile[1]), rows: [] };
      this.tableColumns = 0;
      return;
    }
    this.section = title;
  }

  private readTableRow(message: string): void {
    if (/^\s*Time\(ms\)/.test(message)) {
      this.tableColumns = message.includes('Median(ms)') ? 4 : 3;
      return;
    }
    const numbers = this.tableColumns === 4 ? 4 : 3;
    const row = new RegExp(`^\\s*${'([-+\\d.eE]+)\\s+'.repeat(numbers)}(.+?)\\s*$`).exec(message);
    if (!row || !this.table) {
      this.section = null;
      return;
    }
    const values = row.slice(1, numbers + 1).map(Number);
    const name = row[numbers + 1]!;
    if (values.some((v) => !Number.isFinite(v) || v < 0)) {
      throw new StudioError(this.file, `profile table row "${name}" has a number that is not a time`);
    }
    const [timeMs, averageMs] = values as [number, number];
    const medianMs = numbers === 4 ? values[2] : undefined;
    const percentage = values[numbers - 1]!;
    if (name === 'Total') {
      this.table.totalAverageMs = averageMs;
      this.section = null;
      return;
    }
    this.table.rows.push({ name, timeMs, averageMs, medianMs, percentage });
  }

  finish(): TrtexecLog {
    const facts = this.facts;
    const section = (name: string) => this.sections[name] ?? {};
    facts.buildOptions = {
      ...optionRecord(section('Model Options')),
      ...optionRecord(section('Build Options')),
    };
    facts.inferenceOptions = optionRecord(section('Inference Options'));
    facts.device = deviceFromInformation(section('Device Information'));
    if (Object.keys(this.summary).length > 0) facts.performance = this.performance();
    return { facts, profileTable: this.table, layers: { dlaLayers: [] } };
  }

  private performance(): PerformanceSummary {
    const number = (key: string) => {
      const value = this.summary[key] === undefined ? NaN : parseFloat(this.summary[key]!);
      return Number.isFinite(value) && value >= 0 ? value : undefined;
    };
    const performance: PerformanceSummary = {
      throughputQps: number('Throughput'),
      totalHostWalltimeS: number('Total Host Walltime'),
      totalGpuComputeS: number('Total GPU Compute Time'),
    };
    const { throughputQps, totalHostWalltimeS } = performance;
    performance.queries =
      this.queries ??
      (throughputQps !== undefined && totalHostWalltimeS !== undefined
        ? Math.round(throughputQps * totalHostWalltimeS)
        : undefined);
    for (const [key, series] of Object.entries(SUMMARY_SERIES)) {
      if (this.summary[key] === undefined) continue;
      const figures = figuresOf(this.summary[key]!);
      if (figures && figuresAreOrdered(figures))
        performance[series] = statsFromSummary(figures, performance.queries ?? 0);
      else this.facts.warnings.push(`${this.file}: performance summary "${key}" could not be read; ignored`);
    }
    return performance;
  }
}

/** Parses trtexec console output. A text with none of trtexec's sections is a StudioError. */
export function parseTrtexecLog(text: string, fileLabel: string): TrtexecLog {
  const reader = new LogReader(fileLabel);
  const lines = text.split(/\r?\n/);
  for (const line of lines) reader.read(line);
  const log = reader.finish();
  log.layers = layersOfLog(lines);
  const facts = log.facts;
  const found =
    facts.performance ||
    log.profileTable ||
    log.layers.information ||
    facts.device ||
    Object.keys(facts.buildOptions).length > 0;
  if (!found)
    throw new StudioError(
      fileLabel,
      'not a trtexec log: no performance summary, profile table, layer information or options found',
    );
  const table = log.profileTable;
  if (table && table.totalAverageMs !== undefined) {
    const sum = table.rows.reduce((total, row) => total + row.averageMs, 0);
    // The table prints 4 decimals per row, so the rows may miss the Total by rounding only.
    if (
      Math.abs(sum - table.totalAverageMs) >
      0.0001 * (table.rows.length + 1) + 0.001 * table.totalAverageMs
    ) {
      facts.warnings.push(
        `${fileLabel}: profile rows add up to ${sum.toFixed(4)} ms, the Total row says ${table.totalAverageMs}`,
      );
    }
  }
  return log;
}

/** The log's per-layer table and summary as a Profile (engineId empty until grouped). */
export function profileFromLog(log: TrtexecLog, id: string): Profile | undefined {
  const { facts, profileTable } = log;
  if (!facts.performance && !profileTable) return undefined;
  if (!profileTable) return profileOfRun(facts, id);
  const layers: LayerTiming[] = profileTable.rows.map((row) => ({
    name: row.name,
    stats: statsFromAggregates({
      count: profileTable.iterations,
      totalMs: row.timeMs,
      meanMs: row.averageMs,
      medianMs: row.medianMs,
    }),
    percentage: row.percentage,
  }));
  return profileOfRun(facts, id, { layers, iterations: profileTable.iterations });
}

/**
 * The engine as the log describes it: from its layer information where it prints some, else named by
 * its profile rows; undefined when it has neither. `id` is left for the caller.
 */
export function engineFromLog(log: TrtexecLog, file: string): Engine | undefined {
  const info = log.layers.information;
  if (info) {
    const engine = engineFromLayerRecords(info.layers, info.bindings, file, log.layers.dlaLayers);
    engine.warnings.push(
      `${file}: layers read from the console log's ${info.source === 'dump-layer-info' ? '--dumpLayerInfo output' : '"Engine Layer Information" (--verbose build)'}`,
    );
    return engine;
  }
  const rows = log.profileTable?.rows ?? [];
  if (rows.length === 0) return undefined;
  const layers = rows.map((row) => namesOnlyLayer(row.name));
  markDlaLayers(layers, log.layers.dlaLayers);
  return {
    id: '',
    backend: 'trtexec',
    precision: 'unknown',
    buildOptions: {},
    bindings: [],
    layers,
    detail: 'names-only',
    files: [file],
    warnings: [],
  };
}

export function looksLikeTrtexecLog(head: string): boolean {
  return /&&&& RUNNING TensorRT\.trtexec|=== (Model Options|Build Options|Performance summary|Device Information|Profile \(\d+ iterations ?\)) ===/.test(
    head,
  );
}

export const trtexecLogImporter: Importer = {
  format: 'trtexec-log',
  description: 'a trtexec console log',
  detect(input: ImportInput): number {
    return looksLikeTrtexecLog(new TextDecoder().decode(input.head)) ? 0.9 : 0;
  },
  async parse(file: string): Promise<ImportResult> {
    const log = parseTrtexecLog(readTextFile(file), file);
    const id = `trtexec-log:${path.basename(file)}`;
    const profile = profileFromLog(log, id);
    const fromLog = engineFromLog(log, file);
    const engine: Engine = {
      id,
      backend: 'trtexec',
      backendVersion: log.facts.tensorrtVersion,
      precision: fromLog?.precision ?? 'unknown',
      device: log.facts.device,
      buildOptions: log.facts.buildOptions,
      bindings: fromLog?.bindings ?? [],
      layers: fromLog?.layers ?? [],
      ...(fromLog?.foldedLayers ? { foldedLayers: fromLog.foldedLayers } : {}),
      detail: fromLog?.detail ?? 'names-only',
      files: [file],
      warnings: [...(fromLog?.warnings ?? []), ...log.facts.warnings],
    };
    if (profile) profile.engineId = id;
    return {
      engines: [engine],
      profiles: profile ? [profile] : [],
      traces: [],
      warnings: [...log.facts.warnings],
    };
  },
};
