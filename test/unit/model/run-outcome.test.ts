import { describe, expect, it } from 'vitest';
import { unfinishedRunLine } from '../../../electron/core/model/run-outcome';
import { newSession } from '../../../electron/core/model/session';
import { stageLabel, variantLabel } from '../../../electron/core/model/stage-label';
import type { RunOutcome, Session, Variant } from '../../../electron/core/model/types';

function sessionOf(ids: string[], outcome?: RunOutcome): Session {
  const session = newSession();
  session.variants = ids.map((id) => ({ id }) as Variant);
  session.run = {
    job: {},
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:09.000Z',
    outcome,
  };
  return session;
}

describe("a run's stages and outcome in words", () => {
  it('names stages and variants as the Run view shows them', () => {
    expect(stageLabel('int8:make')).toBe('INT8: make the variant');
    expect(stageLabel('fp32:profile')).toBe('FP32: profile');
    expect(stageLabel('accuracy')).toBe('accuracy vs FP32');
    expect(stageLabel('something-new')).toBe('something-new');
    expect(variantLabel('fp16')).toBe('FP16');
    expect(variantLabel('int8-onnxruntime')).toBe('INT8 (onnxruntime)');
  });

  it('says where an unfinished run stopped, why, and what the session holds; nothing for a finished one', () => {
    const failed = sessionOf(['fp32', 'fp16'], {
      state: 'failed',
      stage: 'int8:make',
      message: '/data/zz.jpg: cannot decode image.',
    });
    expect(unfinishedRunLine(failed)).toBe(
      'Incomplete run: failed at INT8: make the variant — /data/zz.jpg: cannot decode image. This session holds FP32, FP16.',
    );
    const cancelled = sessionOf(['fp32'], {
      state: 'cancelled',
      stage: 'fp16:profile',
      message: 'cancelled',
    });
    expect(unfinishedRunLine(cancelled)).toBe(
      'Incomplete run: cancelled at FP16: profile. This session holds FP32.',
    );
    const stopped = sessionOf(['fp32'], {
      state: 'incomplete',
      stage: 'fp32:profile',
      message: 'it stopped',
    });
    expect(unfinishedRunLine(stopped)).toBe(
      'Incomplete run: stopped after FP32: profile — it stopped. This session holds FP32.',
    );
    expect(unfinishedRunLine(sessionOf(['fp32']))).toBeNull();
    expect(unfinishedRunLine(newSession())).toBeNull();
  });
});
