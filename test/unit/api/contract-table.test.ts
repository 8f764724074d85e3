/**
 * The contract table itself: every operation declares a description, a request and a response schema;
 * every job kind has a typed result; the adapters are generated from the table (their coverage is
 * checked where they run: test/unit/main/ipc-handlers.test.ts for IPC, test/integration/serve.test.ts
 * for HTTP and WebSocket).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jobResultSchema, jobSchema } from '../../../electron/core/api/jobs';
import {
  httpRouteOf,
  ipcChannelOf,
  OPERATION_NAMES,
  operations,
} from '../../../electron/core/api/operations';

describe('the contract table', () => {
  it.each(OPERATION_NAMES)('%s has a description, a request schema and a response schema', (name) => {
    const entry = operations[name];
    expect(entry.description.length).toBeGreaterThan(10);
    expect(entry.request).toBeInstanceOf(z.ZodType);
    expect(entry.response).toBeInstanceOf(z.ZodType);
    // Requests are strict objects: an unknown field is a mistake, not something to ignore.
    expect(entry.request.safeParse({ notAField: 1 }).success).toBe(false);
  });

  it('gives every operation its own IPC channel and HTTP route', () => {
    expect(new Set(OPERATION_NAMES.map(ipcChannelOf)).size).toBe(OPERATION_NAMES.length);
    expect(new Set(OPERATION_NAMES.map(httpRouteOf)).size).toBe(OPERATION_NAMES.length);
  });

  it('types the result of every job kind (no unknown results)', () => {
    const jobKinds = jobSchema.options.map((option) => option.shape.kind.value).sort();
    const resultKinds = jobResultSchema.options.map((option) => option.shape.kind.value).sort();
    expect(resultKinds).toEqual(jobKinds);
    expect(jobResultSchema.safeParse({ kind: 'self-test', steps: 'five' }).success).toBe(false);
  });
});
