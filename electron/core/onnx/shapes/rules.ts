/** Every shape rule, by op type of the default ONNX domain. */
import { constantRules } from './constants';
import { convRules } from './conv';
import { elementwiseRules } from './elementwise';
import { matmulRules } from './matmul';
import { nchwcRules } from './nchwc';
import { poolRules } from './pool';
import { quantizedOpRules } from './quantized-ops';
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
  ...quantizedOpRules,
};

/**
 * Domains whose ops follow the ONNX operator spec; com.microsoft quantized ops reuse the same rules
 * (quantized-ops.ts adds its own), and ONNX Runtime's NCHWc layout ops have theirs (nchwc.ts).
 */
export function ruleFor(domain: string, opType: string): ShapeRules[string] | undefined {
  if (domain === '' || domain === 'ai.onnx' || domain === 'com.microsoft') return shapeRules[opType];
  if (domain === 'com.microsoft.nchwc') return nchwcRules[opType];
  return undefined;
}
