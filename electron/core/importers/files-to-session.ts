/**
 * "Files -> Session", the use case behind a drop, an upload and `trt-studio import`: what each file is
 * (detect-file.ts), the files of one trtexec run merged into one engine (grouping.ts), every other
 * importer's format read, an ONNX model inspected statically (no execution), a session file opened.
 * Each file gets an outcome: accepted as what, or refused with one line saying why. A session holds one
 * model: a second model, or a session of another model, is refused rather than mixed in.
 */
import path from 'node:path';
import { StudioError } from '../errors';
import { loadSession, newSession } from '../model/session';
import type { Engine, Profile, Session } from '../model/types';
import { inspectModel } from '../onnx/inspect-model';
import { detectFiles, type DetectedFiles, type FileRef } from './detect-file';
import type { FileDetection, FileKind } from './file-kinds';
import { importTrtexecGroup, type ImportedRun, type TrtexecFileGroup } from './grouping';
import { importerOfKind } from './registry';

export interface FileOutcome {
  path: string;
  name: string;
  kind: FileKind;
  status: 'accepted' | 'refused';
  /** Accepted: what it became ("the session's model", "part of run X"); refused: one line saying why. */
  message: string;
  /** trtexec-family files: the run they belong to. */
  run?: string;
}

export interface FilesToSession {
  session: Session;
  /** One per input, in input order. */
  files: FileOutcome[];
  /** Every engine of the session with the name the user knows it by (its run, its file). */
  runs: ImportedRun[];
  /** Folders of images among the inputs: calibration or evaluation data for a profile job. */
  imageFolders: string[];
  /** The importers' warnings that no engine or profile of the session carries already, and each
   * imported trace's (rows skipped or merged, ranges never closed), each naming its file. */
  warnings: string[];
  /** Facts the importers noted about the files (an export's tool version, its NVTX domains): not problems. */
  notes: string[];
}

