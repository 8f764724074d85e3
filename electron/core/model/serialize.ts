/**
 * JSON (de)serialization of the canonical model. Typed arrays (trace columns) are written as
 * `{"$typed": "<ArrayName>", "base64": "..."}` (little-endian bytes) and restored on parse, so a
 * Session round-trips exactly. Non-finite numbers are refused on write: they have no JSON form.
 */
import { z } from 'zod';
import { SCHEMA_VERSION, type Session } from './types';
import { base64ToBytes, bytesToBase64 } from './base64';

const TYPED_ARRAYS = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Uint16Array,
  Int16Array,
  Uint8Array,
  Int8Array,
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;

function isTypedArrayName(name: string): name is TypedArrayName {
  return Object.prototype.hasOwnProperty.call(TYPED_ARRAYS, name);
}

/** JSON.stringify replacer for typed arrays. */
function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name;
    if (!isTypedArrayName(name)) throw new Error(`cannot serialize ${name}`);
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return { $typed: name, base64: bytesToBase64(bytes) };
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`cannot serialize the non-finite number ${value} at "${_key}"`);
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && '$typed' in value && 'base64' in value) {
    const { $typed, base64 } = value as { $typed: string; base64: string };
    if (!isTypedArrayName($typed)) throw new Error(`unknown typed array "${$typed}"`);
    const bytes = base64ToBytes(base64);
    const Ctor = TYPED_ARRAYS[$typed];
    if (bytes.byteLength % Ctor.BYTES_PER_ELEMENT !== 0) throw new Error(`corrupt ${$typed} column`);
    return new Ctor(bytes.buffer, 0, bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
  }
  return value;
}

/** Serializes any canonical object (Model, Trace, Session...) to JSON text. */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, replacer, indent);
}

/** Parses JSON text written by toJson, restoring typed arrays. */
export function fromJson<T = unknown>(text: string): T {
  return JSON.parse(text, reviver) as T;
}

/** The parts of a Session checked on load; deeper objects are trusted once the envelope is right. */
const sessionEnvelope = z.object({
  kind: z.literal('session'),
  schemaVersion: z.number().int(),
  app: z.object({ name: z.string(), version: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  variants: z.array(z.object({ id: z.string() }).passthrough()),
  engines: z.array(z.object({ id: z.string(), layers: z.array(z.unknown()) }).passthrough()),
  profiles: z.array(z.object({ id: z.string(), engineId: z.string() }).passthrough()),
  traces: z.array(
    z.object({ id: z.string(), spans: z.object({ count: z.number() }).passthrough() }).passthrough(),
  ),
  comparisons: z.array(z.unknown()),
  accuracy: z.array(z.unknown()),
  notes: z.array(z.string()),
});

/** Parses and checks a Session; throws a plain message on a wrong or newer file. */
export function parseSession(text: string): Session {
  let raw: unknown;
  try {
    raw = fromJson(text);
  } catch (error) {
    throw new Error(`not a session file: ${(error as Error).message}`);
  }
  const result = sessionEnvelope.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`not a session file: ${issue?.path.join('.') || 'root'}: ${issue?.message}`);
  }
  if (result.data.schemaVersion > SCHEMA_VERSION) {
    throw new Error(
      `session schema ${result.data.schemaVersion} is newer than this studio's ${SCHEMA_VERSION}: update the studio`,
    );
  }
  return raw as Session;
}
