/**
 * THE contract of the studio: every operation a front end can ask for, declared once with the zod
 * schemas of its request and its response. The Electron IPC handlers, the preload's StudioClient, the
 * HTTP routes and the WebSocket calls are all built from this table, so adding an operation is one
 * entry here plus the core function behind it (api/handlers.ts). Job progress and results travel as
 * the events declared at the end.
 *
 * This file is imported by the renderer too: it holds schemas and types only, nothing that needs Node.
 */
import { z } from 'zod';
import type { Comparison, Model, Session } from '../model/types';
import type { SessionAnalysis } from '../model/views/session-analysis';
import { isObject, jobResultSchema, jobSchema, profileJobSchema, shapesSchema } from './jobs';
import { timelineOperations } from './timeline-operations';
import { errorMessageSchema, progressMessageSchema } from './worker-protocol';

const path = z.string().min(1);

const modelSchema = z.custom<Model>(isObject, 'expected a Model');
const sessionSchema = z.custom<Session>(
  (value) => isObject(value) && (value as { kind?: unknown }).kind === 'session',
  'expected a session (kind: "session")',
);
const comparisonSchema = z.custom<Comparison>(isObject, 'expected a Comparison');

/** What a dropped or chosen file turned out to be (importers' detection). */
export const detectedFileSchema = z.object({
  path: z.string(),
  /** A kind the studio reads (e.g. "onnx-model", "trtexec-profile", "nsys-sqlite"), or "unknown". */
  kind: z.string(),
  /** One line a user can read: what the file is, or what it looks like and what is accepted. */
  description: z.string(),
  accepted: z.boolean(),
  /** Files of one run (a trtexec run's graph/profile/timing) share a group. */
  group: z.string().optional(),
});

/** A session file found in the work folder. */
export const recentSessionSchema = z.object({
  path: z.string(),
  name: z.string(),
  modifiedAt: z.string(),
  sizeBytes: z.number(),
});

/** What a folder holds for calibration or evaluation. */
export const folderContentsSchema = z.object({
  path: z.string(),
  /** The enclosing folder when it may be browsed too, else null. */
  parent: z.string().nullable(),
  folders: z.array(z.object({ name: z.string(), path: z.string() })),
  images: z.number().int(),
  arrays: z.number().int(),
});

/** One problem with a run's settings, tied to the form field it concerns. */
export const runProblemSchema = z.object({
  field: z.enum(['model', 'precisions', 'backend', 'calibration', 'evaluation', 'shapes', 'batch']),
  message: z.string(),
});

/** One machine's backends: which exist here, and for each one that does not, why and how to get it. */
export const backendAvailabilitySchema = z.object({
  name: z.string(),
  available: z.boolean(),
  version: z.string().optional(),
  reason: z.string().optional(),
  howToGet: z.string().optional(),
});

/** A job as the caller sees it: its request, state, last progress, and its result or error. */
export const jobRecordSchema = z.object({
  jobId: z.string(),
  job: jobSchema,
  state: z.enum(['running', 'succeeded', 'failed', 'cancelled', 'crashed']),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  /** The progress events so far, in order (the last is the current stage). */
  progress: z.array(progressMessageSchema),
  result: jobResultSchema.optional(),
  error: errorMessageSchema.optional(),
});

function operation<Request extends z.ZodType, Response extends z.ZodType>(
  description: string,
  request: Request,
  response: Response,
) {
  return { description, request, response };
}

