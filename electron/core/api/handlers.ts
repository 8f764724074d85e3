/**
 * The core function behind each operation of the contract (operations.ts). Every adapter (Electron
 * IPC, HTTP, WebSocket) validates the request against the table, then calls `handleOperation`; the
 * adapters differ only in how bytes travel and which files they allow (FileAccess).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { compareEngines } from '../analysis/comparison';
import { tensorrtAvailability } from '../backends/tensorrt-availability';
import { importFiles } from '../importers/import-files';
import { isSessionFile } from '../importers/import-files';
import type { JobManager } from '../jobs/job-manager';
import { APP_VERSION } from '../model/app-info';
import { loadSession, newSession, saveSession } from '../model/session';
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

async function describeFiles(paths: string[]): Promise<DetectedFile[]> {
  return paths.map((file) => {
    if (file.toLowerCase().endsWith('.onnx'))
      return { path: file, kind: 'onnx-model', description: 'an ONNX model', accepted: true };
    if (isSessionFile(file))
      return { path: file, kind: 'session', description: 'a studio session', accepted: true };
    return { path: file, kind: 'import', description: 'a profiler or trtexec file', accepted: true };
  });
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

  detectFiles: async ({ paths }, context) => ({
    files: await describeFiles(paths.map((file) => context.files.readable(file))),
  }),

  openFiles: async ({ paths }, context) => {
    const files = await describeFiles(paths.map((file) => context.files.readable(file)));
    const sessions = files.filter((file) => file.kind === 'session');
    if (sessions.length === 1 && files.length === 1) {
      return { session: loadSession(sessions[0]!.path), sessionPath: sessions[0]!.path, files, warnings: [] };
    }
    const session = newSession();
    const models = files.filter((file) => file.kind === 'onnx-model');
    if (models.length > 1) throw new ApiError(400, `${models[1]!.path}: open one ONNX model at a time`);
    if (models[0]) {
      session.model = inspectModel(models[0].path);
    }
    const rest = files.filter((file) => file.kind !== 'onnx-model').map((file) => file.path);
    const imported = rest.length > 0 ? await importFiles(rest) : { runs: [], traces: [], warnings: [] };
    session.engines = imported.runs.map((run) => run.engine);
    session.profiles = imported.runs.flatMap((run) => (run.profile ? [run.profile] : []));
    session.traces = imported.traces;
    return { session, files, warnings: imported.warnings };
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

  compareSessions: async ({ paths }, context) => {
    const { runs, warnings } = await importFiles(paths.map((file) => context.files.readable(file)));
    if (runs.length < 2) throw new ApiError(422, `${paths[0]}: a comparison needs 2 or more engines`);
    const comparison = compareEngines(
      runs.map((run) => ({ engine: run.engine, profile: run.profile, label: run.label })),
    );
    return { comparison, warnings };
  },

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
