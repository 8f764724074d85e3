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
import { tensorrtAvailability } from '../backends/tensorrt-availability';
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
import { loadSession, saveSession } from '../model/session';
import { knownDevices, normalizeDeviceName } from '../onnx/device-ceilings';
import { inspectModel } from '../onnx/inspect-model';
import { ApiError } from './api-error';
import type { FileAccess } from './file-access';
import {
  operations,
  type BackendAvailability,
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

async function backends(): Promise<BackendAvailability[]> {
  const tensorrt = await tensorrtAvailability();
  return [
    { name: 'onnxruntime', available: true, version: onnxruntimeVersion() },
    {
      name: 'tensorrt',
      available: tensorrt.available,
      version: tensorrt.version,
      reason: tensorrt.reason,
      howToGet: tensorrt.available ? undefined : 'run `trt-studio doctor` on this machine for the steps',
    },
  ];
}

function onnxruntimeVersion(): string | undefined {
  return process.env.npm_package_dependencies_onnxruntime_node ?? '1.30.0';
}

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
    backends: await backends(),
    devices: knownDevices().map((device) => ({ key: normalizeDeviceName(device.name), name: device.name })),
    maxUploadBytes: context.maxUploadBytes,
    transport: context.transport,
  }),

  detectFiles: ({ paths }, context) => ({
    files: detectFiles(paths.map((file) => context.files.readable(file))).files.map(detectedFile),
  }),

  openFiles: async ({ paths }, context) => {
    const opened = await filesToSession(paths.map((file) => context.files.readable(file)));
    // Nothing to open is an error (the open session stays); otherwise each refused file says why.
    if (!opened.files.some((file) => file.status === 'accepted')) throw firstRefusal(opened.files)!;
    const sessionFile = opened.files.find((file) => file.kind === 'session' && file.status === 'accepted');
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
    return { session: loadSession(readable), path: readable };
  },

  saveSession: ({ session, path: file }, context) => {
    const target = context.files.writable(
      file ?? path.join(context.files.workDir, 'sessions', `session-${Date.now()}.session.json`),
    );
    fs.mkdirSync(path.dirname(target), { recursive: true });
    saveSession(target, session);
    return { path: target };
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

  analyzeSession: ({ session, baseline, accuracyThreshold, device }) => ({
    analysis: analyzeSession(session, { baseline, accuracyThreshold, device }),
  }),

  startJob: ({ job }, context) => ({ jobId: context.jobs.start(withAllowedPaths(job, context.files)) }),

  cancelJob: ({ jobId }, context) => {
    if (!context.jobs.get(jobId)) throw new ApiError(404, `no job ${jobId}`);
    return { cancelled: context.jobs.cancel(jobId) };
  },

  listJobs: (_request, context) => ({ jobs: context.jobs.list() }),
};

/** Every path a job reads or writes passes the front end's FileAccess before the job starts. */
function withAllowedPaths<Job extends z.output<Operations['startJob']['request']>['job']>(
  job: Job,
  files: FileAccess,
): Job {
  switch (job.kind) {
    case 'profile': {
      const modelPath = files.readable(job.modelPath);
      for (const source of [job.calibration, job.evaluation]) checkSourcePath(source, files);
      const outPath = files.writable(
        job.outPath ||
          path.join(files.workDir, 'sessions', `${path.basename(modelPath, '.onnx')}.session.json`),
      );
      return { ...job, modelPath, outPath };
    }
    case 'accuracy':
      checkSourcePath(job.evaluation, files);
      return {
        ...job,
        referencePath: files.readable(job.referencePath),
        variantPaths: job.variantPaths.map((file) => files.readable(file)),
      };
    case 'inspect':
      return { ...job, modelPath: files.readable(job.modelPath) };
    case 'self-test':
      return job;
  }
}

/** Calibration and evaluation sources (`images:DIR`, `npy:PATH`, `npz:PATH`) name paths too. */
function checkSourcePath(source: string | undefined, files: FileAccess): void {
  const match = source ? /^(images|npy|npz):(.+)$/.exec(source) : null;
  if (match) files.readable(match[2]!);
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
