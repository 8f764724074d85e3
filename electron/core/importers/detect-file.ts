/**
 * What each dropped or uploaded file is: an ONNX model, a studio session, one of the importers'
 * formats (registry.ts decides which importer reads it), a folder of images, or, for anything else,
 * what it looks like and what is accepted, in one line. Content decides, never the name, and only the
 * first bytes are read (file-sample.ts). detectFiles also groups the files of one trtexec run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readOnnx } from '../onnx/reader';
import { StudioError, fileProblem } from '../errors';
import { describeContent, UNKNOWN_BINARY } from './describe-content';
import { folderVerdict } from './detect-folder';
import { isOpenable, refusalLine, type FileDetection, type FileKind, type Verdict } from './file-kinds';
import { isGzip } from './compressed-json';
import { gunzipHead, HEAD_BYTES, withFileSample, type FileSample } from './file-sample';
import { groupTrtexecFiles, trtexecRoleOfKind, type TrtexecFile, type TrtexecFileGroup } from './grouping';
import { importerFor, importerOfKind } from './registry';
import { sniffJson, type JsonShape } from './sniff-json';
import { sniffOnnx } from './sniff-onnx';
import { hasSqliteMagic } from './sqlite-database';

/** A file by its path on this machine; `name` is the name the user knows it by (an upload's original). */
export type FileRef = string | { path: string; name: string };

export interface DetectedFiles {
  /** One per input, in input order. */
  files: FileDetection[];
  /** The trtexec runs among them: the files of one run become one engine. */
  runs: TrtexecFileGroup[];
}

function headText(head: Uint8Array): string {
  return new TextDecoder().decode(head);
}

/** "a thing (a, b)" + ["c"] -> "a thing (a, b; c)"; "a thing" + ["c", "d"] -> "a thing (c, d)". */
function withDetails(description: string, details: string[]): string {
  if (details.length === 0) return description;
  if (description.endsWith(')')) return `${description.slice(0, -1)}; ${details.join(', ')})`;
  return `${description} (${details.join(', ')})`;
}

