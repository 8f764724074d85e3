/**
 * The studio's own sample model (assets/sample-cnn.onnx, made by assets/make-sample-model.ts), for the
 * "try the sample model" entry of Home. From the sources (electron/core/model/) and from the bundled
 * main process (dist/electron/main/) the assets folder is three levels up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SAMPLE_MODEL_NAME = 'sample-cnn.onnx';

/** Where the sample model is on this machine, or null when this install has none. */
export function sampleModelPath(): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const file = path.resolve(here, '..', '..', '..', 'assets', SAMPLE_MODEL_NAME);
  return fs.existsSync(file) ? file : null;
}
