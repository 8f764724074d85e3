#!/usr/bin/env node
// `npm start` runs this first: one line instead of Electron's stack trace when its binary is missing.
import { register } from 'tsx/esm/api';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

register();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { findElectronBinary } = await import('../electron/main/electron-binary.ts');
const binary = findElectronBinary(path.join(root, 'node_modules', 'electron'));
if (!binary.found) {
  process.stderr.write(`${binary.message}\n`);
  process.exit(1);
}
