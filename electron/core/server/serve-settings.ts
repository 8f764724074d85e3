/**
 * What `serve` needs to know before it starts, kept apart from the server itself so that the CLI can
 * show these in its help without loading Fastify on every command.
 */
import { isLoopback } from './access-guard';

export const DEFAULT_MAX_UPLOAD_BYTES = 4 * 1024 ** 3;

/** Printed by `serve` when the host is not loopback. */
export function exposedHostWarning(host: string): string | null {
  if (isLoopback(host)) return null;
  return (
    `warning: serving on ${host}: anyone who can reach this address and has the token can read the allowed ` +
    'folders and run jobs here; prefer the default 127.0.0.1 and an SSH tunnel (see the README)'
  );
}
