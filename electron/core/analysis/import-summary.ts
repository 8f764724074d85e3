/**
 * What `trt-studio import` reports about a set of imported files: one summary per engine (trtexec,
 * ONNX Runtime) and one `nsys stats`-style summary per trace, the facts the importers noted (versions,
 * NVTX domains) and every warning about what was read (the importers' own, and each trace's).
 */
import type { FilesToSession } from '../importers/files-to-session';
import { summarizeEngine, type EngineSummary } from './engine-summary';
import { summarizeTrace, type TraceSummary } from './trace-summary';

export interface ImportSummary {
  engines: EngineSummary[];
  traces: TraceSummary[];
  /** Facts about the files (e.g. "nsys 2022.1.1.61 (schema 2.9.1)"): information, not problems. */
  notes: string[];
  /** Problems met while reading: skipped or merged rows, ranges never closed, ... each naming its file. */
  warnings: string[];
}

export function summarizeImport(imported: FilesToSession): ImportSummary {
  return {
    engines: imported.runs.map((run) => summarizeEngine(run.label, run.engine, run.profile)),
    traces: imported.session.traces.map(summarizeTrace),
    notes: imported.notes,
    warnings: imported.warnings,
  };
}
