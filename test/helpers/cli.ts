/** Runs the real CLI (`node bin/trt-studio.mjs ...`) in a child process. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  options: { timeoutMs?: number; cwd?: string; env?: Record<string, string> } = {},
): CliResult {
  const result = spawnSync(process.execPath, [path.resolve('bin/trt-studio.mjs'), ...args], {
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...options.env },
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
