/** `trt-studio inspect` on real fixture models, as a user runs it. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromJson } from '../../electron/core/model/serialize';
import type { Model } from '../../electron/core/model/types';
import { runCli } from '../helpers/cli';
import { fixture, tempDir } from '../helpers/fixtures';

const mnist = fixture('models', 'mnist-8_opt_wonnx.onnx');

describe('trt-studio inspect', () => {
  it('prints a readable summary of MNIST', () => {
    const result = runCli(['inspect', mnist]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('IR 3, opsets: ai.onnx 8; producer: CNTK 2.5.1');
    expect(result.stdout).toContain('8 nodes, 7 initializers');
    expect(result.stdout).toMatch(/Input3\s+float32\s+\[1, 1, 28, 28\]/);
    expect(result.stdout).toMatch(/Plus214_Output_0\s+float32\s+\[1, 10\]/);
    // Conv FLOPs by hand: conv1 28x28x8 outputs x 5x5x1 MACs = 156,800 MACs; conv2 14x14x16 outputs x
    // 5x5x8 = 627,200 MACs; 2 x 784,000 = 1,568,000 FLOP, printed as 1.57 MFLOP.
    expect(result.stdout).toMatch(/Conv\s+2\s+1\.57 MFLOP/);
    expect(result.stdout).toContain('tensor-core-alignment');
  });

  it('--json emits the canonical Model', () => {
    const result = runCli(['inspect', mnist, '--json']);
    expect(result.code).toBe(0);
    const model = fromJson<Model>(result.stdout);
    expect(model.kind).toBe('model');
    expect(model.nodes.map((n) => n.opType)).toEqual([
      'Conv',
      'Relu',
      'MaxPool',
      'Conv',
      'Relu',
      'MaxPool',
      'Reshape',
      'Gemm',
    ]);
    expect(model.source.sha256).toMatch(/^486cf6b7d7cdb5fd/); // MANIFEST.md's sha256 prefix
    expect(model.costs).toHaveLength(8);
  });

  it('--shape sets a dynamic input and costs the graph', () => {
    const model = fromJson<Model>(
      runCli([
        'inspect',
        fixture('models', 'mobilenet_v2_128_0.5.onnx'),
        '--shape',
        'input_1:0:1x3x128x128',
        '--json',
      ]).stdout,
    );
    expect(model.inputs[0]!.shape).toEqual([1, 3, 128, 128]);
    expect(model.unknownShapeNodes).toEqual([]);
  });

  it('--help describes the options', () => {
    const result = runCli(['inspect', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--shape <name:dims>');
    expect(result.stdout).toContain('--json');
  });

  describe('bad input: exit 1 and one line naming the file', () => {
    const dir = tempDir();
    const cases: [string, () => string, RegExp][] = [
      ['missing file', () => path.join(dir, 'missing.onnx'), /missing\.onnx: no such file/],
      ['a JPEG', () => fixture('images', 'mobilenet_sample.jpg'), /mobilenet_sample\.jpg: not an ONNX model/],
      [
        'a truncated model',
        () => {
          const file = path.join(dir, 'cut.onnx');
          fs.writeFileSync(file, fs.readFileSync(mnist).subarray(0, 5000));
          return file;
        },
        /cut\.onnx: not an ONNX model or corrupt protobuf: .*truncated/,
      ],
    ];
    for (const [name, make, pattern] of cases) {
      it(name, () => {
        const result = runCli(['inspect', make()]);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe('');
        const lines = result.stderr.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^trt-studio: /);
        expect(lines[0]).toMatch(pattern);
      });
    }

    it('--debug adds the stack trace', () => {
      const result = runCli(['inspect', path.join(dir, 'missing.onnx'), '--debug']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/StudioError/);
      expect(result.stderr.split('\n').length).toBeGreaterThan(2);
    });

    it('a bad --shape is a usage error naming the input', () => {
      const result = runCli(['inspect', mnist, '--shape', 'nothere:1x2']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/"nothere", which is not an input of the model \(inputs: Input3/);
    });
  });
});
