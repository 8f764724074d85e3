/**
 * Bad ONNX input never crashes, hangs or reads wrong: every fixture model is truncated at several
 * offsets and has bytes flipped; hand-made bad files cover the other cases. Each must either raise a
 * StudioError naming the file, or (for flips that leave valid protobuf) read as a model.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../electron/core/errors';
import { readOnnx } from '../../../electron/core/onnx/reader';
import { writeOnnx } from '../../../electron/core/onnx/writer';
import { fixture, fixtureModels, tempDir } from '../../helpers/fixtures';

const dir = tempDir('trt-studio-bad-');

function expectStudioError(file: string, pattern: RegExp): void {
  let caught: unknown;
  try {
    readOnnx(file);
  } catch (error) {
    caught = error;
  }
  expect(caught, `${file} should fail`).toBeInstanceOf(StudioError);
  expect((caught as StudioError).file).toBe(file);
  expect((caught as StudioError).problem).toMatch(pattern);
  expect((caught as StudioError).message.split('\n')).toHaveLength(1);
}

/** Reads `file`: a StudioError naming it is fine, a model is fine, anything else fails the test. */
function readOrStudioError(file: string): 'model' | 'error' {
  try {
    readOnnx(file);
    return 'model';
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).file).toBe(file);
    return 'error';
  }
}

describe('truncated fixture models', () => {
  for (const model of fixtureModels()) {
    it(`${path.basename(model)} cut at 10 offsets gives a clear error`, () => {
      const bytes = fs.readFileSync(model);
      const cut = path.join(dir, `cut-${path.basename(model)}`);
      // Cutting anywhere before the last byte loses graph bytes or the trailing opset_import.
      const offsets = [1, 2, 7, 16, 100, 1000, 0.25, 0.5, 0.9, 0.999].map((o) =>
        o < 1 ? Math.floor(bytes.length * o) : Math.min(o, bytes.length - 1),
      );
      for (const offset of offsets) {
        fs.writeFileSync(cut, bytes.subarray(0, offset));
        const outcome = readOrStudioError(cut);
        // A cut right at a top-level field boundary before the graph can still be valid protobuf,
        // but a model without its graph or opsets is refused: no cut reads as a model.
        expect(outcome, `cut at ${offset}`).toBe('error');
      }
    });
  }
});

describe('byte-flipped fixture models', () => {
  for (const model of fixtureModels()) {
    it(`${path.basename(model)} with flipped bytes never crashes`, () => {
      const bytes = fs.readFileSync(model);
      const flipped = path.join(dir, `flip-${path.basename(model)}`);
      let state = 7;
      for (let trial = 0; trial < 40; trial++) {
        const copy = Buffer.from(bytes);
        state = (state * 1103515245 + 12345) % 2 ** 31;
        // Flip bytes early in the file too, where the structure (tags and lengths) lives.
        const position = trial % 2 === 0 ? state % Math.min(copy.length, 512) : state % copy.length;
        copy[position] = copy[position]! ^ 0xff;
        fs.writeFileSync(flipped, copy);
        readOrStudioError(flipped);
      }
    });
  }
});

describe('hand-made bad files', () => {
  it('a missing file', () => {
    expectStudioError(path.join(dir, 'nope.onnx'), /no such file/);
  });

  it('an empty file', () => {
    const file = path.join(dir, 'empty.onnx');
    fs.writeFileSync(file, '');
    expectStudioError(file, /empty file/);
  });

  it('a folder', () => {
    expectStudioError(dir, /folder/);
  });

  it('a JPEG named .onnx', () => {
    const file = path.join(dir, 'photo.onnx');
    fs.copyFileSync(fixture('images', 'mobilenet_sample.jpg'), file);
    expectStudioError(file, /not an ONNX model/);
  });

  it("a JSON file (another tool's format)", () => {
    const file = path.join(dir, 'profile.onnx');
    fs.copyFileSync(fixture('trtexec', 'trt10__alexnet_fp16.profile.json'), file);
    expectStudioError(file, /not an ONNX model/);
  });

  it('plain text', () => {
    const file = path.join(dir, 'text.onnx');
    fs.writeFileSync(file, 'hello, this is not a model\n'.repeat(20));
    expectStudioError(file, /not an ONNX model/);
  });

  it('an unknown IR version', () => {
    const model = readOnnx(fixture('models', 'mnist-8_opt_wonnx.onnx'));
    model.irVersion = 99;
    const file = path.join(dir, 'ir99.onnx');
    writeOnnx(model, file);
    expectStudioError(file, /unknown IR version 99/);
  });

  it('absurd initializer dimensions', () => {
    const model = readOnnx(fixture('models', 'mnist-8_opt_wonnx.onnx'));
    model.graph.initializers[0]!.dims = [100000, 100000, 100000];
    const file = path.join(dir, 'absurd.onnx');
    writeOnnx(model, file);
    expectStudioError(file, /absurd dimensions/);
  });

  it('an initializer whose bytes do not match its shape', () => {
    const model = readOnnx(fixture('models', 'mnist-8_opt_wonnx.onnx'));
    model.graph.initializers[0]!.dims = [3, 3];
    const file = path.join(dir, 'mismatch.onnx');
    writeOnnx(model, file);
    expectStudioError(file, /stores \d+ bytes, its shape \[3, 3\] needs 36/);
  });

  it('a missing external data file', () => {
    const sub = path.join(dir, 'ext-missing');
    fs.mkdirSync(sub);
    fs.copyFileSync(fixture('models', 'ext_weights.onnx'), path.join(sub, 'ext_weights.onnx'));
    expectStudioError(
      path.join(sub, 'ext_weights.onnx'),
      /external data file "ext_weights.data" .* is missing/,
    );
  });

  it('a short external data file', () => {
    const sub = path.join(dir, 'ext-short');
    fs.mkdirSync(sub);
    fs.copyFileSync(fixture('models', 'ext_weights.onnx'), path.join(sub, 'ext_weights.onnx'));
    fs.writeFileSync(
      path.join(sub, 'ext_weights.data'),
      fs.readFileSync(fixture('models', 'ext_weights.data')).subarray(0, 20),
    );
    expectStudioError(
      path.join(sub, 'ext_weights.onnx'),
      /external data file "ext_weights.data" is too short/,
    );
  });
});
