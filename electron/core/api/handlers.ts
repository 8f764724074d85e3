/**
 * The core function behind each operation of the contract (operations.ts). Every adapter (Electron
 * IPC, HTTP, WebSocket) validates the request against the table, then calls `handleOperation`; the
 * adapters differ only in how bytes travel and which files they allow (FileAccess).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { compareSessions } from '../analysis/compare-sessions';
import { analyzeSession } from '../analysis/session-analysis';
import { listBackends } from '../backends/registry';
import { detectFiles } from '../importers/detect-file';
import { isOpenable, type FileDetection } from '../importers/file-kinds';
import {
  filesToSession,
  filesToSessions,
  firstRefusal,
  type FileOutcome,
} from '../importers/files-to-session';
import type { JobManager } from '../jobs/job-manager';
import { APP_VERSION } from '../model/app-info';
import { listRecentSessions, SESSIONS_FOLDER } from '../model/recent-sessions';
import { sampleModelPath, SAMPLE_MODEL_NAME } from '../model/sample-model';
import { loadSession, saveSession } from '../model/session';
import { knownDevices, normalizeDeviceName } from '../onnx/device-ceilings';
import { inspectModel } from '../onnx/inspect-model';
import { describeInputFolder } from '../pipeline/input-folder';
import { checkRun } from '../profiling/check-run';
import { exportReport } from '../report/export-report';
import { ApiError } from './api-error';
import type { FileAccess } from './file-access';
import { openTraces } from './open-traces';
import { timelineHandlers } from './timeline-handlers';
import {
  operations,
  type DetectedFile,
  type OperationName,
  type OperationResponse,
  type Operations,
} from './operations';

/** What the handlers need from the front end that calls them. */
export interface HandlerContext {
  files: FileAccess;
  jobs: JobManager;
  transport: 'ipc' | 'http';
  maxUploadBytes: number | null;
}

type Handler<Name extends OperationName> = (
  request: z.output<Operations[Name]['request']>,
  context: HandlerContext,
) => Promise<OperationResponse<Name>> | OperationResponse<Name>;

type Handlers = { [Name in OperationName]: Handler<Name> };

function detectedFile(file: FileDetection): DetectedFile {
  return {
    path: file.path,
    kind: file.kind,
    description: file.refusal ?? file.description,
    accepted: isOpenable(file.kind),
    group: file.run,
  };
}

function openedFile(file: FileOutcome): DetectedFile {
  return {
    path: file.path,
    kind: file.kind,
    description: file.message,
    accepted: file.status === 'accepted',
    group: file.run,
  };
}

