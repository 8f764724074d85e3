/**
 * ORT's executed nodes as an Engine: one layer per node (after ORT's graph optimizations), with op
 * type, provider, and input/output element types and shapes when the profile has them (newer ORT).
 */
import { dtypeOfName } from '../model/dtype-names';
import type { Engine, EngineLayer, LayerTensor, Precision } from '../model/types';
import { isRecord } from './json-input';

export interface OrtNode {
  name: string;
  args: Record<string, unknown>;
}

/** ORT writes `[{"float": [1, 3, 224, 224]}, ...]`. */
function tensorsOf(value: unknown): LayerTensor[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((entry) => {
    const [type = 'unknown', dims] = Object.entries(entry)[0] ?? [];
    const shape =
      Array.isArray(dims) && dims.every((d) => typeof d === 'number' && Number.isFinite(d))
        ? (dims as number[])
        : null;
    return { name: '', dims: shape, dtype: dtypeOfName(type) ?? 'unknown' };
  });
}

function precisionOf(tensors: LayerTensor[]): Precision {
  const kinds = new Set(
    tensors.map((t) =>
      t.dtype === 'float32'
        ? 'fp32'
        : t.dtype === 'float16'
          ? 'fp16'
          : t.dtype === 'bfloat16'
            ? 'bf16'
            : t.dtype === 'int8' || t.dtype === 'uint8'
              ? 'int8'
              : undefined,
    ),
  );
  kinds.delete(undefined);
  if (kinds.size === 0) return 'unknown';
  if (kinds.size === 1) return [...kinds][0]!;
  return 'mixed';
}

function layerOf(node: OrtNode): EngineLayer {
  const { args } = node;
  const inputs = tensorsOf(args.input_type_shape);
  const outputs = tensorsOf(args.output_type_shape);
  const type = typeof args.op_name === 'string' ? args.op_name : 'unknown';
  const details: Record<string, unknown> = {};
  for (const key of ['provider', 'node_index', 'activation_size', 'parameter_size', 'output_size']) {
    if (args[key] !== undefined) details[key] = args[key];
  }
  return {
    name: node.name,
    type,
    precision: precisionOf([...inputs, ...outputs]),
    inputs,
    outputs,
    originNodes: [],
    fused: false,
    tensorCores: null,
    // ORT's CPU provider inserts these layout changes for its NCHWc kernels: not in the ONNX.
    reformat: type === 'ReorderInput' || type === 'ReorderOutput',
    profileIndex: 0,
    ...(Object.keys(details).length > 0 && { details }),
  };
}

export function engineFromOrtNodes(nodes: OrtNode[], meta: { id: string; file: string }): Engine {
  const layers = nodes.map(layerOf);
  const providers = new Set(
    layers.map((layer) => layer.details?.provider).filter((p) => typeof p === 'string'),
  );
  const precisions = new Set(layers.map((layer) => layer.precision).filter((p) => p !== 'unknown'));
  const detailed = layers.some((layer) => layer.inputs.length > 0);
  const warnings: string[] = [];
  if (!detailed)
    warnings.push(
      `${meta.file}: the profile gives no provider, types or shapes (old ORT format): precision is unknown`,
    );
  return {
    id: meta.id,
    backend: 'onnxruntime',
    precision: precisions.size === 1 ? [...precisions][0]! : precisions.size === 0 ? 'unknown' : 'mixed',
    buildOptions: providers.size > 0 ? { providers: [...providers].join(',') } : {},
    bindings: [],
    layers,
    detail: detailed ? 'detailed' : 'names-only',
    files: [meta.file],
    warnings,
  };
}
