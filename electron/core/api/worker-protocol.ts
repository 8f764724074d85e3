/**
 * The protocol between a caller (CLI, Electron main, server) and the profiling worker process: every
 * message either way is a zod schema, validated on arrival, so a malformed or foreign message is
 * refused with a reason instead of being half-understood.
 *
 * caller -> worker: `start` (a job), `cancel`.
 * worker -> caller: `ready`, then per job `progress`* followed by exactly one `result` or `error`.
 */
import { z } from 'zod';
import { jobResultSchema, jobSchema } from './jobs';

export const startMessageSchema = z.object({
  type: z.literal('start'),
  jobId: z.string().min(1),
  job: jobSchema,
});
export const cancelMessageSchema = z.object({ type: z.literal('cancel'), jobId: z.string().min(1) });
export const toWorkerSchema = z.discriminatedUnion('type', [startMessageSchema, cancelMessageSchema]);

export const progressMessageSchema = z.object({
  type: z.literal('progress'),
  jobId: z.string(),
  /** Monotonic per job, from 0: lets a caller check order. */
  sequence: z.number().int().nonnegative(),
  stage: z.string(),
  fraction: z.number().min(0).max(1).nullable(),
  message: z.string().optional(),
  /** Milliseconds since the job started, stamped by the caller's JobManager when the event arrives. */
  elapsedMs: z.number().nonnegative().optional(),
});

export const resultMessageSchema = z.object({
  type: z.literal('result'),
  jobId: z.string(),
  result: jobResultSchema,
});

export const errorMessageSchema = z.object({
  type: z.literal('error'),
  jobId: z.string(),
  /** failed: the job threw; cancelled: the caller asked; crashed: the worker died (exit code or signal). */
  kind: z.enum(['failed', 'cancelled', 'crashed', 'protocol']),
  message: z.string(),
  file: z.string().optional(),
  /**
   * A profile job that stopped after some variants were profiled: the partial session it saved (beside
   * the session it was making) and the ids of the variants it holds. Added by the caller's job runner.
   */
  partialSession: z.object({ path: z.string(), variants: z.array(z.string()) }).optional(),
});

export const readyMessageSchema = z.object({ type: z.literal('ready'), pid: z.number().int() });

export const fromWorkerSchema = z.discriminatedUnion('type', [
  readyMessageSchema,
  progressMessageSchema,
  resultMessageSchema,
  errorMessageSchema,
]);

export type ToWorker = z.infer<typeof toWorkerSchema>;
export type FromWorker = z.infer<typeof fromWorkerSchema>;
export type ProgressMessage = z.infer<typeof progressMessageSchema>;
export type ErrorMessage = z.infer<typeof errorMessageSchema>;
