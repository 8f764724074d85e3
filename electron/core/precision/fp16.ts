/**
 * FP32 -> FP16 variant. Float initializers, constants and activations become float16; nodes on the
 * block list (ops ONNX defines without float16, random generators, other domains, user choices) stay
 * FP32 and are reported with the reason; Casts join FP32 and FP16 regions, so every node sees the
 * types its schema allows, as ONNX Runtime and TensorRT's strongly typed ONNX parser require. Graph
 * inputs and outputs stay FP32 by default (Casts at the boundary). If/Loop/Scan bodies are converted
 * too, behind an FP32 interface.
 */
import { StudioError } from '../errors';
import {
  OnnxDataType,
  defaultOpset,
  type OnnxAttribute,
  type OnnxGraph,
  type OnnxModel,
  type OnnxNode,
  type OnnxTensor,
} from '../onnx/graph';
import { readTensorData } from '../onnx/tensor-data';
import type { Variant } from '../model/types';
import { float32ToFloat16 } from '../model/float16';
import { inferElemTypes, type ElemTypes } from './elem-types';
import { NameAllocator, castNode, hasSubgraph, outerReads, tensorFromArray } from './graph-edit';
import { modelSha256 } from './model-hash';

export interface Fp16Options {
  /** Keep graph inputs/outputs FP32 with Casts at the boundary (default true). */
  keepIoFp32?: boolean;
  /** More op types to keep in FP32 (e.g. 'Softmax', 'ReduceMean'). */
  blockOps?: string[];
  /** Node names to keep in FP32. */
  blockNodes?: string[];
}

export interface Fp16Result {
  model: OnnxModel;
  variant: Variant;
}

/** Ops kept in FP32 by default, with the reason given to the user. */
const BLOCKED_OPS: Record<string, string> = {
  Range: 'ONNX Range has no float16 type (T: float, double, int16, int32, int64)',
  NonMaxSuppression: 'ONNX NonMaxSuppression takes float32 boxes and scores only',
  RoiAlign: 'box coordinates lose pixel precision in FP16 (above 2048 the step is 2 px)',
  RandomNormal: 'random generator: its dtype attribute and seed define the values',
  RandomUniform: 'random generator: its dtype attribute and seed define the values',
  RandomNormalLike: 'random generator: its dtype attribute and seed define the values',
  RandomUniformLike: 'random generator: its dtype attribute and seed define the values',
  Multinomial: 'random generator: its dtype attribute and seed define the values',
  Bernoulli: 'random generator: its dtype attribute and seed define the values',
  EyeLike: 'its dtype attribute defines the output type',
  QuantizeLinear: 'already quantized: Q/DQ scales stay FP32',
  DequantizeLinear: 'already quantized: Q/DQ scales stay FP32',
  DynamicQuantizeLinear: 'ONNX DynamicQuantizeLinear takes float32 only',
};

/** Input slots that must stay FP32 even in a converted node (schema: tensor(float) only). */
function fp32Slots(n: OnnxNode, opset: number): Set<number> {
  if (n.opType === 'Resize') return new Set(opset >= 11 ? [1, 2] : [1]);
  if (n.opType === 'Upsample') return new Set([1]);
  return new Set();
}

interface Context {
  names: NameAllocator;
  opset: number;
  irVersion: number;
  keepIo: boolean;
  blockOps: Set<string>;
  blockNodes: Set<string>;
  kept: { node: string; reason: string }[];
  casts: number;
  initializers: { converted: number; bytesBefore: number; bytesAfter: number };
  clamped: { tensor: string; count: number }[];
  flushed: number;
}

/** For each original tensor name: which tensor carries it in which dtype. */
type Available = Map<string, Map<OnnxDataType, string>>;

function copyAvailable(available: Available): Available {
  return new Map([...available].map(([k, v]) => [k, new Map(v)]));
}

function keepReason(n: OnnxNode, ctx: Context): string | null {
  if (ctx.blockNodes.has(n.name)) return 'kept FP32 by request (node list)';
  if (ctx.blockOps.has(n.opType)) return `kept FP32 by request (op ${n.opType})`;
  if (n.domain !== '' && n.domain !== 'ai.onnx')
    return `op of domain "${n.domain}": its FP16 support is unknown`;
  if (n.opType === 'CumSum' && ctx.opset < 14)
    return `ONNX CumSum has no float16 before opset 14 (model: ${ctx.opset})`;
  return BLOCKED_OPS[n.opType] ?? null;
}

