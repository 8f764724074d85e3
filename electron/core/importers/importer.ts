/**
 * One importer per outside format. `detect` looks at a file cheaply (its first bytes) and says how sure
 * it is; `parse` reads it into canonical objects. Importers never throw on a file of another
 * format once `detect` said 0; on a broken file of their own format they throw StudioError naming it.
 */
import type { Engine, Profile } from '../model/types';
import type { Trace } from '../model/trace';

export interface ImportInput {
  /** The file's name as the user knows it: a hint for weak signs only, never decisive on its own. */
  path: string;
  /** The first bytes of the file (up to 64 KiB) for detection; gunzipped when the file is gzip. */
  head: Uint8Array;
}

/** The formats of the importers in registry.ts; each is also a FileKind (file-kinds.ts). */
export type ImporterFormat =
  | 'trtexec-layer-info'
  | 'trtexec-profile'
  | 'trtexec-times'
  | 'trtexec-log'
  | 'trtexec-metadata'
  | 'nsys-sqlite'
  | 'onnxruntime-profile'
  | 'chrome-trace';

export interface ImportResult {
  engines: Engine[];
  profiles: Profile[];
  traces: Trace[];
  /** Facts that do not fit the objects above (device, build options) keyed for grouping. */
  warnings: string[];
}

export interface Importer {
  readonly format: ImporterFormat;
  /** What a file of this format is, as a user reads it: "a trtexec per-layer profile (--exportProfile)". */
  readonly description: string;
  /** True when `parse` reads the file gzip-compressed as well (Kineto writes .json.gz). */
  readonly readsGzip?: boolean;
  /** 0 = not mine, 1 = certainly mine; values between for weaker signs (extension only). */
  detect(input: ImportInput): number;
  parse(path: string): Promise<ImportResult>;
}
