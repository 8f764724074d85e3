/**
 * Shape capture by execution feeds the cost model: an op without a static shape rule (Einsum here)
 * leaves its consumers unknown; running the model once on ONNX Runtime fills them in.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OnnxModel } from '../../electron/core/onnx/graph';
import { OnnxDataType } from '../../electron/core/onnx/graph';
import { modelOf } from '../helpers/onnx-model';
import { inspectModel } from '../../electron/core/onnx/inspect-model';
import { inspectModelByExecution } from '../../electron/core/profiling/inspect-by-execution';
import { writeOnnx } from '../../electron/core/onnx/writer';
import { runCli } from '../helpers/cli';
import { fixture, tempDir } from '../helpers/fixtures';

function einsumModel(): OnnxModel {
  const tensor = (dims: (number | string)[]) => ({
    kind: 'tensor' as const,
    elemType: OnnxDataType.FLOAT,
    shape: dims.map((d) => (typeof d === 'number' ? { value: d } : { param: d })),
  });
  return modelOf({
    name: 'einsum',
    nodes: [
      {
        name: 'swap',
        opType: 'Einsum',
        domain: '',
        inputs: ['x'],
        outputs: ['t'],
        attributes: [{ name: 'equation', type: 'string', value: 'bij->bji' }],
      },
      { name: 'act', opType: 'Relu', domain: '', inputs: ['t'], outputs: ['y'], attributes: [] },
    ],
    inputs: [{ name: 'x', type: tensor(['batch', 3, 5]) }],
    outputs: [{ name: 'y', type: null }],
    valueInfo: [],
    initializers: [],
  });
}

describe('shape capture by execution', () => {
  const file = path.join(tempDir(), 'einsum.onnx');
  writeOnnx(einsumModel(), file);

  it('static inference lists the nodes it cannot shape, and does not guess', () => {
    const model = inspectModel(file, { shapes: { x: [2, 3, 5] } });
    expect(model.unknownShapeNodes).toEqual(['swap', 'act']);
    expect(model.costs[1]).toBeNull();
  });

  it('running the model once measures them and costs the Relu', async () => {
    const model = await inspectModelByExecution(file, { shapes: { x: [2, 3, 5] } });
    expect(model.unknownShapeNodes).toEqual([]);
    expect(model.tensors['t']!.shape).toEqual([2, 5, 3]);
    expect(model.tensors['y']!.shape).toEqual([2, 5, 3]);
    // Relu over 30 float32 elements: 30 FLOPs, 120 bytes read, 120 bytes written.
    expect(model.costs[1]!.flops).toBe(30);
    expect(model.costs[1]!.activationBytesRead).toBe(120);
    expect(model.costs[1]!.bytesWritten).toBe(120);
  });

  it('refuses to run with dynamic inputs unset, naming them', async () => {
    await expect(inspectModelByExecution(file)).rejects.toThrow(
      /needs --shape for its dynamic inputs: x \[batch, 3, 5\]/,
    );
  });

  it('the CLI exposes it as --run-shapes', () => {
    const result = runCli(['inspect', file, '--shape', 'x:2x3x5', '--run-shapes']);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('Shapes unknown');
  });

  it('a fully shaped fixture needs no run and gives the same model', async () => {
    const mnist = fixture('models', 'mnist-8_opt_wonnx.onnx');
    expect(await inspectModelByExecution(mnist)).toEqual(inspectModel(mnist));
  });
});
