/**
 * Everything the comparison, engine report, accuracy and roofline views show of one session, as the
 * analyzeSession operation answers it (analysis/session-analysis.ts). Types only.
 */
import type { AccuracyView } from './accuracy';
import type { ComparisonView } from './comparison';
import type { EngineReport } from './engine-report';
import type { Roofline } from './roofline';

export interface AnalyzedEngine {
  /** What the selection names it by: its variant id, or the engine id of an imported run. */
  key: string;
  /** Precision and backend ("INT8 TensorRT"). */
  label: string;
}

/** The parts of an analysis a view asks for (each view draws one; the others need not travel). */
export type AnalysisPart = 'comparison' | 'reports' | 'accuracy' | 'roofline';

export const ANALYSIS_PARTS: AnalysisPart[] = ['comparison', 'reports', 'accuracy', 'roofline'];

export interface SessionAnalysis {
  /** The session's engines in compared order: the baseline first. */
  engines: AnalyzedEngine[];
  baseline: { label: string; reason: string };
  /** False when the engines come from different models: layers are then not compared. */
  sameModel: boolean;
  /** What to know before reading (different models, devices). */
  notes: string[];
  /** Null with fewer than two engines; absent when not asked for (see AnalysisPart). */
  comparison?: ComparisonView | null;
  /** One per engine, in compared order; absent when not asked for. */
  reports?: EngineReport[];
  /** Null when the session holds no accuracy result; absent when not asked for. */
  accuracy?: AccuracyView | null;
  /** Null when no engine has per-layer times; absent when not asked for. */
  roofline?: Roofline | null;
  /** The devices whose roofs can be drawn (key for the request, name to show). */
  devices: { key: string; name: string }[];
  /** The GPU the engines ran on, when one did (the roofline's default device). */
  engineDevice: string | null;
  /** Any variant's layer name or fused ONNX node -> the key of its aligned row. */
  rowKeys: Record<string, string>;
}
