/**
 * Benchmark of `serve` on loopback (prints figures, asserts nothing):
 *   1. a 500 MiB upload: MB/s, and the server's RSS growth (the server runs in its own process);
 *      baseline: the same bytes piped to a plain file in this process;
 *   2. 10,000 progress events of a worker job delivered to a WebSocket client: delay from the
 *      server's emit to the client's receipt (p50 / p99), server and client in this process;
 *   3. `inspect` of yolox_nano through HTTP against the direct core call in the same process.
 * Targets (issue 8): >= 500 MB/s and <= 64 MiB growth; p99 <= 20 ms; overhead <= 10 ms.
 * Run: node bin/run-ts.mjs test/bench/serve.ts
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { inspectModel } from '../../electron/core/onnx/inspect-model';
import { startStudioServer } from '../../electron/core/server/studio-server';
import { fixture, FIXTURES } from '../helpers/fixtures';

const MiB = 1024 ** 2;
const UPLOAD_BYTES = 500 * MiB;
const here = path.dirname(fileURLToPath(import.meta.url));

function body(): Readable {
  const chunk = Buffer.alloc(4 * MiB, 0x5a);
  return Readable.from(
    (function* () {
      for (let sent = 0; sent < UPLOAD_BYTES; sent += chunk.length) yield chunk;
    })(),
  );
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const median = (values: number[]) => percentile(values, 50);

async function uploadBench(): Promise<void> {
  const child = fork(path.join(here, 'serve-child.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  const next = () =>
    new Promise<{ type: string; port: number; token: string; rss: number; maxRss: number }>((resolve) =>
      child.once('message', resolve as never),
    );
  const ready = await next();
  const started = performance.now();
  const answer = await new Promise<string>((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: ready.port,
        method: 'PUT',
        path: '/api/upload?name=bench.bin',
        headers: {
          authorization: `Bearer ${ready.token}`,
          'content-type': 'application/octet-stream',
          'content-length': UPLOAD_BYTES,
        },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve(text));
      },
    );
    request.on('error', reject);
    body().pipe(request);
  });
  const seconds = (performance.now() - started) / 1000;
  child.send({ type: 'rss' });
  const after = await next();
  child.send({ type: 'stop' });
  const uploaded = JSON.parse(answer) as { bytes: number };

  const baselineFile = path.join(os.tmpdir(), `trt-studio-bench-${process.pid}.bin`);
  const baselineStart = performance.now();
  await pipeline(body(), fs.createWriteStream(baselineFile, { highWaterMark: MiB }));
  const baselineSeconds = (performance.now() - baselineStart) / 1000;
  fs.rmSync(baselineFile);

  const rate = UPLOAD_BYTES / 1e6 / seconds;
  const baselineRate = UPLOAD_BYTES / 1e6 / baselineSeconds;
  console.log(
    `upload 500 MiB over HTTP: ${rate.toFixed(0)} MB/s (${seconds.toFixed(2)} s), ${uploaded.bytes === UPLOAD_BYTES ? 'all bytes arrived' : 'BYTES MISSING'}`,
  );
  console.log(
    `  baseline (same bytes to a file, no HTTP): ${baselineRate.toFixed(0)} MB/s; HTTP/baseline ${(rate / baselineRate).toFixed(2)}x`,
  );
  console.log(
    `  server RSS: ${(ready.rss / MiB).toFixed(0)} MiB before, peak ${(after.maxRss / MiB).toFixed(0)} MiB, growth ${((after.maxRss - ready.rss) / MiB).toFixed(1)} MiB (target <= 64)`,
  );
}

async function progressBench(): Promise<void> {
  const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trt-studio-bench-renderer-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), 'x');
  const server = await startStudioServer({
    workDir: fs.mkdtempSync(path.join(os.tmpdir(), 'trt-studio-bench-')),
    rendererDir,
    allowPaths: [FIXTURES],
  });
  const emitted = new Map<number, number>();
  server.jobs.onEvent((event) => {
    if (event.type === 'progress') emitted.set(event.progress.sequence, performance.now());
  });
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, {
    headers: { authorization: `Bearer ${server.token}` },
  });
  await new Promise((resolve) => ws.once('open', resolve));
  const events = 10_000;
  const delays: number[] = [];
  const done = new Promise<void>((resolve) => {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as {
        type: string;
        event?: { type: string; progress?: { sequence: number } };
      };
      if (message.type !== 'job' || message.event?.type !== 'progress') return;
      const sentAt = emitted.get(message.event.progress!.sequence);
      if (sentAt !== undefined) delays.push(performance.now() - sentAt);
      if (delays.length === events) resolve();
    });
  });
  // events - 1 steps + the final 'done' progress = `events` progress messages.
  server.jobs.start({ kind: 'self-test', steps: events - 1, stepMs: 0 });
  const started = performance.now();
  await done;
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `10,000 progress events to a WebSocket client: p50 ${median(delays).toFixed(2)} ms, p99 ${percentile(delays, 99).toFixed(2)} ms, max ${Math.max(...delays).toFixed(1)} ms (target p99 <= 20 ms); ${(events / seconds).toFixed(0)} events/s`,
  );

  const yolox = fixture('models', 'yolox_nano_416.onnx');
  const direct: number[] = [];
  const viaHttp: number[] = [];
  for (let round = 0; round < 12; round++) {
    let start = performance.now();
    inspectModel(yolox);
    direct.push(performance.now() - start);
    start = performance.now();
    const response = await fetch(`http://127.0.0.1:${server.port}/api/op/inspectModel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ path: yolox }),
    });
    await response.text();
    viaHttp.push(performance.now() - start);
  }
  const overhead = median(viaHttp.slice(2)) - median(direct.slice(2));
  console.log(
    `inspect yolox_nano: direct ${median(direct.slice(2)).toFixed(1)} ms, through HTTP ${median(viaHttp.slice(2)).toFixed(1)} ms (medians of 10 after 2 warm-ups): overhead ${overhead.toFixed(1)} ms (target <= 10 ms)`,
  );
  ws.close();
  await server.close();
}

await uploadBench();
await progressBench();
