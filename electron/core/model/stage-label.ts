/**
 * A job's progress stages in the words a user reads: `int8:make` is "INT8: make the variant",
 * `accuracy` is "accuracy vs FP32". Shared by the Run view's stage list and the Session view's
 * banner of an unfinished run, so both name a stage the same way.
 */

const WHOLE_STAGES: Record<string, string> = {
  accuracy: 'accuracy vs FP32',
  inputs: 'check the inputs',
  inspect: 'measure shapes',
  'per-layer': 'per-layer accuracy',
};

const STEPS: Record<string, string> = { make: 'make the variant', load: 'load', profile: 'profile' };

export function stageLabel(stage: string): string {
  const [precision, step] = stage.split(':');
  if (!step) return WHOLE_STAGES[stage] ?? stage;
  return `${precision!.toUpperCase()}: ${STEPS[step] ?? step}`;
}

/** A variant id as a label: `fp16` is "FP16", `int8-onnxruntime` is "INT8 (onnxruntime)". */
export function variantLabel(id: string): string {
  const [precision, ...rest] = id.split('-');
  return rest.length > 0 ? `${precision!.toUpperCase()} (${rest.join('-')})` : precision!.toUpperCase();
}
