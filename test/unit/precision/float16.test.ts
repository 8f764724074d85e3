import { describe, expect, it } from 'vitest';
import { float16Bits, float16ToFloat32, float32ToFloat16 } from '../../../electron/core/model/float16';

// Expected bits from numpy 2.4: np.array(v, np.float32).astype(np.float16).view(np.uint16).
const NUMPY: [number, number][] = [
  [0, 0x0],
  [-0, 0x8000],
  [1, 0x3c00],
  [-2.5, 0xc100],
  [65504, 0x7bff],
  [65519, 0x7bff],
  [65520, 0x7c00],
  [1e6, 0x7c00],
  [-1e6, 0xfc00],
  [6.103515625e-5, 0x400],
  [2 ** -24, 0x1],
  [2 ** -25, 0x0], // exactly half the smallest subnormal: ties to even (0)
  [2.980232594040899e-8, 0x1], // just above the tie
  [9.999999717180685e-10, 0x0],
  [0.10000000149011612, 0x2e66],
  [0.3333333432674408, 0x3555],
  [1.00146484375, 0x3c02], // 1 + 1.5 ulp: tie between 0x3c01 and 0x3c02 -> even
  [3.141590118408203, 0x4248],
  [9.999999974752427e-7, 0x11],
  [Infinity, 0x7c00],
  [-Infinity, 0xfc00],
];

describe('float16', () => {
  it('matches numpy bit for bit without clamping', () => {
    for (const [value, bits] of NUMPY) expect(float16Bits(value, false), String(value)).toBe(bits);
  });

  it('clamps finite overflow to +-65504 by default and counts it', () => {
    expect(float16Bits(65520)).toBe(0x7bff);
    expect(float16Bits(-1e6)).toBe(0xfbff);
    expect(float16Bits(Infinity)).toBe(0x7c00);
    const result = float32ToFloat16([1, 1e6, -70000, 1e-9, 0]);
    expect(result.clamped).toBe(2);
    expect(result.flushedToZero).toBe(1);
  });

  it('round-trips every finite half exactly', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      if ((bits & 0x7c00) === 0x7c00) continue;
      expect(float16Bits(float16ToFloat32(bits))).toBe(bits);
    }
  });

  it('keeps NaN a NaN', () => {
    expect(Number.isNaN(float16ToFloat32(float16Bits(NaN)))).toBe(true);
  });
});