function problemOf(error: unknown): string {
  if (error instanceof StudioError) return error.problem;
  throw error;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function contentsOf(engines: number, profiles: number, traces: number): string {
  const parts = [
    engines > 0 && plural(engines, 'engine'),
    profiles > 0 && plural(profiles, 'profile'),
    traces > 0 && plural(traces, 'trace'),
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'nothing to show';
}

/** One run per engine, named after the file it came from. */
function runsOf(engines: Engine[], profiles: Profile[], name: string): ImportedRun[] {
  return engines.map((engine) => ({
    label: engines.length > 1 ? `${name}:${engine.id}` : name,
    engine,
    profile: profiles.find((profile) => profile.engineId === engine.id),
    warnings: [...engine.warnings],
  }));
}

/** Builds one session from detected files, recording an outcome for each. */
class SessionAssembly {
  session: Session = newSession();
  private opened: FileDetection | undefined;
  private modelFile: FileDetection | undefined;
  readonly outcomes = new Map<FileDetection, FileOutcome>();
  readonly runs: ImportedRun[] = [];
  readonly imageFolders: string[] = [];
  readonly warnings: string[] = [];
  readonly notes: string[] = [];

  private record(file: FileDetection, status: FileOutcome['status'], message: string): void {
    const outcome: FileOutcome = { path: file.path, name: file.name, kind: file.kind, status, message };
    if (file.run !== undefined) outcome.run = file.run;
    this.outcomes.set(file, outcome);
  }

  accept(file: FileDetection, message: string): void {
    this.record(file, 'accepted', message);
  }

  refuse(file: FileDetection, message: string): void {
    this.record(file, 'refused', message);
  }

  openSession(file: FileDetection): void {
    if (this.opened) {
      this.refuse(file, `a second session file (${this.opened.name} is open): open one session at a time`);
      return;
    }
    try {
      this.session = loadSession(file.path);
    } catch (error) {
      this.refuse(file, problemOf(error));
      return;
    }
    this.opened = file;
    const { engines, profiles, traces } = this.session;
    this.runs.push(...runsOf(engines, profiles, file.name));
    this.accept(file, `opened: ${contentsOf(engines.length, profiles.length, traces.length)}`);
  }

  addModel(file: FileDetection): void {
    let model;
    try {
      model = inspectModel(file.path);
    } catch (error) {
      this.refuse(file, problemOf(error));
      return;
    }
    const held = this.session.model;
    const heldName = this.modelFile?.name ?? (held ? path.basename(held.source.path) : '');
    if (!held) {
      this.session.model = model;
      this.modelFile = file;
      this.accept(file, "the session's model");
    } else if (held.source.sha256 === model.source.sha256) {
      this.accept(file, `the same model as ${heldName}, already in the session`);
    } else {
      this.refuse(file, `a second model (the session's is ${heldName}): a session holds one model`);
    }
  }

  addExternalData(file: FileDetection): void {
    if (this.modelFile) this.accept(file, file.description);
    else this.refuse(file, `${file.description}, which was not opened`);
  }

  addRun(group: TrtexecFileGroup, members: FileDetection[]): void {
    if (this.session.engines.some((engine) => engine.id === `trtexec:${group.label}`)) {
      for (const file of members) this.refuse(file, `run "${group.label}" is already in the session`);
      return;
    }
    let run: ImportedRun;
    try {
      run = importTrtexecGroup(group);
    } catch (error) {
      const problem = problemOf(error);
      for (const file of members) this.refuse(file, problem);
      return;
    }
    this.session.engines.push(run.engine);
    if (run.profile) this.session.profiles.push(run.profile);
    this.runs.push(run);
    const carried = new Set([...run.engine.warnings, ...(run.profile?.warnings ?? [])]);
    this.warnings.push(...run.warnings.filter((warning) => !carried.has(warning)));
    for (const file of members) this.accept(file, `part of run "${group.label}": ${file.description}`);
  }

  async addImport(file: FileDetection): Promise<void> {
    const importer = importerOfKind(file.kind)!;
    let imported;
    try {
      imported = await importer.parse(file.path);
    } catch (error) {
      this.refuse(file, problemOf(error));
      return;
    }
    const { engines, profiles, traces } = imported;
    this.session.engines.push(...engines);
    this.session.profiles.push(...profiles);
    this.session.traces.push(...traces);
    this.runs.push(...runsOf(engines, profiles, file.name));
    this.notes.push(...imported.warnings);
    for (const trace of traces)
      this.warnings.push(
        ...trace.warnings.map((warning) =>
          warning.includes(file.path) ? warning : `${file.path}: ${warning}`,
        ),
      );
    this.accept(file, `${file.description}: ${contentsOf(engines.length, profiles.length, traces.length)}`);
  }

  addImageFolder(file: FileDetection): void {
    this.imageFolders.push(file.path);
    this.accept(file, 'images for calibration or evaluation (kept for a profile job, not in the session)');
  }

  result(files: FileDetection[]): FilesToSession {
    return {
      session: this.session,
      files: files.map((file) => this.outcomes.get(file)!),
      runs: this.runs,
      imageFolders: this.imageFolders,
      warnings: [...new Set(this.warnings)],
      notes: [...new Set(this.notes)],
    };
  }
}

/** Reads detected files into one session, in an order that lets later steps check against earlier. */
async function assemble(detected: DetectedFiles): Promise<SessionAssembly> {
  const assembly = new SessionAssembly();
  const { files, runs } = detected;
  const ofKind = (kind: FileKind) => files.filter((file) => file.kind === kind);
  for (const file of ofKind('session')) assembly.openSession(file);
  for (const file of ofKind('onnx-model')) assembly.addModel(file);
  for (const file of ofKind('onnx-external-data')) assembly.addExternalData(file);
  for (const group of runs)
    assembly.addRun(
      group,
      files.filter((file) => file.run === group.label),
    );
  for (const file of files) {
    if (file.run === undefined && importerOfKind(file.kind)) await assembly.addImport(file);
    else if (file.kind === 'image-folder') assembly.addImageFolder(file);
    else if (file.refusal) assembly.refuse(file, file.refusal);
  }
  return assembly;
}

/** Everything the inputs hold, as one session, with each file's outcome. */
export async function filesToSession(inputs: FileRef[]): Promise<FilesToSession> {
  const detected = detectFiles(inputs);
  return (await assemble(detected)).result(detected.files);
}

export interface FilesToSessions {
  /** Each session file as it is; then, when other files were given, one session made of them. */
  sessions: FilesToSession[];
  /** One per input, in input order. */
  files: FileOutcome[];
}

/** Inputs for a comparison: session files stay separate sessions, the other files make one more. */
export async function filesToSessions(inputs: FileRef[]): Promise<FilesToSessions> {
  const detected = detectFiles(inputs);
  const sessionFiles = detected.files.filter((file) => file.kind === 'session');
  const others = detected.files.filter((file) => file.kind !== 'session');
  const parts = await Promise.all([
    ...sessionFiles.map((file) => assemble({ files: [file], runs: [] })),
    ...(others.length > 0 ? [assemble({ files: others, runs: detected.runs })] : []),
  ]);
  const outcomes = new Map(parts.flatMap((part) => [...part.outcomes]));
  return {
    sessions: parts.map((part, index) =>
      part.result(index < sessionFiles.length ? [sessionFiles[index]!] : others),
    ),
    files: detected.files.map((file) => outcomes.get(file)!),
  };
}

/** The first refusal as a StudioError naming its file, for callers that stop on any refused file. */
export function firstRefusal(outcomes: FileOutcome[]): StudioError | undefined {
  const refused = outcomes.find((outcome) => outcome.status === 'refused');
  return refused && new StudioError(refused.path, refused.message);
}
