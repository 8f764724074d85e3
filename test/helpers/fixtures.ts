/**
 * Paths of the shared fixtures (read-only, beside the repo: ../shared/fixtures). TRT_STUDIO_FIXTURES
 * points elsewhere: a trimmed copy carried to the device machine, and the ORT-quantizer export made for it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FIXTURES = path.resolve(process.env.TRT_STUDIO_FIXTURES ?? '../shared/fixtures');

export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

/** Every .onnx model in fixtures/models. */
export function fixtureModels(): string[] {
  return fs
    .readdirSync(fixture('models'))
    .filter((f) => f.endsWith('.onnx'))
    .sort()
    .map((f) => fixture('models', f));
}

/** A fresh temporary folder for one test. */
export function tempDir(prefix = 'trt-studio-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Short third-party excerpts committed with the tests (test/fixtures-local, provenance beside them). */
export const LOCAL_FIXTURES = path.resolve('test/fixtures-local');

export function localFixture(...parts: string[]): string {
  return path.join(LOCAL_FIXTURES, ...parts);
}
