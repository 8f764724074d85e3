/**
 * One session analysed for the views and the report: its engines compared against the baseline (the
 * variant cards, the aligned rows, regressions, charts), each engine's report card, the accuracy of
 * every variant, and the roofline on the chosen device. What the analyzeSession operation answers.
 */
import type { Session } from '../model/types';
import { ANALYSIS_PARTS, type AnalysisPart, type SessionAnalysis } from '../model/views/session-analysis';
import { knownDevices, normalizeDeviceName } from '../onnx/device-ceilings';
import { accuracyView } from './accuracy-view';
import type { ComparedEngine } from './compared-engine';
import { compareSessions, labelledEngines } from './compare-sessions';
import { rowKeyIndex } from './comparison-rows';
import { comparisonView } from './comparison-view';
import { engineReport } from './engine-report';
import { chooseCeilings, variantsRoofline } from './roofline';

export interface AnalysisOptions {
  /** The baseline's label; a label the session does not have falls back to the default (FP32). */
  baseline?: string | null;
  /** Accuracy floor (0..1) under which a variant is flagged. */
  accuracyThreshold?: number;
  /** The roofline's device (a datasheet key or name); default the GPU the engines ran on. */
  device?: string | null;
  /** The parts to compute; default all. */
  parts?: AnalysisPart[];
}

const keyOf = (item: ComparedEngine) => item.engine.variantId ?? item.engine.id;

export function analyzeSession(session: Session, options: AnalysisOptions = {}): SessionAnalysis {
  const defaults = labelledEngines([session]);
  const labels = defaults.items.map((item) => item.label);
  const baseline = options.baseline && labels.includes(options.baseline) ? options.baseline : undefined;
  const threshold = options.accuracyThreshold;
  const compared = session.engines.length >= 2 ? compareSessions([session], { baseline }) : null;
  const { items, baseline: chosen } = compared ?? labelledEngines([session], { baseline });
  const view = compared
    ? comparisonView(compared.comparison, items, {
        sameModel: compared.sameModel,
        accuracyThreshold: threshold,
      })
    : null;
  const index = view ? rowKeyIndex(view.rows) : new Map<string, string>();
  const rowKeyOf = (name: string) => index.get(name);
  const engineDevice =
    items.find((item) => item.engine.device?.computeCapability)?.engine.device?.name ?? null;
  const parts = new Set(options.parts ?? ANALYSIS_PARTS);
  const analysis: SessionAnalysis = {
    engines: items.map((item) => ({ key: keyOf(item), label: item.label })),
    baseline: chosen,
    sameModel: compared?.sameModel ?? true,
    notes: compared?.notes ?? [],
    devices: knownDevices().map((device) => ({ key: normalizeDeviceName(device.name), name: device.name })),
    engineDevice,
    rowKeys: Object.fromEntries(index),
  };
  if (parts.has('comparison')) analysis.comparison = view;
  if (parts.has('reports'))
    analysis.reports = items.map((item) => engineReport(item, { model: session.model }));
  if (parts.has('accuracy')) {
    analysis.accuracy =
      session.accuracy.length > 0
        ? accuracyView(
            items.map((item) => item.label),
            items.map((item) => item.accuracy),
            { threshold, rowKeyOf },
          )
        : null;
  }
  if (parts.has('roofline')) {
    const measured = session.model?.ceilings.source === 'measured' ? [session.model.ceilings] : [];
    const timed = items.some((item) => (item.profile?.layers.length ?? 0) > 0);
    analysis.roofline = timed
      ? variantsRoofline(
          items,
          items.map((item) => item.label),
          chooseCeilings({ device: options.device, engineDevice, measured }),
          { model: session.model, rowKeyOf },
        )
      : null;
  }
  return analysis;
}
