/** The engine report of one variant (analysis/engine-report.ts), TREx's report card. Types only. */
import type { Engine, Lint, Precision } from '../types';
import type { CardLatency, ExecutionTarget, PrecisionShare, VariantCard } from './comparison';

export interface TensorSummary {
  name: string;
  dims: number[] | null;
  dtype: string;
  format: string | null;
}

/** A byte figure summed over the layers that give it, with how many did. */
export interface KnownBytes {
  bytes: number;
  layersKnown: number;
  layers: number;
}

export interface EngineReportSummary {
  backend: string;
  backendVersion: string | null;
  precision: string;
  device: string | null;
  target: ExecutionTarget;
  detail: Engine['detail'];
  layers: number;
  foldedLayers: number;
  inputs: TensorSummary[];
  outputs: TensorSummary[];
  /** Weights held by the layers; null when no layer says. */
  weights: KnownBytes | null;
  /** Bytes of every layer's outputs (activations written per inference); null when no shape is known. */
  activations: KnownBytes | null;
  options: [string, string][];
  buildTimeMs: number | null;
  sizeBytes: number | null;
  latency: CardLatency | null;
  throughput: VariantCard['throughput'];
  /** Sum of per-layer times; null without a per-layer profile. */
  layerSumMs: number | null;
}

export interface LayerTypeTime {
  type: string;
  layers: number;
  timeMs: number | null;
  /** 0..1 of the per-layer total. */
  share: number | null;
}

export interface EngineLayerRow {
  index: number;
  name: string;
  type: string;
  precision: Precision;
  inputPrecision: Precision;
  outputPrecision: Precision;
  inputFormat: string | null;
  outputFormat: string | null;
  tactic: string | null;
  tensorCores: boolean | null;
  timeMs: number | null;
  share: number | null;
  weightBytes: number | null;
  /** Bytes of the layer's outputs. */
  outputBytes: number | null;
  originNodes: string[];
  reformat: boolean;
}

export interface TacticTime {
  tactic: string;
  layers: number;
  timeMs: number | null;
  /** 0..1 of the per-layer total. */
  share: number | null;
}

export interface EngineReport {
  label: string;
  summary: EngineReportSummary;
  byType: LayerTypeTime[];
  byPrecision: PrecisionShare[];
  layers: EngineLayerRow[];
  tactics: TacticTime[];
  lints: Lint[];
  /** Model lints about nodes no layer holds (fused away, or another model). */
  unmappedModelLints: Lint[];
}
