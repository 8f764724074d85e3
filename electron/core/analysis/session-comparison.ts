/**
 * The engines of the session on screen, compared: each with its profile, the variant it was built from
 * and its accuracy, labelled by precision and backend, against an explicit baseline (the FP32 engine
 * unless the user picks another, never the first file), with what a reader must know first said
 * plainly: engines built from different models (then only what can be compared is compared), or run
 * on different devices. Pure, so the renderer runs it on the session it holds.
 */
import type { Comparison, Engine, Precision, Session } from '../model/types';
import type { ComparedEngine } from './compared-engine';
import { compareEngines } from './comparison';
import { layerRole } from './comparison-charts';
import { engineLabels, precisionWord } from './engine-labels';

export interface SessionComparison {
  /** Engines in compared order: the baseline first, then the others in session order. */
  comparison: Comparison;
  items: ComparedEngine[];
  labels: string[];
  baseline: { label: string; reason: string };
  /** False when the engines were built from different models: layers are then not compared. */
  sameModel: boolean;
  /** Sentences a reader needs before the numbers (different models, devices). */
  notes: string[];
}

// Widest first: without an FP32 engine the baseline is the one that computes most precisely.
const WIDTH_ORDER: Precision[] = ['fp32', 'bf16', 'fp16', 'mixed', 'fp8', 'int8', 'int4', 'unknown'];

/** The name a user knows a run by: its variant, or the file stem of an imported run. */
function runName(engine: Engine, index: number): string {
  if (engine.variantId) return engine.variantId;
  const file = engine.files[0]?.split(/[\\/]/).at(-1);
  return (
    file?.replace(/\.(graph|layer_info|profile|timing|times|log|json)+(\.json)?$/, '') ??
    `engine ${index + 1}`
  );
}

/** The model an engine was built from: the variant's source hash, or the model file trtexec names. */
function modelKey(session: Session, engine: Engine): string | null {
  const variant = session.variants.find((v) => v.id === engine.variantId);
  if (variant?.modelSha256) return `sha256:${variant.modelSha256}`;
  const built = engine.buildOptions['Model'];
  if (typeof built === 'string' && built) return `file:${built.split(/[\\/]/).at(-1)}`;
  return null;
}

function chooseBaseline(items: ComparedEngine[], labels: string[], wanted?: string | null) {
  if (wanted) {
    const index = labels.findIndex((label) => label.toLowerCase() === wanted.toLowerCase());
    if (index >= 0) return { index, reason: 'chosen by you' };
  }
  const width = (item: ComparedEngine) => WIDTH_ORDER.indexOf(item.engine.precision);
  const index = items.reduce((best, item, i) => (width(item) < width(items[best]!) ? i : best), 0);
  const precision = items[index]!.engine.precision;
  if (precision === 'fp32') return { index, reason: 'FP32, the reference precision' };
  if (precision === 'unknown')
    return { index, reason: 'no engine says its precision: the first is the baseline' };
  return { index, reason: `no FP32 engine: ${precisionWord(precision)} is the widest precision here` };
}

/** Share of an engine's compute layers (not reformats or Q/DQ) below which it is another network. */
const SAME_NETWORK_SHARE = 0.5;

/** Per engine after the baseline, the share of its compute layers that aligned with every engine. */
function alignedComputeShare(comparison: Comparison, items: ComparedEngine[]): number[] {
  return items.slice(1).map((item, k) => {
    const e = k + 1;
    const compute = new Set(item.engine.layers.filter((l) => layerRole(l) === 'compute').map((l) => l.name));
    if (compute.size === 0) return 1;
    const aligned = comparison.rows.filter(
      (row) => row.matchedBy !== 'unmatched' && row.cells[e] && compute.has(row.cells[e]!.layerName),
    ).length;
    return aligned / compute.size;
  });
}

/**
 * Whether the engines come from one network: one source model, or model files that differ (a QAT
 * export of the same network) but whose compute layers align.
 */
