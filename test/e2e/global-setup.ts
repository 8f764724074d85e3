/**
 * vitest global setup: builds the renderer once (vite) for every e2e test file, into a temporary
 * folder whose path the tests read with inject('rendererDir').
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/** File filters given on the command line (`vitest run test/unit/x`): none means the whole suite. */
function fileFilters(): string[] {
  const args = process.argv.slice(process.argv.indexOf('run') + 1);
  return args.filter((arg) => !arg.startsWith('-'));
}

export default async function setup(project: TestProject): Promise<() => void> {
  const filters = fileFilters();
  if (filters.length > 0 && !filters.some((filter) => filter.includes('e2e'))) {
    project.provide('rendererDir', '');
    return () => undefined;
  }
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trt-studio-renderer-'));
  const { build } = await import('vite');
  await build({
    configFile: path.resolve('vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  project.provide('rendererDir', outDir);
  return () => fs.rmSync(outDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    rendererDir: string;
  }
}
