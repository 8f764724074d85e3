import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers/fixtures';

vi.mock('electron', () => import('./fake-electron'));

const { rendererFileFor, rendererResponse } = await import('../../../electron/main/renderer-protocol');
const { CONTENT_SECURITY_POLICY } = await import('../../../electron/core/api/content-security-policy');

describe('app:// renderer protocol', () => {
  const root = tempDir('trt-studio-renderer-');
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>studio</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-1.js'), 'console.log(1)');
  fs.writeFileSync(path.join(path.dirname(root), 'outside.txt'), 'secret');

  it('maps URLs to files inside the renderer folder only', () => {
    expect(rendererFileFor('app://studio/', root)).toBe(path.join(root, 'index.html'));
    expect(rendererFileFor('app://studio/assets/index-1.js', root)).toBe(
      path.join(root, 'assets', 'index-1.js'),
    );
    // The URL parser already folds "/%2e%2e/" away; an encoded slash survives it and is caught here.
    expect(rendererFileFor('app://studio/%2e%2e/outside.txt', root)).toBe(path.join(root, 'outside.txt'));
    expect(rendererFileFor('app://studio/..%2Foutside.txt', root)).toBeNull();
    expect(rendererFileFor('app://other/index.html', root)).toBeNull();
    expect(rendererFileFor('file:///etc/passwd', root)).toBeNull();
    expect(rendererFileFor('app://studio/%E0%A4%A', root)).toBeNull();
  });

  it('serves files with their content type and the CSP header', async () => {
    const page = await rendererResponse('app://studio/index.html', root);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toBe('<!doctype html><title>studio</title>');
    const script = await rendererResponse('app://studio/assets/index-1.js', root);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for missing files and for paths outside the folder', async () => {
    expect((await rendererResponse('app://studio/missing.js', root)).status).toBe(404);
    expect((await rendererResponse('app://studio/%2e%2e/outside.txt', root)).status).toBe(404);
  });

  it('allows no inline script, eval or network', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });
});
