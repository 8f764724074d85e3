/** How a precision variant was made, in one sentence a user reads (session view, reports). */
import type { Variant } from './types';

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function describeVariantRecipe(variant: Variant): string {
  const { recipe } = variant;
  const parts: string[] = [];
  if (variant.precision === 'fp32' && Object.keys(recipe).length === 0) {
    parts.push('the source model, unchanged');
  } else if (variant.precision === 'fp16') {
    parts.push('FP16 weights and activations');
    if (recipe.keepIoFp32) parts.push('graph inputs and outputs kept FP32 (casts at the boundary)');
  } else if (variant.precision === 'int8') {
    const target =
      recipe.target === 'tensorrt'
        ? 'TensorRT (symmetric INT8, zero point 0)'
        : recipe.target === 'onnxruntime'
          ? 'ONNX Runtime (asymmetric UINT8 activations)'
          : 'an unstated runtime';
    parts.push(`INT8 Q/DQ for ${target}`);
    if (recipe.calibrationMethod || recipe.calibrationData) {
      const samples =
        recipe.calibrationSamples !== undefined ? ` on ${plural(recipe.calibrationSamples, 'sample')}` : '';
      const data = recipe.calibrationData ? ` of ${recipe.calibrationData}` : '';
      parts.push(`${recipe.calibrationMethod ?? 'unstated'} calibration${samples}${data}`);
    }
  } else {
    parts.push(`${variant.precision} variant`);
  }
  if (recipe.excludedNodes?.length) parts.push(`${plural(recipe.excludedNodes.length, 'node')} excluded`);
  if (recipe.excludedOps?.length) parts.push(`op types excluded: ${recipe.excludedOps.join(', ')}`);
  if (variant.keptHigherPrecision.length > 0)
    parts.push(`${plural(variant.keptHigherPrecision.length, 'node')} kept in higher precision`);
  return parts.join('; ');
}
