/**
 * The layer rules (.dependency-cruiser.cjs) catch a wrong import: a scratch file in the lowest layer
 * (electron/core/model/) imports a job from profiling/ and Electron itself, and dependency-cruiser must
 * report both. The scratch file is always removed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const DEPCRUISE = path.resolve('node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const SCRATCH = path.join('electron', 'core', 'model', `layers-scratch-${process.pid}.ts`);

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

function cruise(file: string): { errors: number; violations: Violation[] } {
  const run = spawnSync(
    process.execPath,
    [DEPCRUISE, '--config', '.dependency-cruiser.cjs', '--output-type', 'json', file],
    { encoding: 'utf8' },
  );
  if (!run.stdout) throw new Error(`dependency-cruiser printed nothing: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { summary: { error: number; violations: Violation[] } };
  return { errors: report.summary.error, violations: report.summary.violations };
}

afterEach(() => fs.rmSync(SCRATCH, { force: true }));

describe('layer rules', () => {
  it('report an import from model/ up into profiling/ and one of Electron from core', () => {
    fs.writeFileSync(
      SCRATCH,
      [
        "import { runProfileSession } from '../profiling/profile-session';",
        "import { app } from 'electron';",
        'export const wrong = [runProfileSession, app];',
        '',
      ].join('\n'),
    );
    const { errors, violations } = cruise(SCRATCH);
    const fromScratch = violations.filter((v) => v.from === SCRATCH.split(path.sep).join('/'));
    expect(fromScratch.map((v) => [v.rule.name, v.to])).toEqual(
      expect.arrayContaining([
        ['model-imports-only-below', 'electron/core/profiling/profile-session.ts'],
        ['core-not-front-ends', expect.stringMatching(/node_modules\/electron\//)],
      ]),
    );
    expect(fromScratch.every((v) => v.rule.severity === 'error')).toBe(true);
    expect(errors).toBe(violations.length);
  });

  it('pass the same file once its import goes downward only', () => {
    fs.writeFileSync(
      SCRATCH,
      "import { percentile } from './statistics';\nexport const right = percentile;\n",
    );
    const { errors, violations } = cruise(SCRATCH);
    expect(violations).toEqual([]);
    expect(errors).toBe(0);
  });
});
