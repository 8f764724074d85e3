/**
 * Nested graphs (If branches) are read, listed and written back: a hand-made If model round-trips
 * through the writer, ONNX Runtime runs both branches of the written file, and the canonical Model
 * lists the bodies (not costed).
 */
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import type { OnnxGraph, OnnxModel, OnnxTensor } from '../../electron/core/onnx/graph';
import { OnnxDataType } from '../../electron/core/onnx/graph';
import { modelOf } from '../helpers/onnx-model';
import { inspectModel } from '../../electron/core/onnx/inspect-model';
import { readOnnx } from '../../electron/core/onnx/reader';
import { readTensorData } from '../../electron/core/onnx/tensor-data';
import { writeOnnx } from '../../electron/core/onnx/writer';
import { tempDir } from '../helpers/fixtures';

const floatType = (dims: number[]) => ({
  kind: 'tensor' as const,
  elemType: OnnxDataType.FLOAT,
  shape: dims.map((value) => ({ value })),
});

function constant(name: string, values: number[]): OnnxTensor {
  return {
    name,
    dataType: OnnxDataType.FLOAT,
    dims: [values.length],
    data: { kind: 'bytes', bytes: new Uint8Array(Float32Array.from(values).buffer) },
  };
}

/** A branch computing x + c (its own initializer c), output named `out`. */
function branch(name: string, op: 'Add' | 'Mul', c: number[]): OnnxGraph {
  return {
    name,
    nodes: [
      {
        name: `${name}/${op}`,
        opType: op,
        domain: '',
        inputs: ['x', `${name}_c`],
        outputs: [`${name}_out`],
        attributes: [],
      },
    ],
    inputs: [],
    outputs: [{ name: `${name}_out`, type: floatType([3]) }],
    valueInfo: [],
    initializers: [constant(`${name}_c`, c)],
  };
}

function ifModel(): OnnxModel {
  return modelOf({
    name: 'if_graph',
    nodes: [
      {
        name: 'choose',
        opType: 'If',
        domain: '',
        inputs: ['cond'],
        outputs: ['y'],
        attributes: [
          { name: 'then_branch', type: 'graph', value: branch('then', 'Add', [10, 20, 30]) },
          { name: 'else_branch', type: 'graph', value: branch('else', 'Mul', [2, 2, 2]) },
        ],
      },
    ],
    inputs: [
      { name: 'cond', type: { kind: 'tensor', elemType: OnnxDataType.BOOL, shape: [] } },
      { name: 'x', type: floatType([3]) },
    ],
    outputs: [{ name: 'y', type: floatType([3]) }],
    valueInfo: [],
    initializers: [],
  });
}

describe('nested graphs', () => {
  const file = path.join(tempDir(), 'if.onnx');
  writeOnnx(ifModel(), file);

  it('round-trips the If branches with their own initializers', () => {
    const model = readOnnx(file);
    const node = model.graph.nodes[0]!;
    const thenBranch = node.attributes.find((a) => a.name === 'then_branch');
    expect(thenBranch?.type).toBe('graph');
    if (thenBranch?.type !== 'graph') return;
    expect(thenBranch.value.nodes.map((n) => n.opType)).toEqual(['Add']);
    expect(Array.from(readTensorData(thenBranch.value.initializers[0]!) as Float32Array)).toEqual([
      10, 20, 30,
    ]);
  });

  it('ONNX Runtime runs both branches of the written file', async () => {
    const session = await ort.InferenceSession.create(file);
    const x = new ort.Tensor('float32', Float32Array.from([1, 2, 3]), [3]);
    const yes = await session.run({ cond: new ort.Tensor('bool', Uint8Array.from([1]), []), x });
    const no = await session.run({ cond: new ort.Tensor('bool', Uint8Array.from([0]), []), x });
    expect(Array.from(yes['y']!.data as Float32Array)).toEqual([11, 22, 33]);
    expect(Array.from(no['y']!.data as Float32Array)).toEqual([2, 4, 6]);
    await session.release();
  });

  it('the canonical Model lists the bodies under their If node', () => {
    const model = inspectModel(file);
    expect(model.subgraphs['choose']).toEqual([
      expect.objectContaining({ name: 'then', nodeCount: 1, opHistogram: { Add: 1 }, outputs: ['then_out'] }),
      expect.objectContaining({ name: 'else', nodeCount: 1, opHistogram: { Mul: 1 }, outputs: ['else_out'] }),
    ]);
    expect(model.nodes[0]!.attributes['then_branch']).toEqual({
      type: 'graph',
      value: expect.objectContaining({ name: 'then' }),
    });
  });
});
