/** Rewrites report.schema.json from the zod schema: `npm run report-schema`. */
import { writeFileAtomic } from '../model/session';
import { REPORT_SCHEMA_FILE, reportJsonSchemaText } from './report-json-schema';

writeFileAtomic(REPORT_SCHEMA_FILE, reportJsonSchemaText());
process.stdout.write(`wrote ${REPORT_SCHEMA_FILE}\n`);
