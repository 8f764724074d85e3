/**
 * Packaging configuration: forge.config.ts loads (as Forge loads it), and the electron-builder
 * configuration passes electron-builder's own loader and schema validation. Neither packages here:
 * that needs Electron's binary.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

/** A configuration object of another tool, read as JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Config = Record<string, any>;

describe('packaging configuration', () => {
  it('forge.config.ts loads: npm start, package and make, with the native parts unpacked', async () => {
    const { default: config } = (await import('../../../forge.config')) as { default: Config };
    expect(config.packagerConfig.asar.unpack).toMatch(/\*\.node/);
    expect(config.packagerConfig.asar.unpack).toMatch(/onnxruntime-node/);
    expect(config.makers.map((maker: { name: string }) => maker.name)).toContain('@electron-forge/maker-zip');
    // Other platforms' onnxruntime binaries are left out of a package.
    const ignore = config.packagerConfig.ignore as (file: string) => boolean;
    const others = ['darwin', 'linux', 'win32'].filter((platform) => platform !== process.platform);
    for (const platform of others) {
      expect(ignore(`/node_modules/onnxruntime-node/bin/napi-v6/${platform}/x64/onnxruntime.node`)).toBe(
        true,
      );
    }
    expect(
      ignore(`/node_modules/onnxruntime-node/bin/napi-v6/${process.platform}/x64/onnxruntime.node`),
    ).toBe(false);
    expect(ignore('/dist/electron/main/main.js')).toBe(false);
  });

  it("electron-builder.yml passes electron-builder's validation", async () => {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      getConfig(projectDir: string, configPath: string | null): Promise<Config>;
      validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    const config = await getConfig(path.resolve('.'), path.resolve('electron-builder.yml'));
    await expect(
      validateConfiguration(config, { isEnabled: false, add: () => undefined }),
    ).resolves.toBeUndefined();
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['**/*.node', 'node_modules/onnxruntime-node/bin/**']),
    );
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
    expect(config.fileAssociations.map((association: { ext: string }) => association.ext)).toEqual([
      'onnx',
      'session.json',
    ]);
    // Each platform ships its own onnxruntime binaries only.
    // getConfig normalizes `files` to [{filter: [...]}].
    const patterns = (files: unknown[]) =>
      files.flatMap((entry) =>
        typeof entry === 'string' ? [entry] : ((entry as { filter: string[] }).filter ?? []),
      );
    expect(patterns(config.files)).toContain('!node_modules/onnxruntime-node/bin/napi-v*/**');
    expect(patterns(config.linux.files)).toEqual([
      'node_modules/onnxruntime-node/bin/napi-v6/linux/${arch}/**',
    ]);
    expect(patterns(config.win.files)).toEqual([
      'node_modules/onnxruntime-node/bin/napi-v6/win32/${arch}/**',
    ]);
  });

  it('a broken electron-builder configuration is refused by the same validation', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    await expect(
      validateConfiguration(
        { linux: { target: 5 }, notAnOption: true },
        { isEnabled: false, add: () => undefined },
      ),
    ).rejects.toThrow(/configuration/i);
  });
});
