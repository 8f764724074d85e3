/** `trt-studio serve`: the studio in a browser (or a desktop over an SSH tunnel), on the one contract. */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Command, InvalidArgumentError } from 'commander';
import { DEFAULT_MAX_UPLOAD_BYTES, exposedHostWarning } from '../../core/server/serve-settings';
import { option } from '../options';

const collect = (value: string, previous: string[]) => [...previous, value];
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function portNumber(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError(`"${value}" is not a port (0-65535; 0 picks a free one)`);
  }
  return port;
}

function mebibytes(value: string): number {
  const size = Number(value);
  if (!Number.isFinite(size) || size <= 0) throw new InvalidArgumentError(`"${value}" is not a size in MiB`);
  return Math.floor(size * 1024 ** 2);
}

interface ServeCliOptions {
  host: string;
  port: number;
  allowPath: string[];
  workDir: string;
  maxUploadMib?: number;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'serve the studio to a browser on this machine (or to a laptop through an SSH tunnel): the renderer and ' +
        'the contract over HTTP and WebSocket, protected by a random token printed in the URL',
    )
    .addOption(
      option('--host <address>', 'address to listen on; anything but loopback prints a warning', {
        default: '127.0.0.1',
      }),
    )
    .addOption(
      option('--port <n>', 'port to listen on, 0 picks a free one', { default: 8737, parse: portNumber }),
    )
    .addOption(
      option('--allow-path <dir>', 'a folder whose files clients may open by path (repeatable)', {
        default: [] as string[],
        defaultText: 'none',
        parse: collect,
      }),
    )
    .addOption(
      option('--work-dir <dir>', 'where uploads, sessions and reports go', {
        default: path.join(os.homedir(), '.trt-studio', 'serve'),
        defaultText: '~/.trt-studio/serve',
      }),
    )
    .addOption(
      option('--max-upload-mib <n>', 'largest upload accepted, in MiB', {
        defaultText: String(DEFAULT_MAX_UPLOAD_BYTES / 1024 ** 2),
        parse: mebibytes,
      }),
    )
    .action(async (options: ServeCliOptions) => {
      const warning = exposedHostWarning(options.host);
      if (warning) process.stderr.write(`${warning}\n`);
      // Loaded here, not at start-up: every other command runs without Fastify.
      const { startStudioServer } = await import('../../core/server/studio-server');
      const { ensureRendererBuilt } = await import('../../core/server/renderer-build');
      const rendererDir = await ensureRendererBuilt(REPO_ROOT, (line) => process.stderr.write(`${line}\n`));
      const server = await startStudioServer({
        host: options.host,
        port: options.port,
        allowPaths: options.allowPath,
        workDir: options.workDir,
        rendererDir,
        maxUploadBytes: options.maxUploadMib,
      });
      process.stdout.write(`trt-studio serving on ${server.origin}\nopen: ${server.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => void server.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
