/**
 * Files named on the command line (`trt-studio-desktop model.onnx`, or the OS opening a file with the
 * app through its file associations). argv holds the executable, in development the app folder, and
 * Chromium's switches: only existing files and folders are kept, resolved against the caller's folder.
 */
import fs from 'node:fs';
import path from 'node:path';

export function filesFromArgv(
  argv: readonly string[],
  workingDirectory: string,
  isPackaged: boolean,
): string[] {
  // Packaged: argv = [exe, ...args]. Development (`electron .`): argv = [electron, '.', ...args].
  const args = argv.slice(isPackaged ? 1 : 2);
  return args
    .filter((arg) => !arg.startsWith('-'))
    .map((arg) => path.resolve(workingDirectory, arg))
    .filter((file) => fs.existsSync(file));
}
