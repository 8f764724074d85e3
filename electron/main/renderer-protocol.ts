/**
 * The app:// protocol that serves the built renderer (dist/renderer) to the window. A custom,
 * privileged scheme instead of file:// keeps the page's origin to the app's own files: a request
 * outside the renderer folder, or for another host, gets a 404.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../core/api/content-security-policy';

export const RENDERER_SCHEME = 'app';
const RENDERER_HOST = 'studio';
export const RENDERER_ORIGIN = `${RENDERER_SCHEME}://${RENDERER_HOST}`;
export const RENDERER_ENTRY_URL = `${RENDERER_ORIGIN}/index.html`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Must run before the app is ready: makes app:// a standard, secure origin (ES modules, fetch). */
export function registerRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** The file under `rootDir` a renderer URL names, or null when it names anything outside it. */
export function rendererFileFor(url: string, rootDir: string): string | null {
  const parsed = new URL(url);
  if (parsed.protocol !== `${RENDERER_SCHEME}:` || parsed.host !== RENDERER_HOST) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname).replace(/^\/+/, '') || 'index.html';
  } catch {
    return null; // malformed percent-encoding
  }
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  return file.startsWith(root + path.sep) ? file : null;
}

export async function rendererResponse(url: string, rootDir: string): Promise<Response> {
  const file = rendererFileFor(url, rootDir);
  if (!file) return new Response('not found', { status: 404 });
  let body: Buffer;
  try {
    body = await fs.readFile(file);
  } catch {
    return new Response('not found', { status: 404 });
  }
  const contentType = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
  return new Response(new Uint8Array(body), {
    headers: { 'content-type': contentType, 'content-security-policy': CONTENT_SECURITY_POLICY },
  });
}

/** Must run after the app is ready. */
export function serveRenderer(rootDir: string): void {
  protocol.handle(RENDERER_SCHEME, (request) => rendererResponse(request.url, rootDir));
}
