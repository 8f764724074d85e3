/**
 * Roofline points of ResNet-18's first convolution (TREx's A100 example, batch 32), by hand:
 * FLOPs = 2 x 32 x 64 x 112 x 112 (outputs) x 3 x 7 x 7 (inputs per output) = 7,552,892,928;
 * FP32 bytes = input 32x3x224x224x4 (19,267,584) + output 32x64x112x112x4 (102,760,448)
 *   + weights 9,408x4 + bias 64x4 = 122,065,920; FP16 halves every term = 61,032,960;
 * times 0.52224 ms (FP32) and 0.111616 ms (FP16) from the profiles' averageMs.
 * The A100 80GB PCIe datasheet: 19.5 TFLOP/s FP32, 312 FP16, 1,935 GB/s.
 */
import { describe, expect, it } from 'vitest';
import { rooflineOf } from '../../../electron/core/analysis/roofline';
import { importTrtexecFiles } from '../../../electron/core/importers/grouping';
import { fixture } from '../../helpers/fixtures';

const runOf = (run: string) => {
  const files = ['graph', 'profile', 'profile.metadata'].map((kind) =>
    fixture('trtexec', `pytorch__resnet__A100__${run}.${kind}.json`),
  );
  const { engine, profile } = importTrtexecFiles(files).runs[0]!;
  return { engine, profile, label: run };
};

describe('rooflineOf', () => {
  it('gives the first convolution its hand-computed FLOPs, bytes, rate and bound (FP32)', () => {
    const roofline = rooflineOf(runOf('fp32__resnet'));
    expect(roofline.ceilings?.name).toBe('NVIDIA A100 PCIe 80GB');
    const conv = roofline.points.find((p) => p.layer === 'Conv_0 + Relu_1')!;
    expect(conv.flops).toBe(7_552_892_928);
    expect(conv.bytes).toBe(122_065_920);
    expect(conv.achievedFlopsPerSec).toBeCloseTo(7_552_892_928 / 0.00052224, 0);
    expect(conv.bound).toBe('compute'); // 61.9 FLOP/byte, ridge 19.5e12 / 1.935e12 = 10.1
    expect(conv.efficiency).toBeCloseTo(7_552_892_928 / 0.00052224 / 19.5e12, 10);
  });

  it('counts FP16 bytes at FP16 and judges against the FP16 roof', () => {
    const conv = rooflineOf(runOf('fp16__resnet')).points.find((p) => p.layer === 'Conv_0 + Relu_1')!;
    expect(conv.roof).toBe('fp16');
    expect(conv.bytes).toBe(61_032_960);
    expect(conv.intensity).toBeCloseTo(7_552_892_928 / 61_032_960, 10);
    expect(conv.bound).toBe('memory'); // 123.8 FLOP/byte < 312e12 / 1.935e12 = 161.2
  });

  it('counts pooling by its window, and leaves out (and counts) reformats, which do no math', () => {
    const roofline = rooflineOf(runOf('fp32__resnet'));
    const layers = new Set(roofline.points.map((p) => p.layerType));
    expect([...layers].sort()).toEqual(['Convolution', 'Pooling']);
    // MaxPool_2: 3x3 window over 32x64x56x56 outputs.
    expect(roofline.points.find((p) => p.layer === 'MaxPool_2')!.flops).toBe(32 * 64 * 56 * 56 * 9);
    // The one reformat of the FP32 engine has no FLOP count.
    expect(roofline.skipped).toEqual({ noFlops: 1, noBytes: 0 });
  });
});
