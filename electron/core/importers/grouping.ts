/**
 * Many trtexec files -> one Engine and Profile per run. Files of one run share a stem
 * (`foo.graph.json`, `foo.profile.json`, `foo.timing.json`, `foo.profile.metadata.json`, `foo.log`) in
 * one folder; each file's role is told by its content, not its name. The merged Profile takes per-layer
 * rows from the profile JSON (else the log's table), end-to-end figures from the performance summary
 * (log or metadata) and, where the summary lacks a series, from the per-inference times. The layers come
 * from the layer-information JSON or the console log, whichever says more (a log's --verbose build
 * prints details a names-only JSON lacks); where both list layers, they must agree.
 */
import path from 'node:path';
import { StudioError } from '../errors';
import type { Engine, Profile, SampleStats } from '../model/types';
import { enginePrecision, namesOnlyLayer } from '../model/engine-layers';
import { markDlaLayers } from './trtexec-dla';
import type { ImporterFormat } from './importer';
import { importerFor, readHead } from './registry';
import { readTextFile } from './json-input';
import { parseLayerInfoJson } from './trtexec-layer-info';
import { parseProfileJson } from './trtexec-profile';
import { parseTimesJson } from './trtexec-times';
import { parseMetadataJson } from './trtexec-metadata';
import { engineFromLog, parseTrtexecLog, profileFromLog } from './trtexec-log';
import { emptyRunFacts, type TrtexecRunFacts } from './trtexec-run-facts';
import { matchProfileToEngine } from './profile-matching';

export type TrtexecRole = 'layer-info' | 'profile' | 'times' | 'metadata' | 'log';

export interface TrtexecFileGroup {
  /** Folder + stem: the run's identity. */
  key: string;
  /** Short unique name for display and ids (the stem, with its folder where stems repeat). */
  label: string;
  files: TrtexecFile[];
}

export interface TrtexecFile {
  path: string;
  /** The name the user knows it by (an upload's original name), when not the path's last part. */
  name?: string;
  role: TrtexecRole;
}

export interface ImportedRun {
  label: string;
  engine: Engine;
  profile?: Profile;
  warnings: string[];
}

const ROLE_OF_FORMAT: Partial<Record<ImporterFormat, TrtexecRole>> = {
  'trtexec-layer-info': 'layer-info',
  'trtexec-profile': 'profile',
  'trtexec-times': 'times',
  'trtexec-metadata': 'metadata',
  'trtexec-log': 'log',
};

/** The role in a trtexec run of a file of this kind (FileKind or importer format), or null. */
export function trtexecRoleOfKind(kind: string): TrtexecRole | null {
  return ROLE_OF_FORMAT[kind as ImporterFormat] ?? null;
}

/** The role of a trtexec-family file from its first bytes, or null when it is none of them. */
export function trtexecRoleOf(file: string): TrtexecRole | null {
  const importer = importerFor({ path: file, head: readHead(file) });
  return importer ? trtexecRoleOfKind(importer.format) : null;
}

const ROLE_WORD =
  /[._-](graph|layer[_-]?info|layers|profile|timing|times|build|metadata|log|trtexec|engine)$/i;

/** `foo.profile.metadata.json` -> `foo`; `foo_build_log.txt` -> `foo`. */
export function stemOf(file: string): string {
  let stem = path.basename(file).replace(/\.(json|log|txt)$/i, '');
  for (let i = 0; i < 3 && ROLE_WORD.test(stem); i++) stem = stem.replace(ROLE_WORD, '');
  return stem;
}

/** Groups files by folder and stem (of the name the user knows); each file's role comes with it. */
export function groupTrtexecFiles(files: TrtexecFile[]): TrtexecFileGroup[] {
  const groups = new Map<string, TrtexecFileGroup>();
  for (const file of files) {
    const stem = stemOf(file.name ?? file.path);
    const key = path.join(path.dirname(path.resolve(file.path)), stem);
    const group = groups.get(key) ?? { key, label: stem, files: [] };
    group.files.push(file);
    groups.set(key, group);
  }
  const list = [...groups.values()];
  const stemCounts = new Map<string, number>();
  for (const group of list) stemCounts.set(group.label, (stemCounts.get(group.label) ?? 0) + 1);
  for (const group of list) {
    if (stemCounts.get(group.label)! > 1)
      group.label = `${path.basename(path.dirname(group.key))}/${group.label}`;
  }
  return list;
}

function mergeFacts(into: TrtexecRunFacts, from: TrtexecRunFacts): void {
  into.tensorrtVersion ??= from.tensorrtVersion;
  into.device ??= from.device;
  into.buildOptions = { ...into.buildOptions, ...from.buildOptions };
  into.inferenceOptions = { ...into.inferenceOptions, ...from.inferenceOptions };
  into.performance ??= from.performance;
  into.warnings.push(...from.warnings);
}

/** The batch: first dimension of the first engine input binding a layer reads. */
function batchSizeOf(engine: Engine): number {
  const bindings = new Set(engine.bindings);
  for (const layer of engine.layers) {
    for (const tensor of layer.inputs) {
      const batch = tensor.dims?.[0];
      if (bindings.has(tensor.name) && typeof batch === 'number' && batch > 0) return batch;
    }
  }
  return 1;
}

class RunAssembler {
  readonly warnings: string[] = [];
  readonly facts = emptyRunFacts();
  engine: Engine | undefined;
  layerProfile: Profile | undefined;
  timesProfile: Profile | undefined;
  logProfile: Profile | undefined;
  /** The engine a log's layer information describes (not one named by its profile rows only). */
  logEngine: Engine | undefined;
  private readonly dlaLayers: string[] = [];
  private readonly files: string[] = [];

