/**
 * Number formatting the comparison views share (text only; the figures themselves come from core).
 * A missing figure is a dash with a reason in the caller, never 0.
 */
import { formatBytes } from '../../../electron/core/model/units';

export const DASH = '—';

export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  if (value >= 100) return `${value.toFixed(1)} ms`;
  if (value >= 1) return `${value.toFixed(3)} ms`;
  if (value >= 0.001) return `${value.toFixed(4)} ms`;
  return `${(value * 1000).toFixed(2)} µs`;
}

export function ratio(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? DASH : `${value.toFixed(2)}x`;
}

export function percent(share: number | null | undefined, digits = 1): string {
  return share === null || share === undefined || !Number.isFinite(share)
    ? DASH
    : `${(share * 100).toFixed(digits)}%`;
}

export function bytes(value: number | null | undefined): string {
  return value === null || value === undefined ? DASH : formatBytes(value);
}

export function rate(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  if (value >= 1e4) return `${Math.round(value).toLocaleString('en')} ${unit}`.trim();
  return `${value.toFixed(value >= 100 ? 0 : 1)} ${unit}`.trim();
}

/** A metric value: agreements and cosines with 4 decimals, errors in scientific notation. */
export function metric(value: number, kind: 'share' | 'error' | 'db'): string {
  if (!Number.isFinite(value)) return String(value);
  if (kind === 'db') return `${value.toFixed(1)} dB`;
  if (kind === 'error')
    return value === 0 ? '0' : value < 1e-3 ? value.toExponential(2) : value.toPrecision(3);
  return value.toFixed(4);
}

export function upper(precision: string): string {
  return precision === 'unknown' ? '?' : precision.toUpperCase();
}