export const operations = {
  capabilities: operation(
    'What this machine offers: backends (with why one is missing), devices known for ceilings, limits.',
    z.strictObject({}),
    z.object({
      appVersion: z.string(),
      host: z.object({ hostname: z.string(), platform: z.string(), cpus: z.number(), cpuModel: z.string() }),
      backends: z.array(backendAvailabilitySchema),
      devices: z.array(z.object({ key: z.string(), name: z.string() })),
      /** Largest upload the server accepts, in bytes (null inside the desktop app: files stay on disk). */
      maxUploadBytes: z.number().nullable(),
      /** How this front end reaches the core: the desktop app's IPC or the `serve` HTTP server. */
      transport: z.enum(['ipc', 'http']),
      /** The studio's own small model (assets/), readable through this front end; null when not installed. */
      sampleModel: z.object({ path: z.string(), name: z.string() }).nullable(),
      /** Folders whose contents may be picked by path (serve's --allow-path; the desktop's chosen folders). */
      pickableFolders: z.array(z.string()),
    }),
  ),
  detectFiles: operation(
    'Says what each file is (never by extension), and groups the files of one run.',
    z.strictObject({ paths: z.array(path).min(1) }),
    z.object({ files: z.array(detectedFileSchema) }),
  ),
  openFiles: operation(
    'Files -> Session: detection, grouping, import; an ONNX model is inspected, a session loaded.',
    z.strictObject({ paths: z.array(path).min(1) }),
    z.object({
      session: sessionSchema,
      /** Where the session was loaded from, when one session file was opened. */
      sessionPath: z.string().optional(),
      files: z.array(detectedFileSchema),
      warnings: z.array(z.string()),
    }),
  ),
  inspectModel: operation(
    'Reads an ONNX model into the canonical Model (shapes, cost, lints), without running it.',
    z.strictObject({ path, shapes: shapesSchema.optional(), device: z.string().min(1).optional() }),
    z.object({ model: modelSchema }),
  ),
  loadSession: operation(
    'Loads a session file.',
    z.strictObject({ path }),
    z.object({ session: sessionSchema, path: z.string() }),
  ),
  saveSession: operation(
    'Saves a session atomically (temporary file, flush, rename); without a path, into the work folder.',
    z.strictObject({ session: sessionSchema, path: path.optional() }),
    z.object({ path: z.string() }),
  ),
  compareSessions: operation(
    'Sessions -> Comparison: engines aligned layer by layer against an explicit baseline.',
    z.strictObject({ paths: z.array(path).min(1), baseline: z.string().min(1).optional() }),
    z.object({ comparison: comparisonSchema, warnings: z.array(z.string()) }),
  ),
  analyzeSession: operation(
    "One session's figures for the compare, engine report, accuracy and roofline views: variant cards, aligned " +
      'layers with regressions, charts, report cards, accuracy per output and layer, roofline points and roofs.',
    z.strictObject({
      /** The session on screen, or (when it is a file's unchanged content) the path of that file. */
      session: sessionSchema.optional(),
      path: path.optional(),
      /** The baseline's label; unknown or absent: FP32 (the widest precision). */
      baseline: z.string().min(1).nullable().optional(),
      accuracyThreshold: z.number().min(0).max(1).optional(),
      /** The roofline's device (a datasheet key); absent: the GPU the engines ran on. */
      device: z.string().min(1).nullable().optional(),
      /** What to answer (each view draws one part); absent: every part. */
      parts: z
        .array(z.enum(['comparison', 'reports', 'accuracy', 'roofline']))
        .min(1)
        .optional(),
    }),
    z.object({ analysis: z.custom<SessionAnalysis>(isObject, 'expected a session analysis') }),
  ),
  listRecent: operation(
    'The session files in the work folder (saved and made by runs), newest first.',
    z.strictObject({}),
    z.object({ sessions: z.array(recentSessionSchema) }),
  ),
  listFolder: operation(
    'What a folder holds for a run: its sub-folders, and how many images and .npy/.npz files.',
    z.strictObject({ path }),
    folderContentsSchema,
  ),
  validateRun: operation(
    "Checks a profile job's model, shapes and data sources before anything runs: one line per problem.",
    z.strictObject({ job: profileJobSchema }),
    z.object({ problems: z.array(runProblemSchema) }),
  ),
  startJob: operation(
    'Starts a job in the worker process; progress and the result arrive as job events.',
    z.strictObject({ job: jobSchema }),
    z.object({ jobId: z.string() }),
  ),
  cancelJob: operation(
    'Cancels a running job (its worker is stopped).',
    z.strictObject({ jobId: z.string().min(1) }),
    z.object({ cancelled: z.boolean() }),
  ),
  listJobs: operation(
    'Every job of this server or window, running or finished, with its progress and result.',
    z.strictObject({}),
    z.object({ jobs: z.array(jobRecordSchema) }),
  ),
  exportReport: operation(
    "Writes a session's report (HTML, JSON, CSV, PDF, Chrome trace) through core; without outDir, into the work folder.",
    z.strictObject({
      sessionPath: path,
      formats: z.array(z.enum(['html', 'json', 'csv', 'pdf', 'trace'])).min(1),
      outDir: path.optional(),
      baseName: z
        .string()
        .regex(/^[\w.-]{1,80}$/)
        .optional(),
      baseline: z.string().min(1).optional(),
    }),
    z.object({ files: z.array(z.string()) }),
  ),
  // The timeline: a trace's tracks and summary, level-of-detail windows, span details, aggregates,
  // search, runs aligned by layer (timeline-operations.ts).
  ...timelineOperations,
};

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OperationRequest<Name extends OperationName> = z.input<Operations[Name]['request']>;
export type OperationResponse<Name extends OperationName> = z.output<Operations[Name]['response']>;
export const OPERATION_NAMES = Object.keys(operations) as OperationName[];

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(operations, name);
}

/** Events pushed to a front end: a job started, made progress, or ended (result or error). */
export const jobEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), record: jobRecordSchema }),
  z.object({ type: z.literal('progress'), progress: progressMessageSchema }),
  z.object({ type: z.literal('finished'), record: jobRecordSchema }),
]);

export type BackendAvailability = z.infer<typeof backendAvailabilitySchema>;
export type DetectedFile = z.infer<typeof detectedFileSchema>;
export type RecentSession = z.infer<typeof recentSessionSchema>;
export type FolderContents = z.infer<typeof folderContentsSchema>;
export type RunProblem = z.infer<typeof runProblemSchema>;
export type JobRecord = z.infer<typeof jobRecordSchema>;
export type JobEvent = z.infer<typeof jobEventSchema>;

/** The IPC channel of an operation (Electron main and preload both derive it from here). */
export function ipcChannelOf(name: OperationName): string {
  return `studio:op:${name}`;
}

/** The HTTP route of an operation (`serve`); the body is the request, the answer the response. */
export function httpRouteOf(name: OperationName): string {
  return `/api/op/${name}`;
}

/** What every adapter answers: the response, or one line for the user (and an HTTP-like status). */
export type OperationResult<T> = { ok: true; value: T } | { ok: false; error: string; status: number };
