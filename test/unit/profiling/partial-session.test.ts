import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newSession, saveSession } from '../../../electron/core/model/session';
import type { Variant } from '../../../electron/core/model/types';
import { findPartialSession, partialSessionPathOf } from '../../../electron/core/profiling/partial-session';
import { tempDir } from '../../helpers/fixtures';

const dir = tempDir('partial-session-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function savePartial(out: string, startedAt: string, outcome = true): void {
  const session = newSession();
  session.variants = [{ id: 'fp32' } as Variant, { id: 'fp16' } as Variant];
  session.run = {
    job: {},
    startedAt,
    finishedAt: startedAt,
    ...(outcome ? { outcome: { state: 'failed' as const, stage: 'int8:make', message: 'bad image' } } : {}),
  };
  saveSession(partialSessionPathOf(out), session);
}

describe('partial sessions', () => {
  it('sit beside the session a run makes, never on it', () => {
    expect(partialSessionPathOf('/a/run.session.json')).toBe(path.resolve('/a/run.partial.session.json'));
    expect(partialSessionPathOf('/a/s.json')).toBe(path.resolve('/a/s.partial.json'));
    expect(partialSessionPathOf('/a/result')).toBe(path.resolve('/a/result.partial.session.json'));
  });

  it("are found for the run that wrote them, not for a later run nor when they are not a run's", () => {
    const out = path.join(dir, 'run.session.json');
    expect(findPartialSession(out, 0)).toBeUndefined();
    const startedAt = '2026-01-01T00:00:10.000Z';
    savePartial(out, startedAt);
    const since = Date.parse(startedAt);
    expect(findPartialSession(out, since - 5)).toEqual({
      path: partialSessionPathOf(out),
      variants: ['fp32', 'fp16'],
    });
    // Written by an earlier run than the one asking: not this run's.
    expect(findPartialSession(out, since + 1)).toBeUndefined();
    // A session without an outcome is a finished one, whatever its name.
    savePartial(out, startedAt, false);
    expect(findPartialSession(out, 0)).toBeUndefined();
    fs.writeFileSync(partialSessionPathOf(out), '{"kind": "sess');
    expect(findPartialSession(out, 0)).toBeUndefined();
  });
});
