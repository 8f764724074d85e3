/**
 * Whether Electron's own binary is installed (npm skips its download here: package.json allowScripts),
 * and, when it is not, the one line `npm start` prints instead of Electron's stack trace.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ElectronBinary {
  found: boolean;
  /** The executable, when found. */
  path?: string;
  /** One line: what is missing, how to get it, and what to use meanwhile. */
  message?: string;
}

export function findElectronBinary(
  electronPackageDir: string,
  env: NodeJS.ProcessEnv = process.env,
): ElectronBinary {
  const pathFile = path.join(electronPackageDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  const executable = env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron')
    : relative
      ? path.join(electronPackageDir, 'dist', relative)
      : null;
  if (executable && fs.existsSync(executable)) return { found: true, path: executable };
  return {
    found: false,
    message:
      "trt-studio: Electron's binary is not installed (npm skips its download: package.json allowScripts). " +
      "On a machine that reaches Electron's download host run `node node_modules/electron/install.js` once " +
      '(or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 41); without it, `npx trt-studio serve` ' +
      'gives the same studio in a browser.',
  };
}
