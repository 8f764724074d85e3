import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCompact,
  formatCount,
  formatFixed,
  formatPercent,
  formatRate,
  formatTime,
  formatUnit,
} from '../../../electron/core/model/units';

describe('units', () => {
  it('bytes are binary, counts, FLOPs and rates decimal', () => {
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.00 GiB');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatCount(1536)).toBe('1.54 k');
    expect(formatUnit(1.07e9, 'FLOPs')).toBe('1.07 GFLOPs');
    expect(formatUnit(12, 'FLOPs')).toBe('12 FLOPs');
    expect(formatRate(4.8e12, 'B')).toBe('4.80 TB/s');
    expect(formatRate(6e13, 'FLOP')).toBe('60.00 TFLOP/s');
  });

  it('axis ticks stay short', () => {
    expect(formatCompact(300_000)).toBe('300 k');
    expect(formatCompact(1_250_000)).toBe('1.3 M');
    expect(formatCompact(42)).toBe('42');
  });

  it('times, ratios and percentages, with a placeholder for a missing value', () => {
    expect(formatTime(0.123456)).toBe('0.1235 ms');
    expect(formatTime(null, 4, 'unknown')).toBe('unknown');
    expect(formatFixed(1.234, 2, 'x')).toBe('1.23x');
    expect(formatFixed(Number.NaN, 2, 'x')).toBe('-');
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatPercent(undefined)).toBe('-');
  });
});
