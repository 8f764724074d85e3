/**
 * `serve` over real HTTP and WebSocket on loopback: the token, its cookie, Origin and Host checks,
 * path traversal ('..', absolute, symlink), the upload limit, a streamed 500 MiB upload, jobs (start,
 * progress order, cancel, a crashed worker), a client that reconnects, bad messages, a busy port.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { OPERATION_NAMES, httpRouteOf } from '../../electron/core/api/operations';
import { fromJson } from '../../electron/core/model/serialize';
import { startStudioServer, type StudioServer } from '../../electron/core/server/studio-server';
import { fixture, FIXTURES, tempDir } from '../helpers/fixtures';

const MNIST = fixture('models', 'mnist-8_opt_wonnx.onnx');

/** A renderer folder with an index.html is all `serve` needs to start; these tests call the API. */
function fakeRendererDir(): string {
  const dir = tempDir('trt-studio-renderer-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>studio</title>');
  return dir;
}

interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

function request(
  server: StudioServer,
  method: string,
  route: string,
  options: { headers?: Record<string, string>; body?: string | Buffer | Readable; auth?: boolean } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.auth !== false) headers.authorization ??= `Bearer ${server.token}`;
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method, path: route, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: res.headers,
          }),
        );
      },
    );
    req.on('error', reject);
    if (options.body instanceof Readable) options.body.pipe(req);
    else req.end(options.body);
  });
}

function call(server: StudioServer, name: string, body: unknown, headers: Record<string, string> = {}) {
  return request(server, 'POST', `/api/op/${name}`, {
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const errorOf = (answer: Answer) => (JSON.parse(answer.body) as { error: string }).error;

/** A WebSocket client that collects every message. */
async function socket(
  server: StudioServer,
): Promise<{ ws: WebSocket; messages: { type: string; [k: string]: unknown }[] }> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, {
    headers: { authorization: `Bearer ${server.token}` },
  });
  const messages: { type: string }[] = [];
  ws.on('message', (data) => messages.push(fromJson(String(data))));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, messages: messages as never };
}

