/**
 * `trt-studio serve`: the built renderer and the one contract over HTTP and WebSocket, on Fastify.
 * - GET  /                 the renderer (static files from the vite build)
 * - POST /api/op/<name>    one operation of the contract (body: its request; answer: its response)
 * - PUT  /api/upload?name= a file's bytes, streamed to the work folder (answer: its path there)
 * - GET  /api/events       WebSocket: job events pushed as they happen, and operation calls
 * Every request passes the access guard (Host, Origin, token). Jobs run in worker processes.
 */
import fs from 'node:fs';
import type { Socket } from 'node:net';
import path from 'node:path';
import type { Readable } from 'node:stream';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { statusOf } from '../api/api-error';
import { CONTENT_SECURITY_POLICY } from '../api/content-security-policy';
import { AllowedFolders } from '../api/file-access';
import { handleOperation, type HandlerContext } from '../api/handlers';
import { isOperationName, OPERATION_NAMES } from '../api/operations';
import { StudioError } from '../errors';
import { JobManager, type JobStarter } from '../jobs/job-manager';
import { sampleModelPath } from '../model/sample-model';
import { toJson } from '../model/serialize';
import { accessGuard, allowedHostHeaders, newToken } from './access-guard';
import { DEFAULT_MAX_UPLOAD_BYTES } from './serve-settings';
import { attachEventSocket } from './event-socket';
import { receiveUpload, withUploadNames } from './uploads';

export interface ServeOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Folders whose files the clients may name by path (besides uploads and the work folder). */
  allowPaths?: string[];
  /** Where uploads, sessions and reports go. */
  workDir: string;
  /** The vite build of the renderer (its index.html). */
  rendererDir: string;
  maxUploadBytes?: number;
  token?: string;
  /** How jobs start (tests inject a starter pointing at another worker entry). */
  jobStarter?: JobStarter;
}

export interface StudioServer {
  /** The URL to open, with the token. */
  url: string;
  origin: string;
  token: string;
  port: number;
  /** Where uploads, sessions and reports go. */
  workDir: string;
  jobs: JobManager;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** JSON requests carry sessions (with trace columns) when saved: allow large ones. */
const JSON_BODY_LIMIT = 512 * 1024 ** 2;

export async function startStudioServer(options: ServeOptions): Promise<StudioServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  if (!fs.existsSync(path.join(options.rendererDir, 'index.html'))) {
    throw new StudioError(
      options.rendererDir,
      'has no index.html: build the renderer first (npm run build:renderer)',
    );
  }
  const sample = sampleModelPath();
  const files = new AllowedFolders(
    path.resolve(options.workDir),
    (options.allowPaths ?? []).map((p) => path.resolve(p)),
    sample ? [sample] : [],
  );
  const jobs = new JobManager(options.jobStarter);
  const context: HandlerContext = { files, jobs, transport: 'http', maxUploadBytes };
  const uploadsDir = path.join(files.workDir, 'uploads');

  // forceCloseConnections: a shutdown does not wait for idle keep-alive connections of browsers.
  const app = Fastify({ logger: false, bodyLimit: JSON_BODY_LIMIT, forceCloseConnections: true });
  let port = options.port ?? 0;
  await app.register(fastifyCookie);
  app.addHook('onRequest', accessGuard({ token, hosts: () => allowedHostHeaders(host, port) }));
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    return payload;
  });
  // Uploads stay streams: this parser hands the body on without reading it.
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));

  app.setErrorHandler((error, _request, reply) => {
    const { status, message } = statusOf(error);
    const code = (error as { statusCode?: number }).statusCode;
    const finalStatus = status === 500 && code && code >= 400 && code < 500 ? code : status;
    void reply
      .code(finalStatus)
      .type('application/json')
      .send(JSON.stringify({ error: withUploadNames(message, uploadsDir) }));
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: `${request.method} ${request.url.split('?')[0]}: no such route` });
  });

  await app.register(fastifyWebsocket, { options: { maxPayload: JSON_BODY_LIMIT } });
  app.register(async (scoped) => {
    scoped.get('/api/events', { websocket: true }, (socket) => attachEventSocket(socket, context));
  });

  app.post('/api/op/:name', async (request, reply) => {
    const { name } = request.params as { name: string };
    if (!isOperationName(name)) {
      return reply.code(404).send({ error: `no operation "${name}" (known: ${OPERATION_NAMES.join(', ')})` });
    }
    const value = await handleOperation(name, request.body, context);
    return reply.type('application/json').send(toJson(value));
  });

  app.put('/api/upload', async (request, reply) => {
    const name = (request.query as { name?: unknown }).name;
    if (typeof name !== 'string' || !name)
      return reply.code(400).send({ error: 'upload: ?name=<file name> is required' });
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > maxUploadBytes) {
      return reply
        .code(413)
        .header('connection', 'close')
        .send({
          error: `${name}: ${declared} bytes is over this server's upload limit of ${maxUploadBytes} bytes`,
        });
    }
    const batch = (request.query as { batch?: unknown }).batch;
    const uploaded = await receiveUpload(
      request.body as Readable,
      name,
      uploadsDir,
      maxUploadBytes,
      typeof batch === 'string' ? batch : undefined,
    );
    return reply.send(uploaded);
  });

  // Downloads (exported reports): any file the client may read, sent as an attachment.
  app.get('/api/file', async (request, reply) => {
    const file = (request.query as { path?: unknown }).path;
    if (typeof file !== 'string' || !file)
      return reply.code(400).send({ error: 'file: ?path=<file> is required' });
    const readable = files.readable(file);
    const stat = fs.statSync(readable, { throwIfNoEntry: false });
    if (!stat?.isFile()) return reply.code(404).send({ error: `${file}: no such file` });
    return reply
      .type('application/octet-stream')
      .header('content-disposition', `attachment; filename="${path.basename(readable).replace(/"/g, '')}"`)
      .header('content-length', stat.size)
      .send(fs.createReadStream(readable));
  });

  await app.register(fastifyStatic, { root: path.resolve(options.rendererDir), index: 'index.html' });

  try {
    await app.listen({ host, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new StudioError(
        undefined,
        `port ${port} on ${host} is already in use: choose another with --port`,
      );
    if (code === 'EADDRNOTAVAIL')
      throw new StudioError(undefined, `${host} is not an address of this machine (--host)`);
    throw error;
  }
  // Upgrade (WebSocket) sockets are not HTTP connections: track them so a shutdown can end them too,
  // including one whose upgrade the guard refused.
  const upgraded = new Set<Socket>();
  app.server.on('upgrade', (_request, socket: Socket) => {
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
  });
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${shownHost}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    workDir: files.workDir,
    jobs,
    app,
    close: async () => {
      jobs.cancelAll();
      const closing = app.close();
      for (const socket of upgraded) socket.destroy();
      await closing;
    },
  };
}
