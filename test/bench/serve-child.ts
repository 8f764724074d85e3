/**
 * The server side of test/bench/serve.ts, in a process of its own so its RSS is the server's alone:
 * starts `serve` and answers {type: 'rss'} with its current and peak resident set size.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStudioServer } from '../../electron/core/server/studio-server';

const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trt-studio-bench-renderer-'));
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>bench</title>');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trt-studio-bench-serve-'));
const server = await startStudioServer({ workDir, rendererDir, maxUploadBytes: 2 * 1024 ** 3 });

process.on('message', (message: { type: string }) => {
  if (message.type === 'rss') {
    process.send!({
      type: 'rss',
      rss: process.memoryUsage().rss,
      maxRss: process.resourceUsage().maxRSS * 1024,
    });
  } else if (message.type === 'stop') {
    void server.close().then(() => {
      fs.rmSync(workDir, { recursive: true, force: true });
      fs.rmSync(rendererDir, { recursive: true, force: true });
      process.exit(0);
    });
  }
});
process.send!({ type: 'ready', port: server.port, token: server.token, rss: process.memoryUsage().rss });
