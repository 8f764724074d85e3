/**
 * Uploads for `serve`: the request body (the file's bytes, application/octet-stream) is streamed to a
 * file under the server's work folder, never buffered whole, and counted as it arrives; past the size
 * limit the request is refused with 413 and the partial file removed. The file keeps its original name
 * (detection reads content, but messages name the file the user knows) in a folder of its own, or in
 * the folder of its batch: files opened together share one folder, as they shared one on the user's
 * disk, so a trtexec run's files (grouped by folder and name) stay one run.
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

/** A batch id the client chose for the files it opens together: 16 hex digits, like a folder of its own. */
export const UPLOAD_BATCH = /^[0-9a-f]{16}$/;

/** The batch's folder, unless it already holds a file of this name (then a folder of its own). */
function uploadFolder(uploadsDir: string, fileName: string, batch: string | undefined): string {
  if (batch && UPLOAD_BATCH.test(batch)) {
    const shared = path.join(uploadsDir, batch);
    if (!fs.existsSync(path.join(shared, fileName))) return shared;
  }
  return path.join(uploadsDir, crypto.randomBytes(8).toString('hex'));
}

export async function receiveUpload(
  body: Readable,
  name: string,
  uploadsDir: string,
  maxBytes: number,
  batch?: string,
): Promise<UploadedFile> {
  const fileName = safeFileName(name);
  const folder = uploadFolder(uploadsDir, fileName, batch);
  fs.mkdirSync(folder, { recursive: true });
  const target = path.join(folder, fileName);
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
