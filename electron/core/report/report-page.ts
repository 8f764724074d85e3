/**
 * The report page as one self-contained HTML file: the renderer's report entry (renderer/report.html,
 * the app's own React components and charts) built alone by vite into one script and its styles,
 * then inlined, under a Content-Security-Policy that allows exactly those (by hash) and no network.
 *
 * The build is cached in dist/report-page/, keyed by a hash of the sources it is made from, so a fresh
 * clone builds it on first use (a few seconds) and later reports reuse it until the sources change.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StudioError } from '../errors';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CACHE = path.join(ROOT, 'dist', 'report-page');
const STAMP = 'sources.sha256';

/** What the page is built from: the renderer, the build config, and the core modules it imports. */
const SOURCES = [
  'renderer',
  'vite.config.ts',
  'electron/core/report',
  'electron/core/model',
  'package-lock.json',
];

/** The placeholder the data goes into (renderer/report.html; prettier may wrap its `null`). */
export const REPORT_DATA_PLACEHOLDER =
  /<script type="application\/json" id="report-data">\s*null\s*<\/script>/;

function filesUnder(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [entry];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .filter((item) => item.name !== 'node_modules' && !item.name.startsWith('.'))
    .flatMap((item) => filesUnder(path.join(entry, item.name)))
    .sort();
}

function sourcesHash(): string {
  const hash = crypto.createHash('sha256');
  for (const file of SOURCES.flatMap(filesUnder)) {
    hash.update(file);
    hash.update(fs.readFileSync(path.join(ROOT, file)));
  }
  return hash.digest('hex');
}

async function buildPage(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: path.join(ROOT, 'vite.config.ts'),
    logLevel: 'error',
    plugins: [
      {
        // Only the report entry: alone, it bundles into one script that can be inlined.
        name: 'report-entry-only',
        config(config) {
          config.build ??= {};
          config.build.rolldownOptions ??= {};
          config.build.rolldownOptions.input = { report: path.join(ROOT, 'renderer', 'report.html') };
        },
      },
    ],
    build: { outDir, emptyOutDir: true },
  });
}

/** The built page folder, building it when the cache is missing or stale. */
async function builtPage(): Promise<string> {
  const key = sourcesHash();
  const stampFile = path.join(CACHE, STAMP);
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === key) return CACHE;
  const temp = `${CACHE}.${process.pid}.${Date.now()}.tmp`;
  try {
    await buildPage(temp);
    fs.writeFileSync(path.join(temp, STAMP), key);
    fs.rmSync(CACHE, { recursive: true, force: true });
    fs.renameSync(temp, CACHE);
  } catch (error) {
    fs.rmSync(temp, { recursive: true, force: true });
    // Another process may have built the same sources meanwhile.
    if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === key) return CACHE;
    const firstLine = (error as Error).message.split('\n')[0];
    throw new StudioError(
      path.join(ROOT, 'renderer', 'report.html'),
      `cannot build the report page: ${firstLine}`,
      {
        cause: error,
      },
    );
  }
  return CACHE;
}

const sha256Base64 = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('base64');

/** Text that cannot end its <script> or <style> element early, nor open an HTML comment inside it. */
function safeInElement(text: string, tag: 'script' | 'style'): string {
  return text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1').replaceAll('<!--', '<\\!--');
}

/** The page's <script>/<link> tags replaced by their files' contents, and a CSP allowing just those. */
export function inlinePage(html: string, readAsset: (relative: string) => string): string {
  const scripts: string[] = [];
  const styles: string[] = [];
  let page = html.replace(
    /<script type="module" crossorigin src="([^"]+)"><\/script>/g,
    (_tag, src: string) => {
      const code = safeInElement(readAsset(src), 'script');
      scripts.push(code);
      return `<script type="module">${code}</script>`;
    },
  );
  page = page.replace(/<link rel="modulepreload" crossorigin href="[^"]+">\s*/g, '');
  page = page.replace(/<link rel="stylesheet" crossorigin href="([^"]+)">/g, (_tag, href: string) => {
    const css = safeInElement(readAsset(href), 'style');
    styles.push(css);
    return `<style>${css}</style>`;
  });
  if (/<(script|link)[^>]+(src|href)="\.\//.test(page)) {
    throw new Error('the report page still refers to a file after inlining');
  }
  const policy = [
    "default-src 'none'",
    `script-src ${scripts.map((code) => `'sha256-${sha256Base64(code)}'`).join(' ')}`,
    `style-src ${styles.map((css) => `'sha256-${sha256Base64(css)}'`).join(' ')}`,
    'img-src data:',
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*"\s*\/?>/;
  if (!meta.test(page)) throw new Error('the report page has no Content-Security-Policy <meta> to replace');
  return page.replace(meta, `<meta http-equiv="Content-Security-Policy" content="${policy}">`);
}

/** The self-contained report page, with the data placeholder still empty. */
export async function reportPageTemplate(): Promise<string> {
  const dir = await builtPage();
  const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
  const page = inlinePage(html, (relative) => fs.readFileSync(path.join(dir, relative), 'utf8'));
  if (!REPORT_DATA_PLACEHOLDER.test(page)) {
    throw new StudioError(
      path.join(dir, 'report.html'),
      'the built report page has no report-data placeholder',
    );
  }
  return page;
}
