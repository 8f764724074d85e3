/**
 * "Report on this session": load the session file, build the report model, write the formats asked
 * for. The one call behind `trt-studio report`, `trt-studio profile --report` and, later, the app's
 * export. The output folder and format names are checked before the session is read.
 */
import { loadSession } from '../model/session';
import { buildReport } from './report-model';
import { checkReportOutput, writeReportFiles, type ReportOutput } from './report-files';

export interface ExportReportRequest extends ReportOutput {
  sessionPath: string;
  baseline?: string;
}

export async function exportReport(request: ExportReportRequest): Promise<string[]> {
  checkReportOutput(request.outDir, request.formats);
  const session = loadSession(request.sessionPath);
  const report = buildReport(session, { sessionPath: request.sessionPath, baseline: request.baseline });
  return writeReportFiles(report, session.traces, request);
}
