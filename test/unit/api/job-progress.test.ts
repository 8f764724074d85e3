import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../../../electron/core/api/operations';
import { jobProgress, plannedStages } from '../../../electron/core/api/job-progress';

const JOB = {
  kind: 'profile' as const,
  modelPath: 'm.onnx',
  precisions: ['fp32' as const, 'int8' as const],
  backend: 'onnxruntime' as const,
  outPath: 's.json',
};

function record(
  events: [string, number | null, string?][],
  state: JobRecord['state'] = 'running',
): JobRecord {
  return {
    jobId: 'j',
    job: JOB,
    state,
    startedAt: '2026-01-01T00:00:00.000Z',
    ...(state === 'running' ? {} : { finishedAt: '2026-01-01T00:00:10.000Z' }),
    progress: events.map(([stage, fraction, message], sequence) => ({
      type: 'progress' as const,
      jobId: 'j',
      sequence,
      stage,
      fraction,
      message,
    })),
  };
}

describe('job progress', () => {
  it('plans a profile job: per precision make, load and profile (FP32 first, nothing to make), then accuracy', () => {
    expect(plannedStages(JOB)).toEqual([
      'fp32:load',
      'fp32:profile',
      'int8:make',
      'int8:load',
      'int8:profile',
      'accuracy',
    ]);
  });

  it('marks stages done, running and waiting, and shows a sub-stage on its planned stage', () => {
    const view = jobProgress(
      record([
        ['inputs', 0, 'checking'],
        ['fp32:load', 1],
        ['fp32:profile', 1],
        ['int8:make', 0],
        ['calibrate', 0.5, 'img.jpg'],
      ]),
      2000,
    );
    expect(view.stages.map((stage) => [stage.stage, stage.state])).toEqual([
      ['inputs', 'done'],
      ['fp32:load', 'done'],
      ['fp32:profile', 'done'],
      ['int8:make', 'running'],
      ['int8:load', 'waiting'],
      ['int8:profile', 'waiting'],
      ['accuracy', 'waiting'],
    ]);
    expect(view.stages[3]!.message).toBe('calibrate 50%: img.jpg');
  });

  it('estimates the time left from the weighted share done', () => {
    // Weights: load 1, profile 3, make 2, load 1, profile 3, accuracy 2 = 12; done: load + profile + half a make = 5.
    const view = jobProgress(
      record([
        ['fp32:load', 1],
        ['fp32:profile', 1],
        ['int8:make', 0.5],
      ]),
      9000,
    );
    expect(view.fraction).toBeCloseTo(5 / 12, 10);
    expect(view.timeLeftMs).toBeCloseTo((9000 * (1 - 5 / 12)) / (5 / 12), 6);
  });

  it('gives no estimate before enough is done, nor after the end', () => {
    expect(jobProgress(record([['fp32:load', 0]]), 5000).timeLeftMs).toBeNull();
    const failed = jobProgress(
      record(
        [
          ['fp32:load', 1],
          ['fp32:profile', 0.5],
        ],
        'failed',
      ),
      0,
    );
    expect(failed.timeLeftMs).toBeNull();
    expect(failed.elapsedMs).toBe(10_000);
    expect(failed.stages.find((stage) => stage.stage === 'fp32:profile')!.state).toBe('failed');
    const cancelled = jobProgress(record([['fp32:load', 0.2]], 'cancelled'), 0);
    expect(cancelled.stages[0]!.state).toBe('cancelled');
    expect(
      jobProgress(record([['accuracy', 1]], 'succeeded'), 0).stages.every((s) => s.state === 'done'),
    ).toBe(true);
  });
});
