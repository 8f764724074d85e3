/**
 * The checks every request and every socket of `serve` passes before anything else:
 * - Host must be one this server answers to (defeats DNS rebinding: a foreign name that resolves to
 *   127.0.0.1 still carries its own Host header);
 * - Origin, when the browser sends one, must be this server's own origin (a page on another site
 *   cannot drive the server);
 * - the token (at least 128 random bits, printed in the URL) must come with the request: as the
 *   HttpOnly SameSite=Strict cookie set on first load, or as `Authorization: Bearer <token>`; it is
 *   compared in constant time.
 */
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const TOKEN_COOKIE = 'trt_studio_token';

export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Constant-time equality of two strings of any length (both are hashed to the same length first). */
export function sameToken(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b) && given.length === expected.length;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** The Host headers this server answers to: its own address, and the loopback names when local. */
export function allowedHostHeaders(host: string, port: number): Set<string> {
  const names = new Set<string>([host.includes(':') && !host.startsWith('[') ? `[${host}]` : host]);
  if (isLoopback(host)) for (const name of LOOPBACK_NAMES) names.add(name);
  return new Set([...names].map((name) => `${name}:${port}`));
}

export interface GuardOptions {
  token: string;
  hosts: () => Set<string>;
}

function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  const cookie = request.cookies?.[TOKEN_COOKIE];
  if (cookie) return cookie;
  const query = (request.query as { token?: unknown } | undefined)?.token;
  return typeof query === 'string' ? query : undefined;
}

/** Fastify onRequest hook: refuses with 403 (Host, Origin) or 401 (token) and one line saying why. */
export function accessGuard(options: GuardOptions) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    // A refused connection is closed (an upgrade request's socket would otherwise stay open).
    const refuse = (status: 401 | 403, error: string) =>
      reply.code(status).header('connection', 'close').send({ error });
    const host = request.headers.host ?? '';
    if (!options.hosts().has(host)) {
      return refuse(403, `Host "${host}" refused: this server answers only to its own address`);
    }
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) {
      return refuse(403, `Origin "${origin}" refused: only pages served by this server may call it`);
    }
    const token = tokenOf(request);
    if (!token || !sameToken(token, options.token)) {
      return refuse(
        401,
        'missing or wrong token: open the URL that `trt-studio serve` printed (it carries ?token=...)',
      );
    }
    // First load with ?token=: keep it in an HttpOnly cookie so the page's own requests carry it.
    if ((request.query as { token?: unknown } | undefined)?.token !== undefined) {
      reply.setCookie(TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/' });
    }
  };
}
