/**
 * The calibration cache: ranges as versioned JSON that can be reused (skip calibration) and edited by
 * hand (change one tensor's amax and rebuild). Written atomically; read back with validation, so an
 * edit that breaks a number is reported with the tensor it is in.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { StudioError } from '../errors';
import { writeFileAtomic } from '../model/session';
import type { CalibrationRanges } from './calibration-ranges';

export const CALIBRATION_CACHE_FORMAT = 'trt-studio-calibration';
export const CALIBRATION_CACHE_VERSION = 1;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const rangeSchema = z
  .object({ min: finite, max: finite, amax: finite.refine((v) => v >= 0, 'amax must be >= 0') })
  .refine((r) => r.min <= r.max, 'min is larger than max');

const cacheSchema = z.object({
  format: z.literal(CALIBRATION_CACHE_FORMAT),
  version: z.literal(CALIBRATION_CACHE_VERSION),
  method: z.enum(['minmax', 'percentile', 'entropy']),
  percentile: z.number().optional(),
  source: z.object({ spec: z.string(), samples: z.number() }),
  model: z.object({ file: z.string(), sha256: z.string() }),
  tensors: z.record(z.string(), rangeSchema),
});

export function writeCalibrationCache(file: string, ranges: CalibrationRanges): void {
  const body = { format: CALIBRATION_CACHE_FORMAT, version: CALIBRATION_CACHE_VERSION, ...ranges };
  writeFileAtomic(file, JSON.stringify(body, null, 1) + '\n');
}

export function readCalibrationCache(file: string, expectedModelSha256?: string): CalibrationRanges {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new StudioError(
      file,
      code
        ? `cannot read calibration cache (${code})`
        : `calibration cache is not valid JSON: ${(error as Error).message}`,
    );
  }
  const parsed = cacheSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StudioError(file, `calibration cache: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const { format: _format, version: _version, ...ranges } = parsed.data;
  if (expectedModelSha256 && ranges.model.sha256 && ranges.model.sha256 !== expectedModelSha256) {
    throw new StudioError(
      file,
      `calibration cache was made for another model (sha256 ${ranges.model.sha256.slice(0, 12)}...)`,
    );
  }
  return ranges;
}
