/**
 * "Sessions -> Comparison", the use case behind `trt-studio compare`, the compare view and the report:
 * every engine of the given sessions with its profile, the variant it was built from and its accuracy,
 * labelled by precision and backend, compared against an explicit baseline (the FP32 engine unless the
 * caller names another, never the first file), with what a reader must know first said plainly:
 * engines of different models (then their layers are not compared), or measured on different devices.
 */
import path from 'node:path';
import { StudioError } from '../errors';
import type { Comparison, Engine, Precision, Session } from '../model/types';
import type { AlignmentStats } from '../model/views/comparison';
import { stemOf } from '../importers/grouping';
import type { ComparedEngine } from './compared-engine';
import { layerRole } from './comparison-charts';
import { compareEngines, speedupsOf } from './comparison';
import { engineLabels, precisionWord } from './engine-labels';
import { alignmentStats } from './layer-alignment';

export interface CompareSessionsOptions {
  /** Labels for the engines, in input order (session by session); default precision + backend. */
  labels?: string[];
  /** The baseline: an engine's label or its 0-based position in input order; default the FP32 engine. */
  baseline?: string | number;
  /** Optimization profile to compare (0 = the first). */
  profileIndex?: number;
}

export interface LabelledEngines {
  /** Engines in compared order, each labelled: the baseline first, then the others in input order. */
  items: ComparedEngine[];
  baseline: { label: string; reason: string };
}

export interface SessionComparison extends LabelledEngines {
  /** Engines in compared order: the baseline first, then the others in input order. */
  comparison: Comparison;
  engines: Engine[];
  /** Per engine, the baseline's per-layer total over its own (null without times). */
  speedups: (number | null)[];
  alignment: AlignmentStats;
  /** False when the engines come from different networks: their layers are then not compared. */
  sameModel: boolean;
  /** What a reader must know first (different models, devices), also first among the warnings. */
  notes: string[];
}

interface Candidate extends Omit<ComparedEngine, 'label'> {
  name: string;
  /** The model it was built from: content hash when known, else the model file's name. */
  model: { sha256?: string; name?: string };
  device?: string;
}

function modelOf(session: Session, engine: Engine): Candidate['model'] {
  const variant = session.variants.find((v) => v.id === engine.variantId);
  const held = session.model;
  const heldName = held && path.basename(held.source.path);
  if (variant)
    return {
      sha256: variant.modelSha256,
      name: variant.modelSha256 === held?.source.sha256 ? heldName : undefined,
    };
  if (held) return { sha256: held.source.sha256, name: heldName };
  // An imported trtexec run names the ONNX it was built from in its build options.
  const built = engine.buildOptions.Model;
  return typeof built === 'string' && built.length > 0 ? { name: path.basename(built) } : {};
}

function candidatesOf(sessions: Session[]): Candidate[] {
  return sessions.flatMap((session) =>
    session.engines.map((engine, index) => {
      const profile = session.profiles.find((p) => p.engineId === engine.id);
      const model = modelOf(session, engine);
      const variant = session.variants.find((v) => v.id === engine.variantId);
      return {
        engine,
        profile,
        variant,
        accuracy: variant ? session.accuracy.find((a) => a.variantId === variant.id) : undefined,
        name: engine.files[0] ? stemOf(engine.files[0]) : (model.name ?? `engine ${index + 1}`),
        model,
        device: engine.device?.name ?? profile?.machine?.device?.name,
      };
    }),
  );
}

// Widest first: without an FP32 engine the baseline is the one that computes most precisely.
const WIDTH_ORDER: Precision[] = ['fp32', 'bf16', 'fp16', 'mixed', 'fp8', 'int8', 'int4', 'unknown'];

function chooseBaseline(
  labels: string[],
  candidates: Candidate[],
  wanted: string | number | undefined,
): { index: number; reason: string } {
  if (typeof wanted === 'number') {
    if (!Number.isInteger(wanted) || wanted < 0 || wanted >= labels.length)
      throw new StudioError(
        undefined,
        `baseline ${wanted} is out of range: there are ${labels.length} engines`,
      );
    return { index: wanted, reason: 'chosen by the caller' };
  }
  if (wanted !== undefined) {
    const index = labels.findIndex((label) => label.toLowerCase() === wanted.toLowerCase());
    if (index < 0)
      throw new StudioError(
        undefined,
        `no engine is labelled "${wanted}"; the labels are ${labels.join(', ')}`,
      );
    return { index, reason: 'chosen by the caller' };
  }
  const width = (c: Candidate) => WIDTH_ORDER.indexOf(c.engine.precision);
  const index = candidates.reduce((best, c, i) => (width(c) < width(candidates[best]!) ? i : best), 0);
  const precision = candidates[index]!.engine.precision;
  if (precision === 'fp32') return { index, reason: 'FP32, the reference precision' };
  if (precision === 'unknown')
    return { index, reason: 'no engine says its precision: the first one is the baseline' };
  return { index, reason: `no FP32 engine: ${precisionWord(precision)} is the widest precision here` };
}

