/**
 * One importer per outside format. `detect` looks at a file cheaply (name and first bytes) and says how
 * sure it is; `parse` reads it into canonical objects. Importers never throw on a file of another
 * format once `detect` said 0; on a broken file of their own format they throw StudioError naming it.
 */
import type { Engine, Profile } from '../model/types';
import type { Trace } from '../model/trace';

export interface ImportInput {
  /** Path as the user gave it. */
  path: string;
  /** The first bytes of the file (up to 64 KiB) for detection. */
  head: Uint8Array;
}

export interface ImportResult {
  engines: Engine[];
  profiles: Profile[];
  traces: Trace[];
  /** Facts that do not fit the objects above (device, build options) keyed for grouping. */
  warnings: string[];
}

export interface Importer {
  /** Format id, e.g. 'trtexec-layer-info', 'nsys-sqlite'. */
  readonly format: string;
  readonly description: string;
  /** 0 = not mine, 1 = certainly mine; values between for weaker signs (extension only). */
  detect(input: ImportInput): number;
  parse(path: string): Promise<ImportResult>;
}