const handlers: Handlers = {
  capabilities: async (_request, context) => ({
    appVersion: APP_VERSION,
    host: {
      hostname: os.hostname(),
      platform: `${os.platform()} ${os.release()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    },
    backends: await listBackends(),
    devices: knownDevices().map((device) => ({ key: normalizeDeviceName(device.name), name: device.name })),
    maxUploadBytes: context.maxUploadBytes,
    transport: context.transport,
    sampleModel: sampleModel(),
    pickableFolders: context.files.pickableFolders(),
  }),

  detectFiles: ({ paths }, context) => ({
    files: detectFiles(paths.map((file) => context.files.readable(file))).files.map(detectedFile),
  }),

  openFiles: async ({ paths }, context) => {
    const opened = await filesToSession(paths.map((file) => context.files.readable(file)));
    // Nothing to open is an error (the open session stays); otherwise each refused file says why.
    if (!opened.files.some((file) => file.status === 'accepted')) throw firstRefusal(opened.files)!;
    const sessionFile = opened.files.find((file) => file.kind === 'session' && file.status === 'accepted');
    openTraces.remember(opened.session, sessionFile?.path);
    return {
      session: opened.session,
      sessionPath: sessionFile?.path,
      files: opened.files.map(openedFile),
      warnings: opened.warnings,
    };
  },

  inspectModel: ({ path: file, shapes, device }, context) => ({
    model: inspectModel(context.files.readable(file), { shapes, device }),
  }),

  loadSession: ({ path: file }, context) => {
    const readable = context.files.readable(file);
    const session = loadSession(readable);
    openTraces.remember(session, readable);
    return { session, path: readable };
  },

  saveSession: ({ session, path: file }, context) => {
    const target = context.files.writable(
      inWorkDir(file ?? path.join(SESSIONS_FOLDER, `session-${Date.now()}.session.json`), context.files),
    );
    fs.mkdirSync(path.dirname(target), { recursive: true });
    saveSession(target, session);
    openTraces.remember(session, target);
    return { path: target };
  },

  listRecent: (_request, context) => ({ sessions: listRecentSessions(context.files.workDir) }),

  listFolder: ({ path: folder }, context) => {
    const readable = context.files.readable(folder);
    const parent = path.dirname(readable);
    return {
      ...describeInputFolder(readable),
      parent: parent !== readable && canRead(parent, context.files) ? parent : null,
    };
  },

  validateRun: async ({ job }, context) => {
    let checked;
    try {
      checked = withAllowedPaths(job, context.files);
    } catch (error) {
      if (error instanceof ApiError)
        return { problems: [{ field: fieldOfRefusal(job, error), message: error.message }] };
      throw error;
    }
    return { problems: await checkRun(checked) };
  },

  compareSessions: async ({ paths, baseline }, context) => {
    const opened = await filesToSessions(paths.map((file) => context.files.readable(file)));
    const refused = firstRefusal(opened.files);
    if (refused) throw refused;
    const { comparison } = compareSessions(
      opened.sessions.map((part) => part.session),
      { baseline },
    );
    return { comparison, warnings: opened.sessions.flatMap((part) => part.warnings) };
  },

  analyzeSession: ({ session, path: file, baseline, accuracyThreshold, device, parts }, context) => {
    if (!session === !file)
      throw new ApiError(400, 'analyzeSession: give the session or the path of its file, one of them');
    const analyzed = session ?? loadSession(context.files.readable(file!));
    return { analysis: analyzeSession(analyzed, { baseline, accuracyThreshold, device, parts }) };
  },

  startJob: ({ job }, context) => ({ jobId: context.jobs.start(withAllowedPaths(job, context.files)) }),

  cancelJob: ({ jobId }, context) => {
    if (!context.jobs.get(jobId)) throw new ApiError(404, `no job ${jobId}`);
    return { cancelled: context.jobs.cancel(jobId) };
  },

  listJobs: (_request, context) => ({ jobs: context.jobs.list() }),

  exportReport: async ({ sessionPath, formats, outDir, baseName, baseline }, context) => {
    const session = context.files.readable(sessionPath);
    const stem = path.basename(session).replace(/(\.session)?\.json$/, '');
    const folder = context.files.writable(
      outDir ??
        path.join(
          context.files.workDir,
          'reports',
          `${stem}-${new Date().toISOString().replace(/[:.]/g, '-')}`,
        ),
    );
    fs.mkdirSync(folder, { recursive: true });
    return {
      files: await exportReport({
        sessionPath: session,
        formats,
        outDir: folder,
        baseName: baseName ?? 'report',
        baseline,
      }),
    };
  },

  ...timelineHandlers,
};

/** Every path a job reads or writes passes the front end's FileAccess before the job starts. */
function withAllowedPaths<Job extends z.output<Operations['startJob']['request']>['job']>(
  job: Job,
  files: FileAccess,
): Job {
  switch (job.kind) {
    case 'profile': {
      const modelPath = files.readable(job.modelPath);
      const calibration = allowedSource(job.calibration, files);
      const evaluation = allowedSource(job.evaluation, files);
      const outPath = files.writable(inWorkDir(job.outPath, files));
      fs.mkdirSync(path.dirname(outPath), { recursive: true });
      return { ...job, modelPath, calibration, evaluation, outPath };
    }
    case 'accuracy':
      return {
        ...job,
        evaluation: allowedSource(job.evaluation, files)!,
        referencePath: files.readable(job.referencePath),
        variantPaths: job.variantPaths.map((file) => files.readable(file)),
      };
    case 'inspect':
      return { ...job, modelPath: files.readable(job.modelPath) };
    case 'self-test':
      return job;
  }
}

function sampleModel(): { path: string; name: string } | null {
  const file = sampleModelPath();
  return file ? { path: file, name: SAMPLE_MODEL_NAME } : null;
}

/** A relative path names a file in the work folder, whichever front end asks. */
function inWorkDir(file: string, files: FileAccess): string {
  return path.resolve(files.workDir, file);
}

function canRead(file: string, files: FileAccess): boolean {
  try {
    files.readable(file);
    return true;
  } catch {
    return false;
  }
}

/** Which field of the Run form a refused path came from. */
function fieldOfRefusal(job: { calibration?: string; evaluation?: string }, error: ApiError) {
  const named = (source?: string) => source && error.message.startsWith(source.replace(/^[a-z]+:/, ''));
  if (named(job.calibration)) return 'calibration' as const;
  if (named(job.evaluation)) return 'evaluation' as const;
  return 'model' as const;
}

/** Calibration and evaluation sources (`images:DIR`, `npy:PATH`, `npz:PATH`) name paths too: checked, made absolute. */
function allowedSource<Source extends string | undefined>(source: Source, files: FileAccess): Source {
  const match = source ? /^(images|npy|npz):(.+)$/.exec(source) : null;
  return (match ? `${match[1]}:${files.readable(match[2]!)}` : source) as Source;
}

/** Validates `raw` against the operation's request schema, then runs its handler. */
export async function handleOperation<Name extends OperationName>(
  name: Name,
  raw: unknown,
  context: HandlerContext,
): Promise<OperationResponse<Name>> {
  const parsed = operations[name].request.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(400, `${name}: ${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}`);
  }
  const handler = handlers[name] as Handler<Name>;
  return handler(parsed.data as z.output<Operations[Name]['request']>, context);
}