/** Groups of labels by the model they were built from, when the models can be told apart. */
function modelGroups(labels: string[], candidates: Candidate[]): { model: string; labels: string[] }[] {
  const known = candidates
    .map((c, i) => ({ ...c.model, label: labels[i]! }))
    .filter((m) => m.sha256 || m.name);
  // Hashes decide when every engine has one; else the names of the model files do.
  const byHash = known.length > 0 && known.every((m) => m.sha256);
  const groups = new Map<string, { model: string; labels: string[] }>();
  for (const m of known) {
    const key = byHash ? m.sha256! : m.name;
    if (!key) continue;
    const group = groups.get(key) ?? {
      model: m.name ?? `the model with sha256 ${m.sha256!.slice(0, 12)}`,
      labels: [],
    };
    group.labels.push(m.label);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Below this share of an engine's compute layers aligned with the baseline's, it is another network. */
const SAME_NETWORK_SHARE = 0.5;

/** Per engine after the baseline, the share of its compute layers (not reformats or Q/DQ) aligned. */
function alignedComputeShares(comparison: Comparison, items: ComparedEngine[]): number[] {
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
 * Different models, said plainly. Models whose files differ but whose compute layers align (a QAT
 * export of the same network) are compared as one network; others only engine by engine.
 */
function plainNotes(
  labels: string[],
  candidates: Candidate[],
  comparison: Comparison,
  items: ComparedEngine[],
): { sameModel: boolean; notes: string[] } {
  const notes: string[] = [];
  const models = modelGroups(labels, candidates);
  const list = models.map((g) => `${g.labels.join(', ')} from ${g.model}`).join('; ');
  const allKnown = models.reduce((sum, g) => sum + g.labels.length, 0) === labels.length;
  // One known model is one network; otherwise the layers decide (a QAT export of the same network aligns).
  const aligned = alignedComputeShares(comparison, items).every((share) => share >= SAME_NETWORK_SHARE);
  const sameModel = (models.length === 1 && allKnown) || aligned;
  const engineByEngine =
    'so they are compared engine by engine (latency, throughput, time by layer type), not layer against layer';
  if (!sameModel && models.length > 1) {
    notes.push(
      `these engines were built from different models (${list}): their layers do not line up, ${engineByEngine}`,
    );
  } else if (!sameModel) {
    notes.push(
      `these engines' layers do not line up and the files do not say which models they were built from: ` +
        `they look like different models, ${engineByEngine}`,
    );
  } else if (models.length > 1) {
    notes.push(
      `these engines were built from different model files (${list}) whose layers line up: compared as one network`,
    );
  }
  const devices = new Map<string, string[]>();
  candidates.forEach(
    (c, i) => c.device && devices.set(c.device, [...(devices.get(c.device) ?? []), labels[i]!]),
  );
  if (devices.size > 1) {
    const where = [...devices].map(([device, on]) => `${on.join(', ')} on ${device}`).join('; ');
    notes.push(
      `these engines ran on different devices (${where}): times compare the devices as well as the precisions`,
    );
  }
  return { sameModel, notes };
}

/** Every engine of `sessions` (1 or more), labelled, the baseline first. */
export function labelledEngines(sessions: Session[], options: CompareSessionsOptions = {}): LabelledEngines {
  const candidates = candidatesOf(sessions);
  if (candidates.length === 0) throw new StudioError(undefined, 'these files hold no engine');
  const labels = options.labels ?? engineLabels(candidates.map((c) => ({ ...c, modelName: c.model.name })));
  if (labels.length !== candidates.length) {
    throw new StudioError(
      undefined,
      `the labels name ${labels.length} engines, the inputs hold ${candidates.length}`,
    );
  }
  const baseline = chooseBaseline(labels, candidates, options.baseline);
  const order = [baseline.index, ...candidates.map((_, i) => i).filter((i) => i !== baseline.index)];
  const items = order.map((i) => {
    const { name: _name, model: _model, device: _device, ...item } = candidates[i]!;
    return { ...item, label: labels[i]! };
  });
  return { items, baseline: { label: labels[baseline.index]!, reason: baseline.reason } };
}

/** Compares every engine of `sessions` (2 or more in all) against one baseline. */
export function compareSessions(
  sessions: Session[],
  options: CompareSessionsOptions = {},
): SessionComparison {
  const candidates = candidatesOf(sessions);
  if (candidates.length < 2) {
    throw new StudioError(
      undefined,
      `compare needs 2 or more engines; these files hold ${candidates.length}`,
    );
  }
  const { items, baseline } = labelledEngines(sessions, options);
  const comparison = compareEngines(items, { profileIndex: options.profileIndex });
  const byItem = new Map(candidates.map((c) => [c.engine, c]));
  const { sameModel, notes } = plainNotes(
    items.map((item) => item.label),
    items.map((item) => byItem.get(item.engine)!),
    comparison,
    items,
  );
  comparison.warnings.unshift(...notes);
  return {
    comparison,
    items,
    engines: items.map((item) => item.engine),
    speedups: speedupsOf(comparison),
    alignment: alignmentStats(comparison.rows),
    baseline,
    sameModel,
    notes,
  };
}
