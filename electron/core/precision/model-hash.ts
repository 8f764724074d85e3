/** sha256 of the file a model was read from: variants and calibration caches record their source. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { OnnxModel } from '../onnx/graph';

export function fileSha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The source file's hash, or '' for a model built in memory. */
export function modelSha256(model: OnnxModel): string {
  return model.path && fs.existsSync(model.path) ? fileSha256(model.path) : '';
}
