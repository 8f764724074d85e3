/**
 * What a dropped or uploaded file was found to be. Every front end shows these kinds and lines as they
 * are, so no front end decides anything by a file's extension.
 */
import type { ImporterFormat } from './importer';

export type FileKind =
  | 'onnx-model'
  /** The weights file an ONNX model of the same drop names as its external data. */
  | 'onnx-external-data'
  /** The studio's own session file. */
  | 'session'
  /** Outside formats, one per importer (registry.ts): the kind is the importer's format. */
  | ImporterFormat
  /** A folder of JPEG/PNG images, usable as calibration or evaluation data. */
  | 'image-folder'
  /** Something the studio does not open; `description` says what it looks like. */
  | 'unknown'
  /** Missing, or not readable by this process. */
  | 'unreadable';

export interface FileDetection {
  /** Where the bytes are on this machine. */
  path: string;
  /** The name the user knows it by (an upload's original name; else the path's last part). */
  name: string;
  kind: FileKind;
  /** Size in bytes; null for folders and unreadable paths. */
  sizeBytes: number | null;
  /** What it is, in words a user reads: "an ONNX model (IR 7, pytorch 1.10)", "a JPEG image (800x533)". */
  description: string;
  /** For a file the studio does not open: one line with what it looks like and what is accepted. */
  refusal?: string;
  /** trtexec-family files: the run they belong to (TrtexecFileGroup.label), filled by detectFiles. */
  run?: string;
}

/** What detection found in some bytes: the kind, in words, and for a refused file what to do instead. */
export interface Verdict {
  kind: FileKind;
  description: string;
  hint?: string;
}

/** What the studio opens, for the line that refuses anything else. */
export const ACCEPTED_FILES =
  'the studio opens ONNX models, studio sessions, trtexec exports (layer info, profile, times, console log, ' +
  'TREx metadata), Nsight Systems SQLite exports, ONNX Runtime profiles, Chrome or Kineto traces ' +
  '(.json, .json.gz) and folders of JPEG/PNG images';

/** Kinds that stand for no file the studio opens. */
export function isOpenable(kind: FileKind): boolean {
  return kind !== 'unknown' && kind !== 'unreadable';
}

/** The one line that refuses a file: what it looks like, then what to do or what is accepted. */
export function refusalLine(description: string, hint?: string): string {
  return `${description}: ${hint ?? ACCEPTED_FILES}`;
}
