#!/usr/bin/env node
// `npm run lint` runs this: Doyensec's electronegativity over what the desktop shell ships (main,
// preload, the renderer's page and sources). Zero findings, or each one justified where it is raised
// with an `eng-disable CHECK` comment. AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK is left out: it downloads
// Electron's release list, and the build machines reach no network but the npm registry (Electron's
// version is pinned in package.json instead).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scanned = ['electron/main', 'electron/preload', 'renderer', 'package.json'];

// The scanner walks node_modules of a folder it is given: scan a copy of just the shipped sources.
const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'trt-studio-eng-'));
for (const item of scanned) fs.cpSync(path.join(root, item), path.join(stage, item), { recursive: true });

const run = require('@doyensec/electronegativity/dist/runner.js');
const silence = console.log;
console.log = () => undefined; // the scanner prints progress bars and banners
let result;
try {
  result = await run({
    input: stage,
    isVerbose: false,
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    electronVersionOverride: JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
      .devDependencies.electron,
  });
} finally {
  console.log = silence;
  fs.rmSync(stage, { recursive: true, force: true });
}
const findings = result.issues.filter((issue) => !issue.manualReview || issue.severity.value >= 2);
for (const issue of findings) {
  process.stderr.write(
    `${issue.file}:${issue.location.line}: ${issue.id} (${issue.severity.name}): ${issue.description}\n`,
  );
}
if (result.errors.length > 0) {
  for (const error of result.errors)
    process.stderr.write(`electronegativity could not read ${error.file}: ${error.message}\n`);
  process.exit(1);
}
process.stdout.write(`electronegativity: ${findings.length} finding(s) in ${scanned.join(', ')}\n`);
process.exit(findings.length === 0 ? 0 : 1);
