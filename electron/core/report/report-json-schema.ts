/**
 * The JSON Schema of the report, generated from its zod schema (model/report.ts). The repository
 * keeps the generated file (report.schema.json) for readers outside the studio; a test checks that
 * it equals what this function generates, and `npm run report-schema` rewrites it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { reportSchema } from '../model/report';

/** Where the committed schema lives, beside this file. */
export const REPORT_SCHEMA_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'report.schema.json',
);

export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(reportSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}

/** The schema file's text (generated: prettier leaves it alone, see .prettierignore). */
export function reportJsonSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}
