/** What the benches read from their command line and their machine. */
import fs from 'node:fs';

/** The value after `--name` on the command line, or `fallback`. */
export function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

/** Whether this machine has an NVIDIA GPU: the driver's device node, independent of the addon. */
export function gpuPresent(): boolean {
  return fs.existsSync('/dev/nvidia0') || fs.existsSync('/dev/nvidiactl');
}
