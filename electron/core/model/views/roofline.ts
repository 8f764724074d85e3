/** The roofline of the compared variants (analysis/roofline.ts). Types only. */
import type { DeviceCeilings } from '../types';

export type RoofPrecision = 'fp32' | 'tf32' | 'fp16' | 'int8';

export interface RooflinePoint {
  variant: number;
  layerName: string;
  /** The aligned row the layer belongs to (what selecting it selects). */
  rowKey: string;
  layerType: string;
  /** The roof the layer is judged against. */
  roof: RoofPrecision;
  flops: number;
  bytes: number;
  /** FLOP per byte. */
  intensity: number;
  /** FLOP per second the layer reached. */
  achieved: number;
  timeMs: number;
  /** The lower roof at this intensity, FLOP/s. */
  attainable: number;
  /** achieved / attainable, 0..1 (a little above 1 when a datasheet roof is low). */
  efficiency: number;
  bound: 'memory' | 'compute';
  costSource: 'model' | 'layer';
}

export interface Roof {
  precision: RoofPrecision;
  /** Peak, FLOP/s (OP/s for INT8). */
  peak: number;
  /** FLOP per byte where the memory slope meets this roof. */
  ridge: number;
}

export interface RooflineCeilings {
  device: DeviceCeilings;
  /** "measured on NVIDIA H200" / "datasheet: NVIDIA A100 SXM 80GB" / "given by the user". */
  label: string;
  /** Bytes per second. */
  bandwidth: number;
  roofs: Roof[];
}

export interface VariantCoverage {
  label: string;
  points: number;
  /** Layers with a time but no known FLOPs or bytes (or no math: reformats, copies). */
  withoutCost: number;
  /** Layers without a time. */
  untimed: number;
}

export interface Roofline {
  points: RooflinePoint[];
  ceilings: RooflineCeilings;
  /** The roofs some point is judged against, in the ceilings' order (the ones worth drawing). */
  drawnRoofs: RoofPrecision[];
  /** The roof most points are judged against: left of its ridge is the memory-bound region. */
  mainRoof: RoofPrecision | null;
  coverage: VariantCoverage[];
  notes: string[];
}
