/**
 * Shapes the model declares (graph inputs, outputs, value_info) and the user's --shape overrides:
 * overrides are checked against the declared inputs, and the symbols they pin ("batch" = 1) are
 * applied wherever the same symbol appears.
 */
import { StudioError } from '../../errors';
import type { Dim } from '../../model/types';
import { dtypeName } from '../dtypes';
import type { OnnxGraph, OnnxValueInfo } from '../graph';
import type { TensorFact } from './types';

export function declaredFact(info: OnnxValueInfo): TensorFact | null {
  if (info.type?.kind !== 'tensor') return null;
  const shape = info.type.shape?.map((d): Dim => d.value ?? d.param ?? null) ?? null;
  return { dtype: dtypeName(info.type.elemType), shape };
}

export function substituteSymbols(shape: Dim[] | null, bindings: Map<string, number>): Dim[] | null {
  return shape?.map((d) => (typeof d === 'string' ? (bindings.get(d) ?? d) : d)) ?? null;
}

/** Graph inputs that are not initializers (old exporters list weights as inputs too). */
export function realInputs(graph: OnnxGraph): OnnxValueInfo[] {
  const initializers = new Set(graph.initializers.map((t) => t.name));
  return graph.inputs.filter((input) => !initializers.has(input.name));
}

function describeShape(shape: Dim[] | null): string {
  return shape ? `[${shape.map((d) => d ?? '?').join(', ')}]` : 'unknown';
}

/** Checks the overrides against the inputs and returns the symbol values they pin. */
export function bindOverrides(
  file: string,
  graph: OnnxGraph,
  overrides: Record<string, number[]>,
): Map<string, number> {
  const inputs = new Map(realInputs(graph).map((input) => [input.name, declaredFact(input)]));
  const bindings = new Map<string, number>();
  for (const [name, shape] of Object.entries(overrides)) {
    if (!inputs.has(name)) {
      throw new StudioError(
        file,
        `--shape names "${name}", which is not an input of the model (inputs: ${[...inputs.keys()].join(', ')})`,
      );
    }
    if (shape.some((d) => !Number.isSafeInteger(d) || d < 1)) {
      throw new StudioError(
        file,
        `--shape ${name}: dimensions must be positive integers, got ${shape.join('x')}`,
      );
    }
    const declared = inputs.get(name)?.shape;
    if (!declared) continue;
    if (declared.length !== shape.length) {
      throw new StudioError(
        file,
        `--shape ${name}: the input has rank ${declared.length} ${describeShape(declared)}, got ${shape.join('x')}`,
      );
    }
    declared.forEach((d, axis) => {
      if (typeof d === 'number' && d !== shape[axis]) {
        throw new StudioError(
          file,
          `--shape ${name}: dimension ${axis} is fixed at ${d} in the model, got ${shape[axis]}`,
        );
      }
      if (typeof d !== 'string') return;
      const previous = bindings.get(d);
      if (previous !== undefined && previous !== shape[axis]) {
        throw new StudioError(file, `--shape sets symbol "${d}" to both ${previous} and ${shape[axis]}`);
      }
      bindings.set(d, shape[axis]);
    });
  }
  return bindings;
}
