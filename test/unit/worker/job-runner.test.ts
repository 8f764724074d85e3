import { describe, expect, it } from 'vitest';
import type { ProgressMessage } from '../../../electron/core/api';
import { startJob } from '../../../electron/core/jobs/job-runner';

// Each test forks the real worker entry (electron/worker/worker.ts through tsx).
describe('job runner and worker process', () => {
  it('streams progress in order, then the result', async () => {
    const events: ProgressMessage[] = [];
    const job = startJob({ kind: 'self-test', steps: 5, stepMs: 5 }, { onProgress: (e) => events.push(e) });
    const outcome = await job.outcome;
    expect(outcome).toEqual({ ok: true, result: { kind: 'self-test', steps: 5 } });
    expect(events.map((e) => e.sequence)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(events.map((e) => e.message)).toEqual(['step 0', 'step 1', 'step 2', 'step 3', 'step 4', 'done']);
    const fractions = events.map((e) => e.fraction!);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });

  it('cancel stops the job before it finishes', async () => {
    const events: ProgressMessage[] = [];
    const job = startJob(
      { kind: 'self-test', steps: 1000, stepMs: 20 },
      {
        onProgress: (e) => {
          events.push(e);
          if (events.length === 3) job.cancel();
        },
      },
    );
    const outcome = await job.outcome;
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.kind).toBe('cancelled');
    expect(events.length).toBeLessThan(20);
  });

  it('a killed worker becomes an error event naming the signal', async () => {
    const job = startJob(
      { kind: 'self-test', steps: 1000, stepMs: 20 },
      { onProgress: (e) => e.sequence === 1 && job.worker.kill('SIGKILL') },
    );
    const outcome = await job.outcome;
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'crashed' } });
    if (!outcome.ok)
      expect(outcome.error.message).toBe('the worker process was killed by SIGKILL before the job finished');
  });

  it('a job that throws reports its message', async () => {
    const outcome = await startJob({ kind: 'self-test', steps: 5, stepMs: 1, failAt: 2 }).outcome;
    expect(outcome).toMatchObject({
      ok: false,
      error: { kind: 'failed', message: 'self-test failed at step 2 as asked' },
    });
  });

  it('a job the protocol refuses is reported, not run', async () => {
    const bad = { kind: 'self-test', steps: -1, stepMs: 1 } as unknown as Parameters<typeof startJob>[0];
    const outcome = await startJob(bad).outcome;
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'protocol' } });
    if (!outcome.ok) expect(outcome.error.message).toMatch(/^refused message: job\.steps/);
  });
});
