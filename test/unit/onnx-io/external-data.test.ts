/** The external-data fixture: its weights are read from ext_weights.data, lazily, at the right ranges. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readOnnx } from '../../../electron/core/onnx/reader';
import { readTensorData } from '../../../electron/core/onnx/tensor-data';
import { fixture } from '../../helpers/fixtures';

describe('external data', () => {
  const model = readOnnx(fixture('models', 'ext_weights.onnx'));

  it('keeps each initializer as a range of ext_weights.data', () => {
    // The .onnx is 350 bytes: three [1, 3] float tensors (36 bytes) live in the 36-byte side file.
    expect(model.graph.initializers.map((t) => [t.name, t.dims])).toEqual([
      ['a', [1, 3]],
      ['b', [1, 3]],
      ['d', [1, 3]],
    ]);
    for (const tensor of model.graph.initializers) {
      expect(tensor.data.kind).toBe('file');
      if (tensor.data.kind !== 'file') continue;
      expect(tensor.data.file).toBe(fixture('models', 'ext_weights.data'));
      expect(tensor.data.external?.location).toBe('ext_weights.data');
      expect(tensor.data.length).toBe(12);
    }
    const offsets = model.graph.initializers.map((t) => (t.data.kind === 'file' ? t.data.offset : -1));
    expect(new Set(offsets).size).toBe(3);
  });

  it('reads the same floats as a direct read of the side file', () => {
    const side = fs.readFileSync(fixture('models', 'ext_weights.data'));
    for (const tensor of model.graph.initializers) {
      if (tensor.data.kind !== 'file') throw new Error('expected file data');
      const direct = new Float32Array(
        side.buffer.slice(side.byteOffset + tensor.data.offset, side.byteOffset + tensor.data.offset + 12),
      );
      expect(Array.from(readTensorData(tensor) as Float32Array)).toEqual(Array.from(direct));
      // `xxd ext_weights.data`: nine little-endian 0x3f800000 words, i.e. every weight is 1.0.
      expect(Array.from(readTensorData(tensor) as Float32Array)).toEqual([1, 1, 1]);
    }
  });
});
