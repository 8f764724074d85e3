/**
 * `trt-studio report` and `profile --report` on bad input: a session from a newer schema, a truncated
 * session, an output folder that cannot be written, an unknown format, a failure half-way (a PDF
 * printer that will not start). Each: one line naming the file or what is wrong, a non-zero exit, and
 * no file (nor a folder made for the report) left behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesToSession } from '../../electron/core/importers/files-to-session';
import { saveSession } from '../../electron/core/model/session';
import { SCHEMA_VERSION } from '../../electron/core/model/types';
import { runCli } from '../helpers/cli';
import { fixture, tempDir } from '../helpers/fixtures';

const dir = tempDir('trt-studio-report-bad-');
const session = path.join(dir, 'resnet.session.json');

beforeAll(async () => {
  const files = ['graph', 'profile', 'profile.metadata'].flatMap((kind) =>
    ['fp32__resnet', 'fp16__resnet'].map((run) =>
      fixture('trtexec', `pytorch__resnet__A100__${run}.${kind}.json`),
    ),
  );
  saveSession(session, (await filesToSession(files)).session);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** One line on stderr, exit 1, and `out` absent (or, when it existed before, as empty as it was). */
function expectCleanFailure(result: ReturnType<typeof runCli>, out: string, message: RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) expect(fs.readdirSync(out)).toEqual([]);
}

describe('trt-studio report on bad input', () => {
  it('refuses an unknown format name before reading anything', () => {
    const out = path.join(dir, 'unknown-format');
    const result = runCli(['report', session, '--format', 'html,docx', '--out', out]);
    expectCleanFailure(
      result,
      out,
      /^trt-studio: unknown report format "docx" \(known: html, json, csv, pdf, trace, all\)$/,
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses a session from a newer schema version', () => {
    const newer = path.join(dir, 'newer.session.json');
    const text = fs.readFileSync(session, 'utf8').replace(/"schemaVersion":\d+/, '"schemaVersion":99');
    fs.writeFileSync(newer, text);
    const out = path.join(dir, 'newer');
    const result = runCli(['report', newer, '--format', 'json,csv', '--out', out]);
    expectCleanFailure(
      result,
      out,
      new RegExp(
        `^trt-studio: ${newer}: session schema 99 is newer than this studio's ${SCHEMA_VERSION}: update the studio$`,
      ),
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses a truncated session', () => {
    const truncated = path.join(dir, 'truncated.session.json');
    const text = fs.readFileSync(session, 'utf8');
    fs.writeFileSync(truncated, text.slice(0, Math.floor(text.length / 2)));
    const out = path.join(dir, 'truncated');
    const result = runCli(['report', truncated, '--format', 'all', '--out', out]);
    expectCleanFailure(result, out, new RegExp(`^trt-studio: ${truncated}: not a session file: `));
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses an output folder that cannot be written', () => {
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, 'not a folder');
    const out = path.join(file, 'reports');
    const result = runCli(['report', session, '--format', 'json', '--out', out]);
    expectCleanFailure(
      result,
      out,
      new RegExp(`^trt-studio: ${out}: the output folder is not writable \\(ENOTDIR at ${file}\\)$`),
    );
  });

  it('leaves nothing when a format fails half-way (JSON made, then the PDF printer fails)', () => {
    const out = path.join(dir, 'half-way', 'reports');
    const result = runCli(['report', session, '--format', 'json,csv,pdf', '--out', out], {
      env: { TRT_STUDIO_CHROMIUM: '/bin/false' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, 'half-way'))).toBe(false);
  });

  it('profile --report refuses an unknown format before profiling', () => {
    const out = path.join(dir, 'profile-report');
    const result = runCli([
      'profile',
      fixture('models', 'mnist-8_opt_wonnx.onnx'),
      '--precisions',
      'fp32',
      '--out',
      path.join(out, 'mnist.session.json'),
      '--report',
      path.join(out, 'report.html'),
      '--report-formats',
      'html,xlsx',
    ]);
    expectCleanFailure(result, out, /^trt-studio: unknown report format "xlsx"/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
