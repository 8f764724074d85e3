/**
 * "Sessions -> Comparison" on the real trtexec runs of ResNet-18 on an A100 (TREx's examples) and on
 * an RTX 3060 (TensorRT 10), and on ONNX Runtime profiles. Totals and speedups were computed in python
 * from the profile JSON (see resnet-comparison.test.ts): fp32 2.123776 ms, fp16 1.016832 ms, qat
 * 1.09568 ms, so fp16 is 2.0886x and qat 1.9383x the fp32 speed, and fp32 is 0.4788x the fp16's.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareSessions } from '../../../electron/core/analysis/compare-sessions';
import { filesToSession } from '../../../electron/core/importers/files-to-session';
import { fixture } from '../../helpers/fixtures';

const runFiles = (prefix: string) =>
  fs
    .readdirSync(fixture('trtexec'))
    .filter((name) => name.startsWith(prefix))
    .map((name) => fixture('trtexec', name));
const resnet = (set: string) => runFiles(`pytorch__resnet__A100__${set}__`);
const sessionOf = async (files: string[]) => (await filesToSession(files)).session;

describe('sessions -> comparison', () => {
  it('takes the FP32 engine as the baseline wherever it comes, and labels engines by precision and backend', async () => {
    // fp16 sorts first by name and comes first here; fp32 comes last.
    const session = await sessionOf([...resnet('fp16'), ...resnet('qat'), ...resnet('fp32')]);
    const result = compareSessions([session]);
    expect(result.baseline).toEqual({ label: 'FP32 TensorRT', reason: 'FP32, the reference precision' });
    expect(result.comparison.labels).toEqual(['FP32 TensorRT', 'FP16 TensorRT', 'INT8 TensorRT']);
    expect(result.engines.map((engine) => engine.id)).toEqual([
      'trtexec:pytorch__resnet__A100__fp32__resnet',
      'trtexec:pytorch__resnet__A100__fp16__resnet',
      'trtexec:pytorch__resnet__A100__qat__resnet-qat',
    ]);
    expect(result.speedups[0]).toBe(1);
    expect(result.speedups[1]).toBeCloseTo(2.0886, 4);
    expect(result.speedups[2]).toBeCloseTo(1.9383, 4);
    expect(result.alignment).toMatchObject({ rows: 36, matched: 23 });
    // The QAT engine was built from another ONNX file (its build options say so), whose layers line up
    // with the others' (all 23 compute layers align): said first, and compared as one network.
    expect(result.sameModel).toBe(true);
    expect(result.comparison.warnings[0]).toBe(
      'these engines were built from different model files (FP32 TensorRT, FP16 TensorRT from resnet.onnx; ' +
        'INT8 TensorRT from resnet-qat.onnx) whose layers line up: compared as one network',
    );
    // Each engine carries its profile; imported runs have neither variant nor accuracy.
    expect(
      result.items.map((item) => [item.label, Boolean(item.profile), item.variant, item.accuracy]),
    ).toEqual([
      ['FP32 TensorRT', true, undefined, undefined],
      ['FP16 TensorRT', true, undefined, undefined],
      ['INT8 TensorRT', true, undefined, undefined],
    ]);
  });

  it('measures against the baseline the caller names', async () => {
    const session = await sessionOf([...resnet('fp32'), ...resnet('fp16')]);
    const result = compareSessions([session], { baseline: 'fp16 tensorrt' });
    expect(result.baseline).toEqual({ label: 'FP16 TensorRT', reason: 'chosen by the caller' });
    expect(result.comparison.labels).toEqual(['FP16 TensorRT', 'FP32 TensorRT']);
    expect(result.speedups[1]).toBeCloseTo(0.4788, 4);
    expect(compareSessions([session], { baseline: 1 }).baseline.label).toBe('FP16 TensorRT');
    expect(() => compareSessions([session], { baseline: 'INT8 TensorRT' })).toThrow(
      'no engine is labelled "INT8 TensorRT"; the labels are FP32 TensorRT, FP16 TensorRT',
    );
    expect(() => compareSessions([session], { baseline: 2 })).toThrow(
      'baseline 2 is out of range: there are 2 engines',
    );
    expect(() => compareSessions([session], { labels: ['a'] })).toThrow(
      'the labels name 1 engines, the inputs hold 2',
    );
  });

  it('tells two INT8 engines apart by their models; without FP32 the widest precision leads', async () => {
    const session = await sessionOf([...resnet('qat'), ...resnet('qat-residual')]);
    const result = compareSessions([session]);
    expect(result.comparison.labels).toEqual([
      'INT8 TensorRT (resnet-qat)',
      'INT8 TensorRT (resnet-qat-residual)',
    ]);
    expect(result.baseline.reason).toBe('no FP32 engine: INT8 is the widest precision here');
  });

  it('says plainly that sessions hold different model files and ran on different devices', async () => {
    const a100 = await sessionOf(resnet('fp32'));
    const rtx = await sessionOf(runFiles('trt10__resnet18_fp16'));
    const result = compareSessions([rtx, a100]);
    expect(result.baseline.label).toBe('FP32 TensorRT');
    // Two exports of ResNet-18: their layers line up (type and shapes without the batch), one network.
    expect(result.sameModel).toBe(true);
    // In compared order: the baseline first.
    expect(result.comparison.warnings.slice(0, 2)).toEqual([
      'these engines were built from different model files (FP32 TensorRT from resnet.onnx; FP16 TensorRT from ' +
        'resnet18_fp16.onnx) whose layers line up: compared as one network',
      'these engines ran on different devices (FP32 TensorRT on NVIDIA A100 80GB PCIe; FP16 TensorRT on NVIDIA ' +
        'GeForce RTX 3060 Laptop GPU): times compare the devices as well as the precisions',
    ]);
  });

  it("tells models apart by the sessions' model hashes", async () => {
    // Each session holds an ONNX model and an ONNX Runtime profile; the hashes of the models decide.
    const first = await sessionOf([
      fixture('models', 'mnist-8_opt_wonnx.onnx'),
      fixture('traces', 'ort_resnet18_cpu_2026-11-21_11-45-27_469.json'),
    ]);
    const second = await sessionOf([
      fixture('models', 'squeezenet1.1_fp16_winml.onnx'),
      fixture('traces', 'onnxruntime_profile__2019-06-28_04-56-43.json'),
    ]);
    const result = compareSessions([first, second]);
    expect(result.comparison.labels).toEqual(['FP32 ONNX Runtime', 'ONNX Runtime (precision unknown)']);
    expect(result.comparison.warnings[0]).toMatch(
      /^these engines were built from different models \(FP32 ONNX Runtime from mnist-8_opt_wonnx\.onnx; ONNX Runtime \(precision unknown\) from squeezenet1\.1_fp16_winml\.onnx\)/,
    );
    const same = compareSessions([first, first]);
    expect(same.comparison.warnings.join('\n')).not.toMatch(/different models/);
  });

  it('does not compare layers of different networks (AlexNet against ResNet-18)', async () => {
    const alexnet = await sessionOf(runFiles('trt10__alexnet_fp16'));
    const resnet18 = await sessionOf(runFiles('trt10__resnet18_fp16'));
    const result = compareSessions([alexnet, resnet18]);
    expect(result.sameModel).toBe(false);
    expect(result.notes).toEqual([
      'these engines were built from different models (FP16 TensorRT (alexnet_fp16) from alexnet_fp16.onnx; ' +
        'FP16 TensorRT (resnet18_fp16) from resnet18_fp16.onnx): their layers do not line up, so they are ' +
        'compared engine by engine (latency, throughput, time by layer type), not layer against layer',
    ]);
  });

  it('needs two engines', async () => {
    const session = await sessionOf(resnet('fp32'));
    expect(() => compareSessions([session])).toThrow('compare needs 2 or more engines; these files hold 1');
  });
});
