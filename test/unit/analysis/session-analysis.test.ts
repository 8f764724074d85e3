/**
 * One session analysed for the views: a single engine gets its report and roofline but no comparison;
 * a baseline label the session does not have falls back to FP32; the picked baseline leads.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeSession } from '../../../electron/core/analysis/session-analysis';
import { filesToSession } from '../../../electron/core/importers/files-to-session';
import { fixture } from '../../helpers/fixtures';

const resnet = (set: string) =>
  fs
    .readdirSync(fixture('trtexec'))
    .filter((name) => name.startsWith(`pytorch__resnet__A100__${set}__`))
    .map((name) => fixture('trtexec', name));

describe('session analysis', () => {
  it('analyses one engine without comparing it', async () => {
    const { session } = await filesToSession(resnet('fp16'));
    const analysis = analyzeSession(session);
    expect(analysis.engines).toEqual([
      { key: 'trtexec:pytorch__resnet__A100__fp16__resnet', label: 'FP16 TensorRT' },
    ]);
    expect(analysis.comparison).toBeNull();
    expect(analysis.accuracy).toBeNull();
    expect(analysis.reports).toHaveLength(1);
    expect(analysis.roofline!.ceilings.label).toBe('datasheet: NVIDIA A100 PCIe 80GB');
    expect(analysis.engineDevice).toBe('NVIDIA A100 80GB PCIe');
  });

  it('leads with the baseline picked, and with FP32 for a label it does not know', async () => {
    const { session } = await filesToSession([...resnet('fp16'), ...resnet('fp32')]);
    expect(analyzeSession(session, { baseline: 'FP16 TensorRT' }).engines.map((e) => e.label)).toEqual([
      'FP16 TensorRT',
      'FP32 TensorRT',
    ]);
    const fallback = analyzeSession(session, { baseline: 'INT8 ONNX Runtime' });
    expect(fallback.baseline).toEqual({ label: 'FP32 TensorRT', reason: 'FP32, the reference precision' });
    expect(fallback.comparison!.cards[1]!.speedup!.value).toBeCloseTo(1.99072 / 0.862183, 9);
    // Every layer name of every variant maps to its aligned row.
    expect(Object.keys(fallback.rowKeys).length).toBeGreaterThanOrEqual(fallback.comparison!.rows.length);
    expect(analyzeSession(session, { device: 'h100' }).roofline!.ceilings.label).toBe(
      'datasheet: NVIDIA H100 SXM',
    );
  });
});
