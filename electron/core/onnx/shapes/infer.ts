/**
 * Static shape inference over a model's main graph: declared shapes and the user's overrides, then
 * one rule per node in topological order. Dims that cannot be told stay null and their nodes are
 * listed in `unknownShapeNodes`; nothing is guessed. Small constant values (shape vectors) are
 * tracked alongside, so Shape -> Gather -> Concat -> Reshape chains resolve.
 */
import { StudioError } from '../../errors';
import type { Dim, DType } from '../../model/types';
import type { OnnxModel, OnnxNode, OnnxTensor } from '../graph';
import { defaultOpset } from '../graph';
import { MAX_ELEMENTS } from '../reader';
import { constantFact, MAX_TRACKED_ELEMENTS } from './constants';
import { bindOverrides, declaredFact, realInputs, substituteSymbols } from './declared';
import { elementCount } from './dims';
import { dtypeName } from '../dtypes';
import { ruleFor } from './rules';
import { topologicalOrder } from './topological-order';
import type { ShapeContext, TensorFact } from './types';

export interface ShapeInference {
  /** Every tensor whose dtype is known: shapes may hold symbols or nulls. */
  tensors: Map<string, TensorFact>;
  /** Indices of main-graph nodes with an output whose shape is not fully told (null rank or null dims). */
  unknownShapeNodes: number[];
  /** Real inputs whose shape still holds symbols or unknown dims after the overrides. */
  dynamicInputs: { name: string; shape: Dim[] | null }[];
  /** Symbol values pinned by the overrides ("batch" -> 1). */
  symbolBindings: Map<string, number>;
}

function isFullyKnown(fact: TensorFact | null | undefined): boolean {
  return !!fact?.shape && fact.shape.every((d) => d !== null);
}

/** Inferred dims win; a declared dim fills any dim (or the whole shape) inference left null. */
function mergeFacts(inferred: TensorFact | null, declared: TensorFact | undefined): TensorFact | null {
  if (!declared) return inferred;
  if (!inferred) return declared;
  const shape =
    inferred.shape && declared.shape && inferred.shape.length === declared.shape.length
      ? inferred.shape.map((d, i) =>
          d === null || (typeof d === 'string' && typeof declared.shape![i] === 'number')
            ? declared.shape![i]
            : d,
        )
      : (inferred.shape ?? declared.shape);
  const dtype = inferred.dtype === 'unknown' ? declared.dtype : inferred.dtype;
  return { ...inferred, dtype, shape };
}

function checkFact(file: string, name: string, fact: TensorFact, origin: string): void {
  for (const d of fact.shape ?? []) {
    if (typeof d === 'number' && (!Number.isSafeInteger(d) || d < 0)) {
      throw new StudioError(
        file,
        `tensor "${name}" (${origin}) has dimension ${d} in [${fact.shape!.join(', ')}]`,
      );
    }
  }
  const count = elementCount(fact.shape);
  if (count !== null && count > MAX_ELEMENTS) {
    throw new StudioError(
      file,
      `tensor "${name}" (${origin}) has absurd dimensions [${fact.shape!.join(', ')}]`,
    );
  }
}

class InferenceState implements ShapeContext {
  readonly tensors = new Map<string, TensorFact>();
  readonly opset: number;
  private readonly initializers: Map<string, OnnxTensor>;

  constructor(model: OnnxModel) {
    this.opset = defaultOpset(model);
    this.initializers = new Map(model.graph.initializers.map((t) => [t.name, t]));
  }

  fact(name: string): TensorFact | undefined {
    return name ? this.tensors.get(name) : undefined;
  }

  value(name: string): Dim[] | undefined {
    const fact = this.fact(name);
    if (!fact || fact.value) return fact?.value;
    const tensor = this.initializers.get(name);
    if (!tensor || (elementCount(tensor.dims) ?? Infinity) > MAX_TRACKED_ELEMENTS) return undefined;
    fact.value = constantFact(tensor).value;
    return fact.value;
  }
}

function displayName(node: OnnxNode, index: number): string {
  return node.name || `${node.opType} #${index}`;
}

/** Facts of one node's outputs from its rule, unknown (null) entries where the rule could not tell. */
function runRule(node: OnnxNode, state: InferenceState): (TensorFact | null)[] {
  const rule = ruleFor(node.domain, node.opType);
  if (!rule) return [];
  try {
    return rule(node, state);
  } catch (error) {
    // A malformed node (missing inputs, odd attributes) leaves its outputs unknown; file errors surface.
    if (error instanceof StudioError) throw error;
    return [];
  }
}

/**
 * `executed` holds shapes measured by running the model (shape capture by execution): they fill in
 * what the rules could not infer, and never override a fully inferred shape.
 */
export function inferShapes(
  model: OnnxModel,
  overrides: Record<string, number[]> = {},
  executed: Record<string, { dims: number[]; dtype: DType }> = {},
): ShapeInference {
  const file = model.sourcePath || model.path || model.graph.name || 'model';
  const graph = model.graph;
  const bindings = bindOverrides(file, graph, overrides);
  const state = new InferenceState(model);

  const declared = new Map<string, TensorFact>();
  for (const info of [...graph.valueInfo, ...graph.outputs]) {
    const fact = declaredFact(info);
    if (!fact) continue;
    fact.shape = substituteSymbols(fact.shape, bindings);
    checkFact(file, info.name, fact, 'declared in the model');
    declared.set(info.name, fact);
  }
  for (const tensor of graph.initializers) {
    state.tensors.set(tensor.name, { dtype: dtypeName(tensor.dataType), shape: [...tensor.dims] });
  }
  const dynamicInputs: ShapeInference['dynamicInputs'] = [];
  for (const input of realInputs(graph)) {
    const fact = declaredFact(input) ?? { dtype: 'unknown', shape: null };
    fact.shape = overrides[input.name] ? [...overrides[input.name]] : substituteSymbols(fact.shape, bindings);
    checkFact(file, input.name, fact, 'graph input');
    if (!fact.shape || fact.shape.some((d) => typeof d !== 'number'))
      dynamicInputs.push({ name: input.name, shape: fact.shape });
    state.tensors.set(input.name, fact);
  }

  const unknownShapeNodes: number[] = [];
  for (const index of topologicalOrder(graph.nodes)) {
    const node = graph.nodes[index];
    const inferred = runRule(node, state);
    let unknown = false;
    node.outputs.forEach((name, i) => {
      if (!name) return;
      let fact = mergeFacts(inferred[i] ?? null, declared.get(name));
      const measured = executed[name];
      if (!isFullyKnown(fact) && measured) {
        fact = {
          dtype: fact && fact.dtype !== 'unknown' ? fact.dtype : measured.dtype,
          shape: [...measured.dims],
        };
      }
      if (fact) {
        checkFact(file, name, fact, `output of ${node.opType} node "${displayName(node, index)}"`);
        state.tensors.set(name, fact);
      }
      if (!isFullyKnown(fact)) unknown = true;
    });
    if (unknown) unknownShapeNodes.push(index);
  }
  unknownShapeNodes.sort((a, b) => a - b);
  return { tensors: state.tensors, unknownShapeNodes, dynamicInputs, symbolBindings: bindings };
}
