/** Small in-memory ONNX models for transformation tests (built here, run by onnxruntime-node). */
import * as ort from 'onnxruntime-node';
import {
  OnnxDataType,
  type OnnxModel,
  type OnnxNode,
  type OnnxValueInfo,
} from '../../../electron/core/onnx/graph';
import { encodeOnnx } from '../../../electron/core/onnx/writer';

export function value(name: string, dims: number[], elemType = OnnxDataType.FLOAT): OnnxValueInfo {
  return { name, type: { kind: 'tensor', elemType, shape: dims.map((d) => ({ value: d })) } };
}

export function op(
  opType: string,
  inputs: string[],
  outputs: string[],
  attributes: OnnxNode['attributes'] = [],
): OnnxNode {
  return { name: `${opType}_${outputs[0]}`, opType, domain: '', inputs, outputs, attributes };
}

export function tinyModel(
  opset: number,
  nodes: OnnxNode[],
  inputs: OnnxValueInfo[],
  outputs: OnnxValueInfo[],
  extra: Partial<OnnxModel['graph']> = {},
): OnnxModel {
  return {
    path: '',
    sizeBytes: 0,
    irVersion: 7,
    opsetImports: [{ domain: '', version: opset }],
    producerName: 'test',
    producerVersion: '',
    domain: '',
    modelVersion: 0,
    docString: '',
    metadataProps: [],
    graph: { name: 'g', nodes, inputs, outputs, valueInfo: [], initializers: [], ...extra },
  };
}

export async function runModel(
  model: OnnxModel,
  feeds: Record<string, ort.Tensor>,
): Promise<Record<string, Float32Array>> {
  const session = await ort.InferenceSession.create(encodeOnnx(model), { logSeverityLevel: 3 });
  const out = await session.run(feeds);
  await session.release();
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.data as Float32Array]));
}
