/** Every shape rule, by op type of the default ONNX domain. */
import { constantRules } from './constants';
import { convRules } from './conv';
import { elementwiseRules } from './elementwise';
import { matmulRules } from './matmul';
import { poolRules } from './pool';
import { reduceRules } from './reduce';
import { resizeRules } from './resize';
import { sliceRules } from './slice';
import { tensorOpRules } from './tensor-ops';
import type { ShapeRules } from './types';

export const shapeRules: ShapeRules = {
  ...convRules,
  ...matmulRules,
  ...poolRules,
  ...elementwiseRules,
  ...tensorOpRules,
  ...sliceRules,
  ...constantRules,
  ...resizeRules,
  ...reduceRules,
};

/** Domains whose ops follow the ONNX operator spec; com.microsoft quantized ops reuse the same rules. */
export function ruleFor(domain: string, opType: string): ShapeRules[string] | undefined {
  if (domain === '' || domain === 'ai.onnx' || domain === 'com.microsoft') return shapeRules[opType];
  return undefined;
}
