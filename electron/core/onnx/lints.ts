/**
 * Model lints: findings about an ONNX model that matter for TensorRT latency, each with an id, a
 * severity, the nodes concerned, a message, a one-line why and a fix. One file per family in lints/.
 */
import type { Lint } from '../model/types';
import { alignmentLints } from './lints/alignment';
import { graphLints } from './lints/graph-lints';
import { intensityLints } from './lints/intensity';
import type { LintInput } from './lints/lint-input';
import { quantizationLints } from './lints/quantization';
import { spaceToDepthLints } from './lints/space-to-depth';

export type { LintInput } from './lints/lint-input';

const SEVERITY_ORDER: Record<Lint['severity'], number> = { error: 0, warning: 1, info: 2 };

export function lintModel(input: LintInput): Lint[] {
  const lints = [
    ...quantizationLints(input),
    ...graphLints(input),
    ...alignmentLints(input),
    ...intensityLints(input),
    ...spaceToDepthLints(input),
  ];
  return lints.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
