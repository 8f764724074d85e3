/**
 * IEEE binary16 (FP16) conversions, the one place the studio does them. float32 -> binary16 is
 * bit-exact with a hardware conversion (round to nearest, ties to even, subnormals kept), except that finite values beyond the half range are clamped to +-65504 instead of
 * becoming infinities (an infinite weight would poison every output); clamps are counted so the
 * variant can say so.
 */

export const FLOAT16_MAX = 65504;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Half bits of one float32 value. `clamp`: finite overflow -> +-65504 (default) rather than +-Inf. */
export function float16Bits(value: number, clamp = true): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  const mantissa = x & 0x7fffff;
  if (exponent === 0xff) return mantissa ? sign | 0x7e00 : sign | 0x7c00;
  const e = exponent - 127 + 15;
  if (e >= 31) return sign | (clamp ? 0x7bff : 0x7c00);
  if (e <= 0) {
    if (e < -10) return sign;
    const m = mantissa | 0x800000;
    const shift = 14 - e;
    let half = m >>> shift;
    const rest = m & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && (half & 1) === 1)) half++;
    return sign | half;
  }
  let half = sign | (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (half & 1) === 1)) half++;
  // Rounding can carry into the infinity exponent (values in [65520, 65536)).
  if ((half & 0x7fff) >= 0x7c00 && clamp) half = sign | 0x7bff;
  return half;
}

/** Half bits -> number (exact). */
export function float16ToFloat32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

export interface Float16Conversion {
  bits: Uint16Array;
  /** Finite values whose magnitude exceeded 65504 and were clamped. */
  clamped: number;
  /** Non-zero values that became zero (below half's smallest subnormal, 2^-24). */
  flushedToZero: number;
}

/** Converts a whole array, counting clamps and underflows. */
export function float32ToFloat16(values: ArrayLike<number>): Float16Conversion {
  const bits = new Uint16Array(values.length);
  let clamped = 0;
  let flushedToZero = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const h = float16Bits(v);
    bits[i] = h;
    if (Number.isFinite(v) && Math.abs(v) > FLOAT16_MAX) clamped++;
    else if (v !== 0 && (h & 0x7fff) === 0) flushedToZero++;
  }
  return { bits, clamped, flushedToZero };
}

export function float16ArrayToFloat32(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = float16ToFloat32(bits[i]!);
  return out;
}