function toFp16Tensor(tensor: OnnxTensor, name: string, ctx: Context): OnnxTensor {
  const values = readTensorData(tensor) as Float32Array;
  const { bits, clamped, flushedToZero } = float32ToFloat16(values);
  if (clamped > 0) ctx.clamped.push({ tensor: tensor.name, count: clamped });
  ctx.flushed += flushedToZero;
  ctx.initializers.converted++;
  ctx.initializers.bytesBefore += values.byteLength;
  ctx.initializers.bytesAfter += bits.byteLength;
  return { ...tensorFromArray(name, OnnxDataType.FLOAT16, tensor.dims, bits), docString: tensor.docString };
}

/** Converted node's float attributes: Cast targets, Constant values, ConstantOfShape's fill value. */
function convertAttributes(n: OnnxNode, ctx: Context): OnnxAttribute[] {
  const out: OnnxAttribute[] = [];
  for (const a of n.attributes) {
    if (n.opType === 'Cast' && a.name === 'to' && a.type === 'int' && a.value === OnnxDataType.FLOAT) {
      out.push({ ...a, value: OnnxDataType.FLOAT16 });
    } else if (
      a.type === 'tensor' &&
      a.value.dataType === OnnxDataType.FLOAT &&
      (n.opType === 'Constant' || n.opType === 'ConstantOfShape')
    ) {
      out.push({ ...a, value: toFp16Tensor(a.value, a.value.name, ctx) });
    } else if (n.opType === 'Constant' && (a.name === 'value_float' || a.name === 'value_floats')) {
      const values = a.type === 'float' ? [a.value] : a.type === 'floats' ? a.value : [];
      const bits = float32ToFloat16(values).bits;
      out.push({
        name: 'value',
        type: 'tensor',
        value: tensorFromArray('', OnnxDataType.FLOAT16, a.type === 'float' ? [] : [values.length], bits),
      });
    } else {
      out.push(a);
    }
  }
  if (n.opType === 'ConstantOfShape' && !n.attributes.some((a) => a.name === 'value')) {
    out.push({
      name: 'value',
      type: 'tensor',
      value: tensorFromArray('', OnnxDataType.FLOAT16, [1], new Uint16Array(1)),
    });
  }
  return out;
}

class GraphConverter {
  private readonly nodes: OnnxNode[] = [];
  private readonly types = new Map<string, OnnxDataType>();
  private readonly available: Available;
  private readonly orig: ElemTypes;

  constructor(
    private readonly graph: OnnxGraph,
    outer: Available,
    outerTypes: ElemTypes,
    private readonly isMain: boolean,
    private readonly ctx: Context,
  ) {
    this.available = copyAvailable(outer);
    this.orig = inferElemTypes(graph, outerTypes);
  }

  private origType(name: string): OnnxDataType {
    return this.orig.get(name) ?? OnnxDataType.UNDEFINED;
  }

  private offer(name: string, type: OnnxDataType, carrier = name): void {
    let entry = this.available.get(name);
    if (!entry) this.available.set(name, (entry = new Map()));
    entry.set(type, carrier);
    this.types.set(carrier, type);
  }

  /** The tensor carrying `name` in `type`, inserting a Cast when only the other float type exists. */
  private resolve(name: string, type: OnnxDataType): string {
    const entry = this.available.get(name);
    if (!entry || entry.has(type) || (type !== OnnxDataType.FLOAT && type !== OnnxDataType.FLOAT16))
      return entry?.get(type) ?? name;
    const from = entry.get(type === OnnxDataType.FLOAT ? OnnxDataType.FLOAT16 : OnnxDataType.FLOAT);
    if (!from) return name;
    const suffix = type === OnnxDataType.FLOAT16 ? 'fp16' : 'fp32';
    const output = this.ctx.names.fresh(`${name}_${suffix}`);
    this.nodes.push(castNode(this.ctx.names.fresh(`${name}_cast_${suffix}`), from, output, type));
    this.ctx.casts++;
    this.offer(name, type, output);
    return output;
  }

  private interfaceType(name: string): OnnxDataType | null {
    if (!this.graph.outputs.some((o) => o.name === name)) return null;
    const t = this.origType(name);
    if (this.isMain && !this.ctx.keepIo && t === OnnxDataType.FLOAT) return OnnxDataType.FLOAT16;
    return t;
  }

  /** Which slots of which nodes read each initializer in FP16 / FP32. */
  private initializerNeeds(decisions: Map<OnnxNode, boolean>): { fp16: Set<string>; fp32: Set<string> } {
    const fp16 = new Set<string>();
    const fp32 = new Set<string>();
    for (const n of this.graph.nodes) {
      const slots = fp32Slots(n, this.ctx.opset);
      n.inputs.forEach((input, i) => {
        if (!input) return;
        (decisions.get(n) && !slots.has(i) ? fp16 : fp32).add(input);
      });
      for (const read of outerReads(n)) fp32.add(read);
    }
    for (const o of this.graph.outputs) fp32.add(o.name);
    return { fp16, fp32 };
  }

