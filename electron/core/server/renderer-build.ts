/**
 * The renderer `serve` sends: the vite build in dist/renderer, built on first use from a clone (vite
 * is a dev dependency there); a packaged app ships the build.
 */
import fs from 'node:fs';
import path from 'node:path';

export async function ensureRendererBuilt(repoRoot: string, log: (line: string) => void): Promise<string> {
  const outDir = path.join(repoRoot, 'dist', 'renderer');
  if (fs.existsSync(path.join(outDir, 'index.html'))) return outDir;
  log('building the renderer once (vite build -> dist/renderer)...');
  const { build } = await import('vite');
  await build({
    configFile: path.join(repoRoot, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}