  constructor(private readonly label: string) {}

  add(file: string, role: TrtexecRole): void {
    this.files.push(file);
    const text = readTextFile(file);
    const once = <T>(current: T | undefined, next: () => T): T => {
      if (current === undefined) return next();
      this.warnings.push(`${file}: a second ${role} file for run "${this.label}"; ignored`);
      return current;
    };
    if (role === 'layer-info') this.engine = once(this.engine, () => parseLayerInfoJson(text, file));
    else if (role === 'profile')
      this.layerProfile = once(this.layerProfile, () => parseProfileJson(text, file));
    else if (role === 'times') this.timesProfile = once(this.timesProfile, () => parseTimesJson(text, file));
    else if (role === 'metadata') mergeFacts(this.facts, parseMetadataJson(text, file));
    else {
      const log = parseTrtexecLog(text, file);
      mergeFacts(this.facts, log.facts);
      this.logProfile ??= profileFromLog(log, `${this.label}:log`);
      this.dlaLayers.push(...log.layers.dlaLayers);
      if (log.layers.information && (!this.logEngine || this.logEngine.detail === 'names-only'))
        this.logEngine = engineFromLog(log, file);
    }
  }

  /** The JSON's engine or the log's, whichever is more detailed (the JSON on a tie), checked against the other. */
  private chosenEngine(): Engine | undefined {
    const [json, log] = [this.engine, this.logEngine];
    if (!json || !log) return json ?? log;
    const names = (engine: Engine) => engine.layers.map((layer) => layer.name).join('\n');
    if (names(json) !== names(log) && json.detail === log.detail) {
      this.warnings.push(
        `run "${this.label}": the console log lists other layers (${log.layers.length}) than the layer-information ` +
          `file (${json.layers.length}); are they of the same build? The file's are used`,
      );
    }
    return json.detail === 'names-only' && log.detail === 'detailed' ? log : json;
  }

  finish(): ImportedRun {
    const engine = this.chosenEngine() ?? this.engineFromProfileNames();
    markDlaLayers(engine.layers, this.dlaLayers);
    engine.id = `trtexec:${this.label}`;
    engine.files = this.files;
    engine.device ??= this.facts.device;
    engine.backendVersion ??= this.facts.tensorrtVersion;
    engine.buildOptions = { ...this.facts.buildOptions, ...engine.buildOptions };
    const profile = this.mergedProfile(engine);
    const warnings = [
      ...engine.warnings,
      ...this.facts.warnings,
      ...this.warnings,
      ...(profile?.warnings ?? []),
    ];
    return { label: this.label, engine, profile, warnings: [...new Set(warnings)] };
  }

  private engineFromProfileNames(): Engine {
    const rows = this.layerProfile?.layers ?? this.logProfile?.layers;
    if (!rows || rows.length === 0) {
      throw new StudioError(
        this.files[0],
        `run "${this.label}" has no layer information and no per-layer profile`,
      );
    }
    const layers = rows.map((row) => namesOnlyLayer(row.name));
    return {
      id: '',
      backend: 'trtexec',
      precision: enginePrecision(layers),
      buildOptions: {},
      bindings: [],
      layers,
      detail: 'names-only',
      files: [],
      warnings: [`run "${this.label}": no layer information file; layers known by their profile names only`],
    };
  }

  private mergedProfile(engine: Engine): Profile | undefined {
    const base = this.layerProfile ?? this.logProfile ?? this.timesProfile;
    if (!base) return undefined;
    const summary = this.facts.performance;
    const endToEnd = (series: 'latency' | 'compute' | 'h2d' | 'd2h' | 'enqueue'): SampleStats | undefined =>
      summary?.[series] ?? this.logProfile?.[series] ?? this.timesProfile?.[series];
    const profile: Profile = {
      ...base,
      id: `${engine.id}:profile`,
      engineId: engine.id,
      machine: engine.device ? { device: engine.device } : base.machine,
      batchSize: batchSizeOf(engine),
      latency: endToEnd('latency'),
      compute: endToEnd('compute'),
      h2d: endToEnd('h2d'),
      d2h: endToEnd('d2h'),
      enqueue: endToEnd('enqueue'),
      throughputQps: summary?.throughputQps ?? this.logProfile?.throughputQps,
      warnings: [...base.warnings],
    };
    if (this.timesProfile && summary?.queries && this.timesProfile.iterations !== summary.queries) {
      profile.warnings.push(
        `run "${this.label}": the times file holds ${this.timesProfile.iterations} inferences, the summary counted ` +
          `${summary.queries}; the extra ones are likely warm-up, so the summary's figures are used`,
      );
    }
    profile.warnings.push(...matchProfileToEngine(profile, engine, this.layerProfile?.id ?? this.label));
    return profile;
  }
}

/** Reads and merges the files of one group into an Engine and its Profile. */
export function importTrtexecGroup(group: TrtexecFileGroup): ImportedRun {
  const assembler = new RunAssembler(group.label);
  const order: TrtexecRole[] = ['layer-info', 'metadata', 'log', 'profile', 'times'];
  const sorted = [...group.files].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
  for (const file of sorted) assembler.add(file.path, file.role);
  return assembler.finish();
}

/** Groups trtexec-family files and imports each run; other files are returned untouched. */
export function importTrtexecFiles(files: string[]): { runs: ImportedRun[]; others: string[] } {
  const known: TrtexecFile[] = [];
  const others: string[] = [];
  for (const file of files) {
    const role = trtexecRoleOf(file);
    if (role) known.push({ path: file, role });
    else others.push(file);
  }
  return { runs: groupTrtexecFiles(known).map(importTrtexecGroup), others };
}
