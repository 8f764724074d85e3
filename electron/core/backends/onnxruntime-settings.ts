/**
 * The ONNX Runtime knobs a user sets (threads, graph optimization level) and their defaults. Kept apart
 * from onnxruntime-session.ts so the CLI and UI can show the defaults without loading ONNX Runtime.
 */
export const ORT_OPTIMIZATION_LEVELS = ['disabled', 'basic', 'extended', 'layout', 'all'] as const;

export type OrtOptimizationLevel = (typeof ORT_OPTIMIZATION_LEVELS)[number];

export interface OrtSettings {
  /** Threads inside one operator (ORT's intra-op pool); 0 = ORT's default (all cores). */
  intraOpThreads: number;
  /** Threads across independent operators; only used in parallel execution mode. */
  interOpThreads: number;
  optimizationLevel: OrtOptimizationLevel;
}

export const DEFAULT_ORT_SETTINGS: OrtSettings = {
  intraOpThreads: 0,
  interOpThreads: 1,
  optimizationLevel: 'all',
};