function sameNetwork(
  session: Session,
  comparison: Comparison,
  items: ComparedEngine[],
): { same: boolean; models: Map<string, string[]> } {
  const models = new Map<string, string[]>();
  items.forEach((item, i) => {
    const key = modelKey(session, item.engine);
    if (key) models.set(key, [...(models.get(key) ?? []), comparison.labels[i]!]);
  });
  if (models.size <= 1) return { same: true, models };
  return {
    same: alignedComputeShare(comparison, items).every((share) => share >= SAME_NETWORK_SHARE),
    models,
  };
}

function modelName(key: string): string {
  return key.startsWith('sha256:') ? `the model with sha256 ${key.slice(7, 19)}` : key.slice(5);
}

function notesOf(
  session: Session,
  comparison: Comparison,
  items: ComparedEngine[],
): { sameModel: boolean; notes: string[] } {
  const notes: string[] = [];
  const labels = comparison.labels;
  const { same, models } = sameNetwork(session, comparison, items);
  const list = [...models].map(([key, on]) => `${on.join(', ')} from ${modelName(key)}`).join('; ');
  if (!same) {
    notes.push(
      `these engines were built from different models (${list}): their layers do not line up, ` +
        "so only each engine's own figures are shown side by side, not layer against layer",
    );
  } else if (models.size > 1) {
    notes.push(
      `these engines were built from different model files (${list}) whose layers line up: compared as one network`,
    );
  }
  const devices = new Map<string, string[]>();
  items.forEach((item, i) => {
    const device = item.engine.device?.name ?? item.profile?.machine?.device?.name;
    if (device) devices.set(device, [...(devices.get(device) ?? []), labels[i]!]);
  });
  if (devices.size > 1) {
    const where = [...devices].map(([device, on]) => `${on.join(', ')} on ${device}`).join('; ');
    notes.push(`these engines ran on different devices (${where}): times compare the devices as well`);
  }
  return { sameModel: same, notes };
}

export interface SessionEngines {
  /** The baseline first, then the others in session order, each labelled. */
  items: ComparedEngine[];
  labels: string[];
  baseline: { label: string; reason: string };
}

/** The session's engines (1 or more) with their profiles, variants and accuracy, baseline first. */
export function sessionEngines(
  session: Session,
  options: { baseline?: string | null } = {},
): SessionEngines | null {
  if (session.engines.length === 0) return null;
  const all: ComparedEngine[] = session.engines.map((engine) => {
    const variant = session.variants.find((v) => v.id === engine.variantId);
    return {
      engine,
      profile: session.profiles.find((p) => p.engineId === engine.id),
      variant,
      accuracy: variant ? session.accuracy.find((a) => a.variantId === variant.id) : undefined,
      label: '',
    };
  });
  const allLabels = engineLabels(
    all.map((item, i) => ({ engine: item.engine, name: runName(item.engine, i) })),
  );
  const baseline = chooseBaseline(all, allLabels, options.baseline);
  const order = [baseline.index, ...all.map((_, i) => i).filter((i) => i !== baseline.index)];
  const items = order.map((i) => ({ ...all[i]!, label: allLabels[i]! }));
  return {
    items,
    labels: items.map((item) => item.label),
    baseline: { label: allLabels[baseline.index]!, reason: baseline.reason },
  };
}

/** Compares the session's engines (2 or more); null when it holds fewer. */
export function compareSessionEngines(
  session: Session,
  options: { baseline?: string | null } = {},
): SessionComparison | null {
  const engines = session.engines.length >= 2 ? sessionEngines(session, options) : null;
  if (!engines) return null;
  const { items, labels, baseline } = engines;
  const comparison = compareEngines(items);
  const { sameModel, notes } = notesOf(session, comparison, items);
  comparison.warnings.unshift(...notes);
  return { comparison, items, labels, baseline, sameModel, notes };
}