/** Extra words for some kinds, from the same bytes: which metadata, layer names only, Kineto. */
function detailsOf(kind: FileKind, shape: JsonShape | null, head: Uint8Array): string[] {
  if (kind === 'trtexec-metadata' && shape) {
    if (shape.type === 'array') return ['device properties'];
    const has = (key: string) => shape.keys.includes(key);
    return [
      has('performance_summary') && 'performance summary',
      (has('build_options') || has('model_options')) && 'build options',
    ].filter((detail): detail is string => typeof detail === 'string');
  }
  // Without --profilingVerbosity=detailed, "Layers" lists names only.
  if (kind === 'trtexec-layer-info' && /^\s*\{\s*"Layers"\s*:\s*\[\s*"/.test(headText(head.subarray(0, 256))))
    return ['layer names only'];
  if (
    kind === 'chrome-trace' &&
    shape &&
    (shape.keys.includes('schemaVersion') || shape.keys.includes('deviceProperties'))
  )
    return ['PyTorch Kineto'];
  return [];
}

function sessionVerdict(shape: JsonShape | null): Verdict | undefined {
  if (shape?.type !== 'object' || shape.scalars.kind !== 'session') return undefined;
  const version = shape.scalars.schemaVersion;
  return {
    kind: 'session',
    description: `a studio session${typeof version === 'number' ? ` (schema ${version})` : ''}`,
  };
}

function onnxVerdict(sample: FileSample): Verdict | undefined {
  const onnx = sniffOnnx(sample);
  if (!onnx) return undefined;
  if (onnx.kind === 'model') {
    const facts = [
      `IR ${onnx.irVersion}`,
      onnx.opsets.length > 0 && `opset ${onnx.opsets[0]}`,
      onnx.producer && `from ${onnx.producer}`,
    ].filter(Boolean);
    return { kind: 'onnx-model', description: `an ONNX model (${facts.join(', ')})` };
  }
  if (onnx.kind === 'truncated-model') {
    return {
      kind: 'unknown',
      description: 'an ONNX model cut short (the file ends inside it)',
      hint: 'copy or export the model again',
    };
  }
  return {
    kind: 'unknown',
    description: `an ONNX tensor (${onnx.dtype} [${onnx.dims.join(', ')}]), such as a reference output`,
  };
}

/** Table names from the CREATE statements in an SQLite file's first pages. */
function sqliteTables(head: Uint8Array): string[] {
  const text = new TextDecoder('latin1').decode(head);
  const names = [...text.matchAll(/CREATE TABLE\s+(?:IF NOT EXISTS\s+)?["'`[]?(\w+)/gi)].map((m) => m[1]!);
  return [...new Set(names)];
}

function gzipVerdict(sample: FileSample): Verdict {
  const inflated = gunzipHead(sample.head);
  if (!inflated)
    return { kind: 'unknown', description: 'a gzip file that does not decompress (corrupt or cut short)' };
  const inner = verdictOf({ name: sample.name.replace(/\.gz$/i, ''), size: null, head: inflated });
  const importer = importerOfKind(inner.kind);
  if (importer?.readsGzip)
    return { kind: inner.kind, description: withDetails(inner.description, ['gzip-compressed']) };
  return {
    kind: 'unknown',
    description: `a gzip-compressed file holding ${inner.description}`,
    hint: isOpenable(inner.kind) ? 'decompress it first (gunzip), then open it' : undefined,
  };
}

/** What the bytes are; the heart of detection, shared by files on disk and heads sent by a browser. */
function verdictOf(sample: FileSample): Verdict {
  if (sample.head.length === 0) return { kind: 'unknown', description: 'an empty file' };
  if (isGzip(sample.head)) return gzipVerdict(sample);
  // ONNX first: its protobuf never reads as text, while a text sniff could match words inside a model.
  const onnx = onnxVerdict(sample);
  if (onnx) return onnx;
  const shape = sniffJson(headText(sample.head));
  const session = sessionVerdict(shape);
  if (session) return session;
  const importer = importerFor({ path: sample.name, head: sample.head });
  if (importer) {
    const details = detailsOf(importer.format, shape, sample.head);
    return { kind: importer.format, description: withDetails(importer.description, details) };
  }
  if (hasSqliteMagic(sample.head)) {
    const tables = sqliteTables(sample.head);
    const list =
      tables.length > 0
        ? ` (tables: ${tables.slice(0, 6).join(', ')}${tables.length > 6 ? ', ...' : ''})`
        : '';
    return { kind: 'unknown', description: `an SQLite database that is not an Nsight Systems export${list}` };
  }
  return { kind: 'unknown', ...describeContent(sample) };
}

function detection(
  ref: { path: string; name: string },
  sizeBytes: number | null,
  verdict: Verdict,
): FileDetection {
  const detected: FileDetection = {
    path: ref.path,
    name: ref.name,
    kind: verdict.kind,
    sizeBytes,
    description: verdict.description,
  };
  if (!isOpenable(verdict.kind)) detected.refusal = refusalLine(verdict.description, verdict.hint);
  return detected;
}

/**
 * Detection of a file's first bytes (up to HEAD_BYTES), e.g. sent by a browser before it uploads the
 * whole file; the result's path is the name, as the bytes are on no disk here. External weights are
 * told only by detectFiles, beside their model.
 */
export function detectBytes(name: string, head: Uint8Array, size: number | null = null): FileDetection {
  const sample = { name, size, head: head.subarray(0, HEAD_BYTES) };
  return detection({ path: name, name }, size, verdictOf(sample));
}

function unreadable(ref: { path: string; name: string }, error: unknown): FileDetection {
  const description = error instanceof StudioError ? error.problem : fileProblem(error);
  return {
    path: ref.path,
    name: ref.name,
    kind: 'unreadable',
    sizeBytes: null,
    description,
    refusal: description,
  };
}

function refOf(input: FileRef): { path: string; name: string } {
  return typeof input === 'string' ? { path: input, name: path.basename(input) } : input;
}

/** What one file or folder is. Never throws: a missing or unreadable path is kind 'unreadable'. */
export function detectFile(input: FileRef): FileDetection {
  const ref = refOf(input);
  try {
    const stat = fs.statSync(ref.path);
    if (stat.isDirectory()) return detection(ref, null, folderVerdict(ref.path));
    if (!stat.isFile()) return detection(ref, null, { kind: 'unknown', description: 'not a regular file' });
    return withFileSample(ref.path, ref.name, (sample) => detection(ref, sample.size, verdictOf(sample)));
  } catch (error) {
    // Only the file system's refusals are the file's; anything else is a bug and stays one.
    if (error instanceof StudioError || (error as NodeJS.ErrnoException).code) return unreadable(ref, error);
    throw error;
  }
}

/** External-data files named by the top-level initializers of an ONNX model: absolute paths. */
function externalDataFiles(model: FileDetection): Set<string> {
  const files = new Set<string>();
  try {
    for (const tensor of readOnnx(model.path, { checkExternalData: false }).graph.initializers) {
      if (tensor.data.kind === 'file' && tensor.data.external) files.add(path.resolve(tensor.data.file));
    }
  } catch {
    // A model that does not read claims no files; opening it will say what is wrong.
  }
  return files;
}

/** A file no importer reads that a model of the same drop names as its external data. */
function linkExternalData(files: FileDetection[]): void {
  const unknown = files.filter((file) => file.kind === 'unknown' && file.description === UNKNOWN_BINARY);
  const models = files.filter((file) => file.kind === 'onnx-model');
  if (unknown.length === 0 || models.length === 0) return;
  for (const model of models) {
    const external = externalDataFiles(model);
    const names = new Set([...external].map((file) => path.basename(file)));
    for (const file of unknown) {
      if (file.kind !== 'unknown' || !(external.has(path.resolve(file.path)) || names.has(file.name)))
        continue;
      file.kind = 'onnx-external-data';
      file.description = `the external weights of ${model.name}`;
      delete file.refusal;
    }
  }
}

/** What each file is, with the files of one trtexec run grouped (file.run names the run). */
export function detectFiles(inputs: FileRef[]): DetectedFiles {
  const files = inputs.map(detectFile);
  linkExternalData(files);
  const detectionOf = new Map<TrtexecFile, FileDetection>();
  for (const file of files) {
    const role = trtexecRoleOfKind(file.kind);
    if (role) detectionOf.set({ path: file.path, name: file.name, role }, file);
  }
  const runs = groupTrtexecFiles([...detectionOf.keys()]);
  for (const run of runs) for (const member of run.files) detectionOf.get(member)!.run = run.label;
  return { files, runs };
}
