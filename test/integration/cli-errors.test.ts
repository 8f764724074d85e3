/**
 * Every way a command line can be wrong, and every file a command cannot read, as a new user meets them:
 * one table of cases (arguments, exit code, the line on stderr), walked by one test through the real
 * binary. Usage errors exit 2 and name the flag, the value and what is accepted; file errors exit 1 and
 * name the file and the problem; each is exactly one line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendStatus } from '../../electron/core/backends/registry';
import { runCli } from '../helpers/cli';
import { fixture, tempDir } from '../helpers/fixtures';

const model = fixture('models', 'mnist-8_opt_wonnx.onnx');
const dir = tempDir('cli-errors-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface CliCase {
  title: string;
  args: string[];
  code: 1 | 2;
  /** The whole stderr line, or a pattern for lines that hold machine-specific text. */
  stderr: string | RegExp;
}

const usage = (flag: string, value: string, accepted: string) =>
  `trt-studio: error: option '${flag}' argument '${value}' is invalid. ${accepted}`;

const truncatedJson = path.join(dir, 'cut.graph.json');
let tensorrtLine = '';

beforeAll(async () => {
  fs.writeFileSync(truncatedJson, '{"Layers": [{"Name": "conv1", "LayerType": "Cask');
  const tensorrt = await backendStatus('tensorrt');
  tensorrtLine = tensorrt.available
    ? 'trt-studio: --backend tensorrt: available, but `profile` runs on onnxruntime only so far; profile with trtexec and read its files with `trt-studio import`'
    : `trt-studio: --backend tensorrt: unavailable on this machine: ${tensorrt.reason}; to get it: ${tensorrt.howToGet} (\`trt-studio doctor\` shows what this machine has)`;
});

