/**
 * Builds small in-memory OnnxModels for the shape, cost and lint tests: inputs, initializers with
 * real little-endian payloads, nodes with attributes typed from their JS values.
 */
import type {
  OnnxAttribute,
  OnnxModel,
  OnnxNode,
  OnnxTensor,
  OnnxValueInfo,
} from '../../../electron/core/onnx/graph';
import { OnnxDataType } from '../../../electron/core/onnx/graph';
import { modelOf } from '../../helpers/onnx-model';

export type AttributeInput =
  number | number[] | string | { floats: number[] } | { float: number } | OnnxTensor;

function attribute(name: string, value: AttributeInput): OnnxAttribute {
  if (typeof value === 'string') return { name, type: 'string', value };
  if (typeof value === 'number') return { name, type: 'int', value };
  if (Array.isArray(value)) return { name, type: 'ints', value };
  if ('floats' in value) return { name, type: 'floats', value: value.floats };
  if ('float' in value) return { name, type: 'float', value: value.float };
  return { name, type: 'tensor', value };
}

/** JS numbers near 2^63 round up past INT64_MAX: clamp as ONNX exporters write the sentinels. */
function toInt64(value: number): bigint {
  const max = 2n ** 63n - 1n;
  const big = BigInt(value);
  return big > max ? max : big < -max - 1n ? -max - 1n : big;
}

/** A tensor holding real bytes: int64 for INT64, float32 for FLOAT, int8/uint8 as given. */
export function tensor(name: string, dataType: OnnxDataType, dims: number[], values?: number[]): OnnxTensor {
  const count = dims.reduce((p, d) => p * d, 1);
  const data = values ?? new Array(count).fill(0);
  let bytes: Uint8Array;
  if (dataType === OnnxDataType.INT64) bytes = new Uint8Array(BigInt64Array.from(data.map(toInt64)).buffer);
  else if (dataType === OnnxDataType.INT32) bytes = new Uint8Array(Int32Array.from(data).buffer);
  else if (dataType === OnnxDataType.INT8) bytes = new Uint8Array(Int8Array.from(data).buffer);
  else if (dataType === OnnxDataType.UINT8) bytes = Uint8Array.from(data);
  else if (dataType === OnnxDataType.FLOAT16) bytes = new Uint8Array(count * 2);
  else bytes = new Uint8Array(Float32Array.from(data).buffer);
  return { name, dataType, dims, data: { kind: 'bytes', bytes } };
}

export class GraphBuilder {
  private readonly nodes: OnnxNode[] = [];
  private readonly inputs: OnnxValueInfo[] = [];
  private readonly outputs: OnnxValueInfo[] = [];
  private readonly valueInfo: OnnxValueInfo[] = [];
  private readonly initializers: OnnxTensor[] = [];

  input(name: string, shape: (number | string)[] | null, elemType = OnnxDataType.FLOAT): this {
    this.inputs.push(valueInfo(name, shape, elemType));
    return this;
  }

  output(name: string, shape: (number | string)[] | null = null, elemType = OnnxDataType.FLOAT): this {
    this.outputs.push(valueInfo(name, shape, elemType));
    return this;
  }

  declare(name: string, shape: (number | string)[] | null, elemType = OnnxDataType.FLOAT): this {
    this.valueInfo.push(valueInfo(name, shape, elemType));
    return this;
  }

  weight(name: string, dims: number[], dataType = OnnxDataType.FLOAT, values?: number[]): this {
    this.initializers.push(tensor(name, dataType, dims, values));
    return this;
  }

  /** An int64 initializer (shape vectors, axes, starts...). */
  ints(name: string, values: number[], dims: number[] = [values.length]): this {
    return this.weight(name, dims, OnnxDataType.INT64, values);
  }

  floats(name: string, values: number[], dims: number[] = [values.length]): this {
    return this.weight(name, dims, OnnxDataType.FLOAT, values);
  }

  node(
    opType: string,
    inputs: string[],
    outputs: string[],
    attributes: Record<string, AttributeInput> = {},
    extra: Partial<OnnxNode> = {},
  ): this {
    this.nodes.push({
      name: extra.name ?? `${opType.toLowerCase()}${this.nodes.length}`,
      opType,
      domain: extra.domain ?? '',
      inputs,
      outputs,
      attributes: Object.entries(attributes).map(([k, v]) => attribute(k, v)),
    });
    return this;
  }

  model(opset = 13, path = '/models/test.onnx'): OnnxModel {
    const graph = {
      name: 'g',
      nodes: this.nodes,
      inputs: this.inputs,
      outputs: this.outputs,
      valueInfo: this.valueInfo,
      initializers: this.initializers,
    };
    return modelOf(graph, opset, path);
  }
}

function valueInfo(name: string, shape: (number | string)[] | null, elemType: OnnxDataType): OnnxValueInfo {
  return {
    name,
    type: {
      kind: 'tensor',
      elemType,
      shape: shape ? shape.map((d) => (typeof d === 'number' ? { value: d } : { param: d })) : null,
    },
  };
}
