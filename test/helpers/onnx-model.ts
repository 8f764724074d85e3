/** An in-memory OnnxModel around a graph, for tests that build models by hand. */
import type { OnnxGraph, OnnxModel } from '../../electron/core/onnx/graph';

export function modelOf(graph: OnnxGraph, opset = 13, path = ''): OnnxModel {
  return {
    path,
    sizeBytes: 0,
    irVersion: 8,
    opsetImports: [{ domain: '', version: opset }],
    producerName: 'test',
    producerVersion: '0',
    domain: '',
    modelVersion: 0,
    docString: '',
    metadataProps: [],
    graph,
  };
}