async function until<T>(probe: () => T | undefined, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('serve', () => {
  let server: StudioServer;
  let workDir: string;
  let outside: string;

  beforeAll(async () => {
    workDir = tempDir('trt-studio-serve-work-');
    outside = tempDir('trt-studio-outside-');
    fs.writeFileSync(path.join(outside, 'secret.onnx'), 'not yours');
    server = await startStudioServer({
      workDir,
      rendererDir: fakeRendererDir(),
      allowPaths: [FIXTURES],
      maxUploadBytes: 1024 ** 3,
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  describe('token', () => {
    it('refuses a request without it (401) and with a wrong one', async () => {
      expect((await request(server, 'GET', '/', { auth: false })).status).toBe(401);
      const wrong = await call(
        server,
        'capabilities',
        {},
        { authorization: `Bearer ${server.token.slice(1)}x` },
      );
      expect(wrong.status).toBe(401);
      expect(errorOf(wrong)).toMatch(/token/);
    });

    it('is at least 128 random bits, printed in the URL', () => {
      expect(Buffer.from(server.token, 'base64url').length).toBeGreaterThanOrEqual(16);
      expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    });

    it('sets an HttpOnly SameSite cookie on first load, which then works alone', async () => {
      const first = await request(server, 'GET', `/?token=${server.token}`, { auth: false });
      expect(first.status).toBe(200);
      const cookie = String(first.headers['set-cookie']);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      const again = await call(
        server,
        'capabilities',
        {},
        { authorization: '', cookie: cookie.split(';')[0]! },
      );
      expect(again.status).toBe(200);
      expect(JSON.parse(again.body).transport).toBe('http');
    });
  });

  describe('Origin and Host', () => {
    it('refuses a page of another site (403)', async () => {
      const answer = await call(server, 'capabilities', {}, { origin: 'https://evil.example' });
      expect(answer.status).toBe(403);
      expect(errorOf(answer)).toMatch(/Origin "https:\/\/evil.example" refused/);
    });

    it('accepts its own origin', async () => {
      const answer = await call(server, 'capabilities', {}, { origin: `http://127.0.0.1:${server.port}` });
      expect(answer.status).toBe(200);
    });

    it('refuses a foreign Host header, as DNS rebinding would send (403)', async () => {
      const answer = await call(server, 'capabilities', {}, { host: `rebind.example:${server.port}` });
      expect(answer.status).toBe(403);
      expect(errorOf(answer)).toMatch(/Host "rebind.example:\d+" refused/);
    });
  });

  describe('paths', () => {
    it('reads a file inside an --allow-path folder', async () => {
      const answer = await call(server, 'inspectModel', { path: MNIST });
      expect(answer.status).toBe(200);
      expect(fromJson<{ model: { source: { sha256: string } } }>(answer.body).model.source.sha256).toMatch(
        /^486cf6b7/,
      );
    });

    it("refuses '..' (403, naming the path)", async () => {
      const sneaky = `${FIXTURES}/models/../../../etc/passwd`;
      const answer = await call(server, 'inspectModel', { path: sneaky });
      expect(answer.status).toBe(403);
      expect(errorOf(answer)).toBe(`${sneaky}: refused: '..' is not allowed in a path`);
    });

    it('refuses an absolute path outside the allowed folders', async () => {
      const file = path.join(outside, 'secret.onnx');
      const answer = await call(server, 'loadSession', { path: file });
      expect(answer.status).toBe(403);
      expect(errorOf(answer)).toContain(`${file}: refused: outside the folders`);
    });

    it('refuses a symbolic link that leaves an allowed folder', async () => {
      const link = path.join(workDir, 'escape.onnx');
      fs.symlinkSync(path.join(outside, 'secret.onnx'), link);
      const answer = await call(server, 'inspectModel', { path: link });
      expect(answer.status).toBe(403);
      const folderLink = path.join(workDir, 'escape-dir');
      fs.symlinkSync(outside, folderLink);
      expect(
        (await call(server, 'inspectModel', { path: path.join(folderLink, 'secret.onnx') })).status,
      ).toBe(403);
    });

    it('refuses to save a session outside the allowed folders', async () => {
      const target = path.join(outside, 'x.session.json');
      const session = {
        kind: 'session',
        schemaVersion: 1,
        app: { name: 'x', version: '0' },
        createdAt: '',
        updatedAt: '',
        variants: [],
        engines: [],
        profiles: [],
        traces: [],
        comparisons: [],
        accuracy: [],
        notes: [],
      };
      expect((await call(server, 'saveSession', { session, path: target })).status).toBe(403);
      expect(fs.existsSync(target)).toBe(false);
      const saved = await call(server, 'saveSession', { session });
      expect(saved.status).toBe(200);
      expect(JSON.parse(saved.body).path.startsWith(workDir)).toBe(true);
    });
  });

  describe('messages', () => {
    it('answers a malformed request with 400 and the first problem', async () => {
      const answer = await call(server, 'inspectModel', { path: 5 });
      expect(answer.status).toBe(400);
      expect(errorOf(answer)).toMatch(/^inspectModel: path: /);
      const notJson = await request(server, 'POST', '/api/op/capabilities', {
        headers: { 'content-type': 'application/json' },
        body: '{"oops',
      });
      expect(notJson.status).toBe(400);
    });

    it('answers an unknown operation with 404', async () => {
      const answer = await call(server, 'formatDisk', {});
      expect(answer.status).toBe(404);
      expect(errorOf(answer)).toMatch(/no operation "formatDisk"/);
    });

    it('serves every operation of the contract (a malformed request is refused by it: 400, not 404)', async () => {
      for (const name of OPERATION_NAMES) {
        const answer = await request(server, 'POST', httpRouteOf(name), {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ notAField: true }),
        });
        expect([name, answer.status]).toEqual([name, 400]);
      }
    });

    it('answers a bad file in one line naming it (422)', async () => {
      const jpeg = fixture('images', 'mobilenet_sample.jpg');
      const answer = await call(server, 'inspectModel', { path: jpeg });
      expect(answer.status).toBe(422);
      expect(errorOf(answer).startsWith(`${jpeg}: `)).toBe(true);
    });
  });

  describe('uploads', () => {
    const uploadsDir = () => path.join(workDir, 'uploads');
    const uploadedFiles = () =>
      fs.existsSync(uploadsDir())
        ? fs.readdirSync(uploadsDir(), { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
        : [];

    it('streams a file to the work folder, where it can be opened', async () => {
      const answer = await request(server, 'PUT', '/api/upload?name=mnist.onnx', {
        headers: { 'content-type': 'application/octet-stream' },
        body: fs.readFileSync(MNIST),
      });
      expect(answer.status).toBe(200);
      const uploaded = JSON.parse(answer.body) as { path: string; bytes: number };
      expect(uploaded.bytes).toBe(fs.statSync(MNIST).size);
      const opened = await call(server, 'openFiles', { paths: [uploaded.path] });
      expect(opened.status).toBe(200);
    });

    it('puts the files of one drop (?batch=) in one folder, so a trtexec run becomes one engine', async () => {
      const batch = '0123456789abcdef';
      const paths: string[] = [];
      for (const part of ['graph', 'profile', 'timing']) {
        const file = fixture('trtexec', `pytorch__resnet__A100__fp16__resnet.${part}.json`);
        const answer = await request(
          server,
          'PUT',
          `/api/upload?name=${path.basename(file)}&batch=${batch}`,
          {
            headers: { 'content-type': 'application/octet-stream' },
            body: fs.readFileSync(file),
          },
        );
        expect(answer.status).toBe(200);
        paths.push((JSON.parse(answer.body) as { path: string }).path);
      }
      expect(new Set(paths.map((file) => path.dirname(file))).size).toBe(1);
      const opened = await call(server, 'openFiles', { paths });
      expect(opened.status).toBe(200);
      expect(
        fromJson<{ session: { engines: unknown[]; profiles: unknown[] } }>(opened.body).session.engines,
      ).toHaveLength(1);
      const bad = await request(server, 'PUT', '/api/upload?name=x.json&batch=../../etc', {
        headers: { 'content-type': 'application/octet-stream' },
        body: '{}',
      });
      expect(bad.status).toBe(400);
    });

    it('refuses an upload over the limit with 413 and leaves no partial file', async () => {
      const smallWork = tempDir();
      const small = await startStudioServer({
        workDir: smallWork,
        rendererDir: fakeRendererDir(),
        maxUploadBytes: 1000,
      });
      try {
        // Declared too large: refused before reading.
        const declared = await request(small, 'PUT', '/api/upload?name=big.bin', {
          headers: { 'content-type': 'application/octet-stream' },
          body: Buffer.alloc(5000),
        });
        expect(declared.status).toBe(413);
        // Chunked (no length): refused while streaming, the partial file removed.
        const chunked = await request(small, 'PUT', '/api/upload?name=big.bin', {
          headers: { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
          body: Readable.from([Buffer.alloc(600), Buffer.alloc(600)]),
        });
        expect(chunked.status).toBe(413);
        expect(errorOf(chunked)).toMatch(/big\.bin: larger than this server's upload limit of 1000 bytes/);
        const leftovers = fs
          .readdirSync(path.join(smallWork, 'uploads'), { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile());
        expect(leftovers).toEqual([]);
      } finally {
        await small.close();
      }
    });

    it('streams a 500 MiB upload without buffering it', async () => {
      const chunk = Buffer.alloc(4 << 20, 7);
      const total = 500 * 1024 ** 2;
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const body = Readable.from(
        (function* () {
          for (let sent = 0; sent < total; sent += chunk.length) {
            peak = Math.max(peak, process.memoryUsage().rss);
            yield chunk;
          }
        })(),
      );
      const answer = await request(server, 'PUT', '/api/upload?name=big.onnx', {
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(total) },
        body,
      });
      expect(answer.status).toBe(200);
      const uploaded = JSON.parse(answer.body) as { path: string; bytes: number };
      expect(uploaded.bytes).toBe(total);
      expect(fs.statSync(uploaded.path).size).toBe(total);
      // Server and client share this process: had either buffered the body, RSS would grow by 500 MiB.
      expect(peak - rssBefore).toBeLessThan(200 * 1024 ** 2);
      fs.rmSync(path.dirname(uploaded.path), { recursive: true });
      expect(uploadedFiles().every((entry) => entry.name !== 'big.onnx')).toBe(true);
    });
  });

  describe('jobs over the socket', () => {
    it('streams progress in order, then the result', async () => {
      const { ws, messages } = await socket(server);
      const started = await call(server, 'startJob', { job: { kind: 'self-test', steps: 6, stepMs: 5 } });
      const { jobId } = JSON.parse(started.body) as { jobId: string };
      const finished = await until(
        () =>
          messages.find(
            (m) =>
              m.type === 'job' &&
              (m.event as { type: string }).type === 'finished' &&
              (m.event as { record: { jobId: string } }).record.jobId === jobId,
          ),
        'the finished event',
      );
      const record = (finished.event as { record: { state: string; result: unknown } }).record;
      expect(record.state).toBe('succeeded');
      expect(record.result).toEqual({ kind: 'self-test', steps: 6 });
      const sequences = messages
        .filter((m) => m.type === 'job' && (m.event as { type: string }).type === 'progress')
        .map((m) => (m.event as { progress: { jobId: string; sequence: number } }).progress)
        .filter((p) => p.jobId === jobId)
        .map((p) => p.sequence);
      expect(sequences).toEqual([0, 1, 2, 3, 4, 5, 6]);
      ws.close();
    });

    it('cancels a running job', async () => {
      const started = await call(server, 'startJob', { job: { kind: 'self-test', steps: 1000, stepMs: 20 } });
      const { jobId } = JSON.parse(started.body) as { jobId: string };
      await until(() => (server.jobs.get(jobId)?.progress.length ? true : undefined), 'first progress');
      expect(JSON.parse((await call(server, 'cancelJob', { jobId })).body)).toEqual({ cancelled: true });
      await until(() => (server.jobs.get(jobId)?.state === 'cancelled' ? true : undefined), 'cancelled');
      expect((await call(server, 'cancelJob', { jobId: 'job-none' })).status).toBe(404);
    });

    it('reports a worker that crashes mid-job as crashed, and goes on serving', async () => {
      const { ws, messages } = await socket(server);
      const started = await call(server, 'startJob', { job: { kind: 'self-test', steps: 1000, stepMs: 20 } });
      const { jobId } = JSON.parse(started.body) as { jobId: string };
      await until(() => (server.jobs.get(jobId)?.progress.length ? true : undefined), 'first progress');
      process.kill(server.jobs.pidOf(jobId)!, 'SIGKILL');
      const finished = await until(
        () =>
          messages.find(
            (m) =>
              m.type === 'job' &&
              (m.event as { type: string; record?: { jobId: string } }).type === 'finished' &&
              (m.event as { record: { jobId: string } }).record.jobId === jobId,
          ),
        'the crashed event',
      );
      const record = (
        finished.event as { record: { state: string; error: { kind: string; message: string } } }
      ).record;
      expect(record.state).toBe('crashed');
      expect(record.error.message).toMatch(/killed by SIGKILL/);
      expect((await call(server, 'capabilities', {})).status).toBe(200);
      ws.close();
    });

    it('shows a client that reconnects its running jobs and their results', async () => {
      const first = await socket(server);
      const done = JSON.parse(
        (await call(server, 'startJob', { job: { kind: 'self-test', steps: 2, stepMs: 1 } })).body,
      ).jobId as string;
      await until(() => (server.jobs.get(done)?.state === 'succeeded' ? true : undefined), 'done');
      const running = JSON.parse(
        (await call(server, 'startJob', { job: { kind: 'self-test', steps: 500, stepMs: 20 } })).body,
      ).jobId as string;
      first.ws.terminate();
      const again = await socket(server);
      const hello = await until(() => again.messages.find((m) => m.type === 'hello'), 'hello');
      const jobs = hello.jobs as { jobId: string; state: string; result?: unknown }[];
      expect(jobs.find((job) => job.jobId === done)).toMatchObject({
        state: 'succeeded',
        result: { kind: 'self-test', steps: 2 },
      });
      expect(jobs.find((job) => job.jobId === running)?.state).toBe('running');
      await call(server, 'cancelJob', { jobId: running });
      again.ws.close();
    });

    it('answers operation calls over the socket, and refuses malformed ones', async () => {
      const { ws, messages } = await socket(server);
      ws.send(JSON.stringify({ type: 'call', id: 1, op: 'capabilities', request: {} }));
      ws.send(JSON.stringify({ type: 'call', id: 2, op: 'inspectModel', request: { path: 7 } }));
      ws.send('not json');
      const replies = await until(() => {
        const found = messages.filter((m) => m.type === 'reply' || m.type === 'error');
        return found.length >= 3 ? found : undefined;
      }, 'three replies');
      expect(replies.find((m) => m.id === 1)).toMatchObject({ ok: true });
      expect(replies.find((m) => m.id === 2)).toMatchObject({ ok: false, status: 400 });
      expect(replies.find((m) => m.type === 'error')).toMatchObject({ status: 400, error: 'not JSON' });
      ws.close();
    });

    it('refuses a socket without the token', async () => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`);
      const status = await new Promise<number>((resolve) =>
        ws.on('unexpected-response', (req, res) => {
          resolve(res.statusCode ?? 0);
          req.destroy();
        }),
      );
      expect(status).toBe(401);
    });
  });

  it('says in one line that a port is already in use', async () => {
    await expect(
      startStudioServer({ workDir: tempDir(), rendererDir: fakeRendererDir(), port: server.port }),
    ).rejects.toThrow(`port ${server.port} on 127.0.0.1 is already in use: choose another with --port`);
  });
});
