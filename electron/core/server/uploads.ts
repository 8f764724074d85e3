/**
 * Uploads for `serve`: the request body (the file's bytes, application/octet-stream) is streamed to a
 * file under the server's work folder, never buffered whole, and counted as it arrives; past the size
 * limit the request is refused with 413 and the partial file removed. The file keeps its original name
 * (detection reads content, but messages name the file the user knows), in a folder per drop
 * (`?batch=`), so the files of one run sit together as they did on the user's disk.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError } from '../api/api-error';

export interface UploadedFile {
  path: string;
  name: string;
  bytes: number;
}

/** A file name safe to create: no folders, no control characters, not empty. */
export function safeFileName(name: string): string {
  const printable = [...name].map((char) => (char.charCodeAt(0) < 0x20 ? '_' : char)).join('');
  const base = path.basename(printable.replaceAll('\\', '/')).replace(/[<>:"|?*]/g, '_');
  return base && base !== '.' && base !== '..' ? base.slice(0, 200) : 'upload';
}

/** A drop's files share one folder (files of one trtexec run group by folder and stem). */
export const BATCH_PATTERN = /^[0-9a-f]{16}$/;

export function newBatchId(): string {
  return crypto.randomBytes(8).toString('hex');
}

/** `name` in `folder`, or `stem (2).ext` and so on when a file of that name is already there. */
function freeName(folder: string, name: string): string {
  const extension = path.extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let n = 1; ; n++) {
    const candidate = path.join(folder, n === 1 ? name : `${stem} (${n})${extension}`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}

export async function receiveUpload(
  body: Readable,
  name: string,
  uploadsDir: string,
  maxBytes: number,
  batch: string = newBatchId(),
): Promise<UploadedFile> {
  if (!BATCH_PATTERN.test(batch))
    throw new ApiError(400, `upload: batch must be 16 hex digits, not "${batch}"`);
  const folder = path.join(uploadsDir, batch);
  fs.mkdirSync(folder, { recursive: true });
  const target = freeName(folder, safeFileName(name));
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes)
        done(new ApiError(413, `${name}: larger than this server's upload limit of ${maxBytes} bytes`));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(body, counter, fs.createWriteStream(target, { highWaterMark: 1 << 20 }));
  } catch (error) {
    fs.rmSync(target, { force: true });
    if (fs.readdirSync(folder).length === 0) fs.rmSync(folder, { recursive: true, force: true });
    if (error instanceof ApiError) throw error;
    throw new ApiError(400, `${name}: the upload broke off (${(error as Error).message})`);
  }
  return { path: target, name, bytes };
}

/** Messages name an uploaded file by the name the user gave it, not by its place in the work folder. */
export function withUploadNames(message: string, uploadsDir: string): string {
  const escaped = uploadsDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return message.replace(new RegExp(`${escaped}[\\\\/][0-9a-f]{16}[\\\\/]`, 'g'), '');
}
