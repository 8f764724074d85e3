/**
 * Every fixture model goes through the writer and back: the graph is the same, and ONNX Runtime runs
 * the written file with bit-identical outputs on the same inputs.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { readOnnx } from '../../electron/core/onnx/reader';
import { writeOnnx } from '../../electron/core/onnx/writer';
import { readTensorBytes } from '../../electron/core/onnx/tensor-data';
import type { OnnxModel } from '../../electron/core/onnx/graph';
import { OnnxDataType } from '../../electron/core/onnx/graph';
import { fixtureModels, tempDir } from '../helpers/fixtures';

/** Values for symbolic dims the fixtures use. */
const SYMBOLS: Record<string, number> = { batch: 1, sequence: 8, unk__150: 1 };
/**
 * The attention head transposes k with the default (reversed) perm: q [s, b, 100] x k_T [100, b, s]
 * needs b = 100, and the second MatMul [.., 100, s] x [s, 100, 100] needs s = 100.
 */
const SYMBOLS_BY_MODEL: Record<string, Record<string, number>> = {
  'attention_head_polygraphy.onnx': { sequence_len: 100, batch: 100 },
};

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Feeds for the graph inputs that are not initializers, seeded so both runs see the same data. */
function makeFeeds(model: OnnxModel): Record<string, ort.Tensor> {
  const symbols = { ...SYMBOLS, ...SYMBOLS_BY_MODEL[path.basename(model.path)] };
  const initializers = new Set(model.graph.initializers.map((t) => t.name));
  const random = seededRandom(42);
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of model.graph.inputs) {
    if (initializers.has(input.name) || input.type?.kind !== 'tensor') continue;
    const dims = (input.type.shape ?? []).map((d) => d.value ?? symbols[d.param ?? ''] ?? 1);
    const count = dims.reduce((a, b) => a * b, 1);
    switch (input.type.elemType) {
      case OnnxDataType.FLOAT:
        feeds[input.name] = new ort.Tensor('float32', Float32Array.from({ length: count }, random), dims);
        break;
      case OnnxDataType.FLOAT16: {
        // Halves in [0, 1): exponent 14 or below with a random fraction.
        const bits = Uint16Array.from({ length: count }, () => 0x3000 + Math.floor(random() * 0x0c00));
        feeds[input.name] = new ort.Tensor('float16', bits, dims);
        break;
      }
      case OnnxDataType.INT64:
        feeds[input.name] = new ort.Tensor(
          'int64',
          BigInt64Array.from({ length: count }, () => BigInt(Math.floor(random() * 100))),
          dims,
        );
        break;
      default:
        throw new Error(`test has no feed for ${input.name} of type ${input.type.elemType}`);
    }
  }
  return feeds;
}

async function run(file: string, feeds: Record<string, ort.Tensor>): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(file, { logSeverityLevel: 3 });
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

describe('ONNX writer round trip', () => {
  const dir = tempDir();
  for (const file of fixtureModels()) {
    it(`${path.basename(file)}: same graph, same ORT outputs`, async () => {
      const original = readOnnx(file);
      const written = path.join(dir, path.basename(file));
      writeOnnx(original, written);
      const reread = readOnnx(written);

      expect(reread.graph.nodes).toEqual(original.graph.nodes);
      expect(reread.graph.inputs).toEqual(original.graph.inputs);
      expect(reread.graph.outputs).toEqual(original.graph.outputs);
      expect(reread.opsetImports).toEqual(original.opsetImports);
      expect(reread.irVersion).toBe(original.irVersion);
      expect(reread.graph.initializers.map((t) => [t.name, t.dataType, t.dims])).toEqual(
        original.graph.initializers.map((t) => [t.name, t.dataType, t.dims]),
      );
      for (let i = 0; i < original.graph.initializers.length; i++) {
        expect(Buffer.from(readTensorBytes(reread.graph.initializers[i]!))).toEqual(
          Buffer.from(readTensorBytes(original.graph.initializers[i]!)),
        );
      }

      const feeds = makeFeeds(original);
      const before = await run(file, feeds);
      const after = await run(written, feeds);
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      for (const name of Object.keys(before)) {
        expect(after[name]!.dims).toEqual(before[name]!.dims);
        expect(Buffer.from((after[name]!.data as Float32Array).buffer)).toEqual(
          Buffer.from((before[name]!.data as Float32Array).buffer),
        );
      }
    });
  }

  it('writes large payloads to an external data file that reads back and runs', async () => {
    const source = fixtureModels().find((f) => f.endsWith('mnist-8_opt_wonnx.onnx'))!;
    const model = readOnnx(source);
    const written = path.join(dir, 'mnist-external.onnx');
    writeOnnx(model, written, { externalData: { fileName: 'mnist-external.data', minBytes: 256 } });
    const reread = readOnnx(written);
    const external = reread.graph.initializers.filter((t) => t.data.kind === 'file' && t.data.external);
    // Parameter87 (16x8x5x5 floats) and Parameter193_reshape1 (256x10) are the big ones.
    expect(external.map((t) => t.name).sort()).toEqual([
      'Parameter193_reshape1',
      'Parameter5',
      'Parameter87',
    ]);
    // The 12.8 KB of Parameter87 alone would not fit: only structure and small tensors remain.
    expect(fs.statSync(written).size).toBeLessThan(4096);
    const feeds = makeFeeds(model);
    const [a, b] = [await run(source, feeds), await run(written, feeds)];
    expect(Array.from(b['Plus214_Output_0']!.data as Float32Array)).toEqual(
      Array.from(a['Plus214_Output_0']!.data as Float32Array),
    );
  });
});
