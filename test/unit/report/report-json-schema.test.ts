/** The committed JSON Schema is the one the zod schema generates, and it refuses what it must. */
import fs from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { importTrtexecFiles } from '../../../electron/core/importers/grouping';
import { newSession } from '../../../electron/core/model/session';
import { REPORT_SCHEMA_FILE, reportJsonSchemaText } from '../../../electron/core/report/report-json-schema';
import { buildReport } from '../../../electron/core/report/report-model';
import { fixture } from '../../helpers/fixtures';

const files = ['fp32__resnet', 'fp16__resnet'].flatMap((run) =>
  ['graph', 'profile', 'profile.metadata'].map((kind) =>
    fixture('trtexec', `pytorch__resnet__A100__${run}.${kind}.json`),
  ),
);

function resnetReport() {
  const { runs } = importTrtexecFiles(files);
  const session = newSession();
  session.engines = runs.map((run) => run.engine);
  session.profiles = runs.flatMap((run) => (run.profile ? [run.profile] : []));
  return buildReport(session);
}

describe('report.schema.json', () => {
  it('equals the schema generated from model/report.ts (npm run report-schema rewrites it)', () => {
    expect(fs.readFileSync(REPORT_SCHEMA_FILE, 'utf8')).toBe(reportJsonSchemaText());
  });

  it('accepts a built report and refuses a newer version, a missing section or an unknown field', () => {
    const validate = new Ajv2020({ strict: false }).compile(
      JSON.parse(fs.readFileSync(REPORT_SCHEMA_FILE, 'utf8')),
    );
    const report = JSON.parse(JSON.stringify(resnetReport())) as Record<string, unknown>;
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...report, reportVersion: 2 })).toBe(false);
    const { roofline: _roofline, ...withoutRoofline } = report;
    expect(validate(withoutRoofline)).toBe(false);
    expect(validate({ ...report, extra: true })).toBe(false);
  });
});