  private convertInitializers(decisions: Map<OnnxNode, boolean>): OnnxTensor[] {
    const needs = this.initializerNeeds(decisions);
    const out: OnnxTensor[] = [];
    for (const tensor of this.graph.initializers) {
      if (tensor.dataType !== OnnxDataType.FLOAT || !needs.fp16.has(tensor.name)) {
        out.push(tensor);
        this.offer(tensor.name, tensor.dataType);
        continue;
      }
      if (needs.fp32.has(tensor.name)) {
        const copyName = this.ctx.names.fresh(`${tensor.name}_fp16`);
        out.push(tensor, toFp16Tensor(tensor, copyName, this.ctx));
        this.offer(tensor.name, OnnxDataType.FLOAT);
        this.offer(tensor.name, OnnxDataType.FLOAT16, copyName);
      } else {
        out.push(toFp16Tensor(tensor, tensor.name, this.ctx));
        this.offer(tensor.name, OnnxDataType.FLOAT16);
      }
    }
    return out;
  }

  private decide(): Map<OnnxNode, boolean> {
    const decisions = new Map<OnnxNode, boolean>();
    for (const n of this.graph.nodes) {
      const touchesFloat = [...n.inputs, ...n.outputs].some(
        (t) => t && this.origType(t) === OnnxDataType.FLOAT,
      );
      if (!touchesFloat || hasSubgraph(n)) {
        decisions.set(n, false);
        continue;
      }
      const reason = keepReason(n, this.ctx);
      if (reason) this.ctx.kept.push({ node: n.name || `${n.opType} -> ${n.outputs[0]}`, reason });
      decisions.set(n, reason === null);
    }
    return decisions;
  }

  /** Node outputs: offered in their new type; interface outputs renamed + Cast when the type must differ. */
  private emitOutputs(n: OnnxNode, converted: boolean): { outputs: string[]; casts: OnnxNode[] } {
    const casts: OnnxNode[] = [];
    const outputs = n.outputs.map((name) => {
      if (!name) return name;
      const orig = this.origType(name);
      const type = converted && orig === OnnxDataType.FLOAT ? OnnxDataType.FLOAT16 : orig;
      const wanted = this.interfaceType(name);
      if (
        wanted === null ||
        wanted === type ||
        (type !== OnnxDataType.FLOAT && type !== OnnxDataType.FLOAT16)
      ) {
        this.offer(name, type);
        return name;
      }
      const inner = this.ctx.names.fresh(`${name}_${type === OnnxDataType.FLOAT16 ? 'fp16' : 'fp32'}`);
      this.offer(name, type, inner);
      casts.push(castNode(this.ctx.names.fresh(`${name}_cast_out`), inner, name, wanted));
      this.ctx.casts++;
      this.offer(name, wanted, name);
      return inner;
    });
    return { outputs, casts };
  }

  private convertSubgraphs(n: OnnxNode): OnnxAttribute[] {
    return n.attributes.map((a) => {
      const sub = (g: OnnxGraph) => new GraphConverter(g, this.available, this.orig, false, this.ctx).run();
      if (a.type === 'graph') return { ...a, value: sub(a.value) };
      if (a.type === 'graphs') return { ...a, value: a.value.map(sub) };
      return a;
    });
  }

  run(): OnnxGraph {
    const decisions = this.decide();
    const initializers = this.convertInitializers(decisions);
    const initializerNames = new Set(this.graph.initializers.map((t) => t.name));
    const inputs = this.graph.inputs.map((input) => {
      if (initializerNames.has(input.name)) {
        // Old IR: weights listed as inputs too; their type follows the initializer.
        const entry = this.available.get(input.name);
        const converted = entry?.get(OnnxDataType.FLOAT16) === input.name;
        return converted && input.type?.kind === 'tensor'
          ? { ...input, type: { ...input.type, elemType: OnnxDataType.FLOAT16 } }
          : input;
      }
      const t = this.origType(input.name);
      if (this.isMain && !this.ctx.keepIo && t === OnnxDataType.FLOAT && input.type?.kind === 'tensor') {
        this.offer(input.name, OnnxDataType.FLOAT16);
        return { ...input, type: { ...input.type, elemType: OnnxDataType.FLOAT16 } };
      }
      this.offer(input.name, t);
      return input;
    });
    if (this.ctx.irVersion < 4) {
      for (const t of initializers) {
        if (!inputs.some((i) => i.name === t.name))
          inputs.push({
            name: t.name,
            type: { kind: 'tensor', elemType: t.dataType, shape: t.dims.map((d) => ({ value: d })) },
          });
      }
    }
    for (const n of this.graph.nodes) {
      const converted = decisions.get(n)!;
      const slots = fp32Slots(n, this.ctx.opset);
      const newInputs = n.inputs.map((input, i) => {
        if (!input) return input;
        const orig = this.origType(input);
        const wanted =
          converted && orig === OnnxDataType.FLOAT && !slots.has(i) ? OnnxDataType.FLOAT16 : orig;
        return this.resolve(input, wanted);
      });
      const attributes = hasSubgraph(n)
        ? this.convertSubgraphs(n)
        : converted
          ? convertAttributes(n, this.ctx)
          : n.attributes;
      const { outputs, casts } = this.emitOutputs(n, converted);
      this.nodes.push({ ...n, inputs: newInputs, outputs, attributes }, ...casts);
    }
    return {
      ...this.graph,
      nodes: this.nodes,
      inputs,
      initializers,
      outputs: this.retypedOutputs(),
      valueInfo: this.retypedValueInfo(),
    };
  }

