/**
 * The README's first command, exactly as written there, on the sample model in assets/: run from a
 * folder holding only a link to assets/ (as a fresh clone's root would), it must write the session and
 * every report format.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/fixtures';
import { EVERY_REPORT_FILE, readValidReport } from '../helpers/report-files-check';

/** The first `npx trt-studio ...` line of the README, as arguments. */
function firstReadmeCommand(): string[] {
  const readme = fs.readFileSync(path.resolve('README.md'), 'utf8');
  const line = readme.split('\n').find((l) => l.startsWith('npx trt-studio '));
  if (!line) throw new Error('README.md has no `npx trt-studio` command');
  return line.trim().split(/\s+/).slice(2);
}

describe("the README's first command", () => {
  const dir = tempDir('trt-studio-readme-');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is the main job on the sample model, with a report in every format', () => {
    const args = firstReadmeCommand();
    expect(args.slice(0, 2)).toEqual(['profile', 'assets/sample-cnn.onnx']);
    expect(args).toContain('--report');
    fs.symlinkSync(path.resolve('assets'), path.join(dir, 'assets'));
    const result = runCli(args, { cwd: dir, timeoutMs: 240_000 });
    expect(result.stderr).not.toMatch(/trt-studio: /);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^backend: (onnxruntime|tensorrt)/);
    expect(fs.readdirSync(dir).sort()).toEqual(
      ['assets', ...EVERY_REPORT_FILE, 'sample-cnn.session.json', 'sample-cnn.session.variants'].sort(),
    );
    const report = readValidReport(path.join(dir, 'report.json'));
    expect(report.variants.map((v) => v.precision)).toEqual(['fp32', 'fp16', 'int8']);
    for (const file of ['report.html', 'report.pdf', 'report.trace.json', 'report.layers.csv'])
      expect(fs.statSync(path.join(dir, file)).size, file).toBeGreaterThan(1000);
  });
});