const CASES: CliCase[] = [
  // ---------------------------------------------------------------- usage errors: exit 2
  {
    title: 'a precision that does not exist',
    args: ['profile', model, '--precisions', 'fp64'],
    code: 2,
    stderr: usage('--precisions <list>', 'fp64', '"fp64" is not one of fp32, fp16 or int8'),
  },
  {
    title: 'precisions in capitals are accepted, the wrong one is named',
    args: ['profile', model, '--precisions', 'FP32,FP16,bf16'],
    code: 2,
    stderr: usage('--precisions <list>', 'FP32,FP16,bf16', '"bf16" is not one of fp32, fp16 or int8'),
  },
  {
    title: '--top that is not a number',
    args: ['profile', model, '--top', 'abc'],
    code: 2,
    stderr: usage('--top <n>', 'abc', 'expected a whole number >= 0'),
  },
  {
    title: "compare's --top below 0",
    args: ['compare', 'a.json', 'b.json', '--top', '-1'],
    code: 2,
    stderr: usage('--top <n>', '-1', 'expected a whole number >= 0'),
  },
  {
    title: 'an optimization level ONNX Runtime does not have',
    args: ['profile', model, '--opt-level', 'fast'],
    code: 2,
    stderr: usage('--opt-level <level>', 'fast', 'expected disabled, basic, extended, layout or all'),
  },
  {
    title: 'a backend the studio does not know',
    args: ['profile', model, '--backend', 'trt'],
    code: 2,
    stderr: usage('--backend <name>', 'trt', 'expected auto, onnxruntime or tensorrt'),
  },
  {
    title: 'zero iterations',
    args: ['profile', model, '--iterations', '0'],
    code: 2,
    stderr: usage('--iterations <n>', '0', 'expected a whole number > 0'),
  },
  {
    title: 'a batch that is not whole',
    args: ['profile', model, '--batch', '2.5'],
    code: 2,
    stderr: usage('--batch <n>', '2.5', 'expected a whole number > 0'),
  },
  {
    title: 'a batch sweep with a word in it',
    args: ['profile', model, '--batch-sweep', '1,two,4'],
    code: 2,
    stderr: usage(
      '--batch-sweep <list>',
      '1,two,4',
      'expected comma-separated whole numbers > 0, e.g. 1,2,4,8',
    ),
  },
  {
    title: 'an INT8 target that does not exist',
    args: ['profile', model, '--int8-target', 'tflite'],
    code: 2,
    stderr: usage('--int8-target <list>', 'tflite', '"tflite" is not one of onnxruntime or tensorrt'),
  },
  {
    title: 'a resize mode that does not exist',
    args: ['profile', model, '--resize', 'crop'],
    code: 2,
    stderr: usage('--resize <mode>', 'crop', 'expected stretch or letterbox'),
  },
  {
    title: 'a padding value above 255',
    args: ['profile', model, '--pad', '300'],
    code: 2,
    stderr: usage('--pad <value>', '300', 'expected a whole number from 0 to 255'),
  },
  {
    title: 'a mean that is not numbers',
    args: ['profile', model, '--mean', '0.5,x'],
    code: 2,
    stderr: usage('--mean <list>', '0.5,x', 'expected comma-separated numbers, e.g. 0.485,0.456,0.406'),
  },
  {
    title: 'a --shape without dims',
    args: ['inspect', model, '--shape', 'images'],
    code: 2,
    stderr: usage('--shape <name:dims>', 'images', 'expected name:dims, e.g. images:1x3x640x640'),
  },
  {
    title: 'a --shape with a zero dim',
    args: ['profile', model, '--shape', 'images:1x0x4'],
    code: 2,
    stderr: usage(
      '--shape <name:dims>',
      'images:1x0x4',
      'dimensions must be positive integers separated by x',
    ),
  },
  {
    title: "inspect's --device names a device the table lacks",
    args: ['inspect', model, '--device', 'b900'],
    code: 2,
    stderr:
      /^trt-studio: error: option '--device <name\|spec>' argument 'b900' is invalid\. unknown device \(known: h200, .*; or give fp32=,fp16=,int8=,bw=\)$/,
  },
  {
    title: "doctor's GPU ordinal is --gpu and must be a whole number",
    args: ['doctor', '--gpu', 'first'],
    code: 2,
    stderr: usage('--gpu <n>', 'first', 'expected a whole number >= 0'),
  },
  {
    title: 'doctor has no --device (that is inspect’s device name)',
    args: ['doctor', '--device', '0'],
    code: 2,
    stderr: "trt-studio: error: unknown option '--device'",
  },
  {
    title: 'two options that exclude each other',
    args: ['compare', 'a.json', 'b.json', '--json', '--table'],
    code: 2,
    stderr: 'trt-studio: error: --json and --table exclude each other; choose one',
  },
  {
    title: 'a missing argument',
    args: ['profile'],
    code: 2,
    stderr: "trt-studio: error: missing required argument 'model.onnx'",
  },
  {
    title: 'an unknown command',
    args: ['frobnicate'],
    code: 2,
    stderr: "trt-studio: error: unknown command 'frobnicate'",
  },
  // ---------------------------------------------------------------- a backend this machine lacks: exit 1
  {
    title: '--backend tensorrt says why it is unavailable and points to doctor (FP16 in capitals accepted)',
    args: ['profile', model, '--precisions', 'FP16', '--backend', 'tensorrt'],
    code: 1,
    stderr: 'TENSORRT', // filled in from the registry in the test
  },
  // ---------------------------------------------------------------- file errors: exit 1, the file named
  {
    title: 'import of a missing file',
    args: ['import', path.join(dir, 'missing.profile.json')],
    code: 1,
    stderr: `trt-studio: ${path.join(dir, 'missing.profile.json')}: no such file`,
  },
  {
    title: 'import of a folder',
    args: ['import', dir],
    code: 1,
    stderr: new RegExp(
      `^trt-studio: ${escape(dir)}: a folder with no JPEG or PNG images \\(.*\\): open the files inside it, not the folder$`,
    ),
  },
  {
    title: 'import of a file no importer knows',
    args: ['import', fixture('MANIFEST.md')],
    code: 1,
    stderr: new RegExp(
      `^trt-studio: ${escape(fixture('MANIFEST.md'))}: a text file beginning ".*": the studio opens ONNX models, .*$`,
    ),
  },
  {
    title: 'import of a layer-information JSON cut short',
    args: ['import', truncatedJson],
    code: 1,
    stderr: new RegExp(
      `^trt-studio: ${escape(truncatedJson)}: not valid JSON \\(the file looks truncated\\): `,
    ),
  },
  {
    title: "import's --out into a folder that does not exist",
    args: [
      'import',
      fixture('trtexec', 'legacy__googlenet_gpu.profile.json'),
      '--out',
      path.join(dir, 'no', 'such', 's.json'),
    ],
    code: 1,
    stderr: `trt-studio: ${path.join(dir, 'no', 'such', 's.json')}: cannot write: the folder ${path.join(dir, 'no', 'such')} does not exist`,
  },
  {
    title: 'compare of a missing file',
    args: ['compare', path.join(dir, 'gone.json'), fixture('trtexec', 'legacy__googlenet_gpu.profile.json')],
    code: 1,
    stderr: `trt-studio: ${path.join(dir, 'gone.json')}: no such file`,
  },
  {
    title: 'inspect of a missing model',
    args: ['inspect', path.join(dir, 'missing.onnx')],
    code: 1,
    stderr: `trt-studio: ${path.join(dir, 'missing.onnx')}: no such file`,
  },
  {
    title: 'inspect of a folder',
    args: ['inspect', dir],
    code: 1,
    stderr: `trt-studio: ${dir}: is a folder, not an ONNX file`,
  },
  {
    // Checked before the first variant is made, not when the session is saved after every profile.
    title: 'profile with --out in a folder that does not exist',
    args: [
      'profile',
      model,
      '--precisions',
      'fp32',
      '--out',
      path.join(dir, 'no', 'such', 'run.session.json'),
    ],
    code: 1,
    stderr: `trt-studio: ${path.join(dir, 'no', 'such', 'run.session.json')}: cannot write: the folder ${path.join(dir, 'no', 'such')} does not exist`,
  },
  {
    title: 'profile with --out naming a folder',
    args: ['profile', model, '--precisions', 'fp32', '--out', dir],
    code: 1,
    stderr: `trt-studio: ${dir}: cannot write: is a folder, not a file`,
  },
  {
    title: 'profile of a missing model',
    args: ['profile', path.join(dir, 'missing.onnx'), '--precisions', 'fp32'],
    code: 1,
    stderr: `trt-studio: ${path.join(dir, 'missing.onnx')}: no such file`,
  },
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('CLI errors: one line, the right exit code', () => {
  it.each(CASES)('$title', ({ args, code, stderr }) => {
    const result = runCli(args, { cwd: dir });
    const lines = result.stderr.split('\n').filter((line) => line !== '');
    expect(result.code).toBe(code);
    expect(lines).toHaveLength(1);
    const expected = stderr === 'TENSORRT' ? tensorrtLine : stderr;
    if (typeof expected === 'string') expect(lines[0]).toBe(expected);
    else expect(lines[0]).toMatch(expected);
  });

  it('a run that fails after making a variant leaves no <model>.session.variants/ folder behind', () => {
    const empty = path.join(dir, 'no-images');
    fs.mkdirSync(empty);
    const result = runCli(
      [
        'profile',
        model,
        '--precisions',
        'fp16',
        '--iterations',
        '2',
        '--warmup',
        '0',
        '--eval',
        `images:${empty}`,
      ],
      { cwd: dir },
    );
    expect(result.code).toBe(1);
    // The last line names the folder (the wording is the input sources'); the variant made before is gone.
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(
      new RegExp(`^trt-studio: ${escape(empty)}: .*no JPEG or PNG images`),
    );
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.variants'))).toEqual([]);
  });
});
