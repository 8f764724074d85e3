/**
 * The in-memory ONNX graph the reader produces and the writer consumes. It mirrors ONNX's IR
 * (onnx.proto) closely enough to round-trip, in plain TypeScript: int64 values are numbers (ONNX's
 * INT64_MAX/INT64_MIN sentinels are clamped exactly back on write), tensor payloads are references
 * into files until someone asks for them (readTensorData in tensor-data.ts).
 */

/** ONNX TensorProto.DataType numbers. */
export enum OnnxDataType {
  UNDEFINED = 0,
  FLOAT = 1,
  UINT8 = 2,
  INT8 = 3,
  UINT16 = 4,
  INT16 = 5,
  INT32 = 6,
  INT64 = 7,
  STRING = 8,
  BOOL = 9,
  FLOAT16 = 10,
  DOUBLE = 11,
  UINT32 = 12,
  UINT64 = 13,
  COMPLEX64 = 14,
  COMPLEX128 = 15,
  BFLOAT16 = 16,
  FLOAT8E4M3FN = 17,
  FLOAT8E4M3FNUZ = 18,
  FLOAT8E5M2 = 19,
  FLOAT8E5M2FNUZ = 20,
  UINT4 = 21,
  INT4 = 22,
  FLOAT4E2M1 = 23,
}

/** Where a tensor's payload is. */
export type TensorData =
  /** Bytes in a file (the .onnx itself or an external-data file): `raw` little-endian or a packed typed field. */
  | {
      kind: 'file';
      /** Absolute path of the file holding the bytes. */
      file: string;
      offset: number;
      length: number;
      encoding: 'raw' | 'float_data' | 'int32_data' | 'int64_data' | 'double_data' | 'uint64_data';
      /** Set when the bytes are ONNX external data (location relative to the model folder). */
      external?: { location: string };
    }
  /** Raw little-endian bytes in memory (made by a transformation or decoded inline). */
  | { kind: 'bytes'; bytes: Uint8Array }
  /** STRING tensors. */
  | { kind: 'strings'; values: Uint8Array[] }
  /** No payload at all (dims with a zero, or an empty tensor). */
  | { kind: 'empty' };

export interface OnnxTensor {
  name: string;
  dataType: OnnxDataType;
  dims: number[];
  data: TensorData;
  docString?: string;
}

export interface OnnxDim {
  value?: number;
  param?: string;
}

/** A value's type: tensors are typed; sequence/map/optional types are kept opaque for the writer. */
export type OnnxType =
  | { kind: 'tensor'; elemType: OnnxDataType; shape: OnnxDim[] | null; denotation?: string }
  | { kind: 'other'; description: string; proto: unknown };

export interface OnnxValueInfo {
  name: string;
  type: OnnxType | null;
  docString?: string;
}

export type OnnxAttribute =
  | { name: string; type: 'float'; value: number }
  | { name: string; type: 'int'; value: number }
  | { name: string; type: 'string'; value: string }
  | { name: string; type: 'tensor'; value: OnnxTensor }
  | { name: string; type: 'graph'; value: OnnxGraph }
  | { name: string; type: 'floats'; value: number[] }
  | { name: string; type: 'ints'; value: number[] }
  | { name: string; type: 'strings'; value: string[] }
  | { name: string; type: 'tensors'; value: OnnxTensor[] }
  | { name: string; type: 'graphs'; value: OnnxGraph[] }
  /** Sparse tensors, type protos and reference attributes (inside functions): kept as decoded proto. */
  | { name: string; type: 'other'; proto: unknown };

export interface OnnxNode {
  name: string;
  opType: string;
  /** '' = ai.onnx */
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: OnnxAttribute[];
  docString?: string;
  /** Fields the studio does not model (overload, metadata_props...), kept as decoded proto for the writer. */
  extra?: Record<string, unknown>;
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  valueInfo: OnnxValueInfo[];
  initializers: OnnxTensor[];
  docString?: string;
  /** sparse_initializer, quantization_annotation, metadata_props: decoded proto, kept for the writer. */
  extra?: Record<string, unknown>;
}

export interface OnnxModel {
  /** Absolute path of the file read ('' when built in memory). */
  path: string;
  /** The path as the user gave it, for messages (absent when built in memory). */
  sourcePath?: string;
  /** Size of that file in bytes. */
  sizeBytes: number;
  irVersion: number;
  opsetImports: { domain: string; version: number }[];
  producerName: string;
  producerVersion: string;
  domain: string;
  modelVersion: number;
  docString: string;
  metadataProps: { key: string; value: string }[];
  graph: OnnxGraph;
  /** functions, training_info, configuration: decoded proto kept for the writer. */
  extra?: Record<string, unknown>;
}

/** The opset version of the default ONNX domain ('' or 'ai.onnx'). */
export function defaultOpset(model: OnnxModel): number {
  const entry = model.opsetImports.find((o) => o.domain === '' || o.domain === 'ai.onnx');
  return entry?.version ?? 1;
}
