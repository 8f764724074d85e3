/** A broken addon file is reported by capabilities() with the reason; importing the loader never throws. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

describe('native loader with a broken addon', () => {
  const saved = process.env['TRT_STUDIO_NATIVE'];
  afterEach(() => {
    if (saved === undefined) delete process.env['TRT_STUDIO_NATIVE'];
    else process.env['TRT_STUDIO_NATIVE'] = saved;
    vi.resetModules();
  });

  it('reports a file that is not a shared library as loaded: false, with the loader message', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'native-'));
    const bogus = path.join(dir, 'trt_studio_native.node');
    fs.writeFileSync(bogus, 'not an ELF file');
    process.env['TRT_STUDIO_NATIVE'] = bogus;
    vi.resetModules();
    const native = await import('../../../native/index');
    const caps = await native.capabilities();
    expect(caps.loaded).toBe(false);
    expect(caps.loadError).toContain(bogus);
    expect(caps.loadError).toMatch(/failed to load: .*(invalid ELF header|file too short)/);
    expect(caps.devices).toEqual([]);
    expect(() => native.requireNative()).toThrow(/failed to load/);
    fs.rmSync(dir, { recursive: true });
  });
});