  private retype<T extends OnnxGraph['outputs'][number]>(info: T, name: string): T {
    const type = this.types.get(name);
    if (info.type?.kind !== 'tensor' || type === undefined || type === OnnxDataType.UNDEFINED)
      return { ...info, name };
    return { ...info, name, type: { ...info.type, elemType: type } };
  }

  private retypedOutputs(): OnnxGraph['outputs'] {
    return this.graph.outputs.map((o) => this.retype(o, o.name));
  }

  /** value_info for every tensor with a known shape, in its new type, new carriers included. */
  private retypedValueInfo(): OnnxGraph['valueInfo'] {
    const out: OnnxGraph['valueInfo'] = [];
    const byName = new Map(this.graph.valueInfo.map((v) => [v.name, v]));
    const outputNames = new Set(this.graph.outputs.map((o) => o.name));
    for (const [name, entry] of this.available) {
      const info = byName.get(name);
      if (!info) continue;
      for (const carrier of entry.values())
        if (!outputNames.has(carrier)) out.push(this.retype(info, carrier));
    }
    return out;
  }
}

function checkModel(model: OnnxModel): void {
  const floats = model.graph.initializers.filter((t) => t.dataType === OnnxDataType.FLOAT).length;
  const halfs = model.graph.initializers.filter((t) => t.dataType === OnnxDataType.FLOAT16).length;
  if (floats === 0 && halfs > 0)
    throw new StudioError(model.path || undefined, 'the model is already FP16: there is nothing to convert');
}

/** Builds the FP16 variant of `model`; the input model is not modified. */
export function makeFp16Variant(model: OnnxModel, options: Fp16Options = {}): Fp16Result {
  checkModel(model);
  const ctx: Context = {
    names: new NameAllocator(model),
    opset: defaultOpset(model),
    irVersion: model.irVersion,
    keepIo: options.keepIoFp32 ?? true,
    blockOps: new Set(options.blockOps ?? []),
    blockNodes: new Set(options.blockNodes ?? []),
    kept: [],
    casts: 0,
    initializers: { converted: 0, bytesBefore: 0, bytesAfter: 0 },
    clamped: [],
    flushed: 0,
  };
  const graph = new GraphConverter(model.graph, new Map(), new Map(), true, ctx).run();
  const notes = [
    `${ctx.initializers.converted} float initializers/constants converted to FP16 (${(ctx.initializers.bytesBefore / 1e6).toFixed(2)} MB -> ${(ctx.initializers.bytesAfter / 1e6).toFixed(2)} MB)`,
    `${ctx.casts} Cast nodes inserted between FP32 and FP16 regions`,
    ctx.keepIo
      ? 'graph inputs and outputs kept FP32 (Casts at the boundary)'
      : 'graph inputs and outputs converted to FP16',
  ];
  for (const c of ctx.clamped)
    notes.push(`${c.count} values of "${c.tensor}" exceeded the FP16 range and were clamped to +-65504`);
  if (ctx.flushed > 0) notes.push(`${ctx.flushed} tiny non-zero weights (below 2^-24) became 0 in FP16`);
  const variant: Variant = {
    id: 'fp16',
    precision: 'fp16',
    modelSha256: modelSha256(model),
    recipe: {
      keepIoFp32: ctx.keepIo,
      ...(options.blockOps?.length ? { excludedOps: options.blockOps } : {}),
      ...(options.blockNodes?.length ? { excludedNodes: options.blockNodes } : {}),
    },
    keptHigherPrecision: ctx.kept,
    notes,
  };
  return { model: { ...model, path: '', sizeBytes: 0, graph }, variant };
}
