/**
 * StudioClient over HTTP + WebSocket, for a page served by `trt-studio serve`. The token travels in
 * the HttpOnly cookie the server set when the page was first opened with ?token=..., so this code
 * never sees it. Operations are POSTs to the contract's routes; job events arrive on one WebSocket,
 * reconnected after a drop (the server then replays every job it knows).
 */
import { httpRouteOf, jobEventSchema, type JobEvent } from '../../../electron/core/api/operations';
import type { MenuCommand, StudioClient } from '../../../electron/core/api/studio-client';
import { fromJson, toJson } from '../../../electron/core/model/serialize';

const RECONNECT_MS = 1000;

async function errorLine(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body.error === 'string') return body.error;
  } catch {
    // Not JSON: fall through to the status line.
  }
  return `the server answered ${response.status} ${response.statusText}`;
}

/** One upload, with progress: fetch() cannot report upload progress, XMLHttpRequest can. */
function upload(file: File, batch: string, onSent: (bytes: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', `/api/upload?name=${encodeURIComponent(file.name)}&batch=${batch}`);
    request.setRequestHeader('content-type', 'application/octet-stream');
    request.upload.onprogress = (event) => onSent(event.loaded);
    request.onload = () => {
      if (request.status === 200) resolve((JSON.parse(request.responseText) as { path: string }).path);
      else {
        let message = `${file.name}: the upload failed (${request.status})`;
        try {
          message = (JSON.parse(request.responseText) as { error: string }).error;
        } catch {
          // keep the generic line
        }
        reject(new Error(message));
      }
    };
    request.onerror = () =>
      reject(new Error(`${file.name}: the upload broke off (is the server still running?)`));
    request.send(file);
  });
}

export function createHttpClient(): StudioClient {
  const listeners = new Set<(event: JobEvent) => void>();
  let socket: WebSocket | null = null;

  function connect(): void {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events`;
    socket = new WebSocket(url);
    socket.onmessage = (message) => {
      const data = fromJson<{ type: string; event?: unknown; jobs?: unknown[] }>(String(message.data));
      if (data.type === 'hello') {
        for (const record of data.jobs ?? []) deliver({ type: 'finished', record });
      } else if (data.type === 'job') {
        deliver(data.event);
      }
    };
    socket.onclose = () => {
      socket = null;
      if (listeners.size > 0) setTimeout(connect, RECONNECT_MS);
    };
  }

  function deliver(raw: unknown): void {
    const parsed = jobEventSchema.safeParse(raw);
    if (!parsed.success) return;
    // A running job replayed on connect is reported as started, so views treat it as live.
    const event: JobEvent =
      parsed.data.type === 'finished' && parsed.data.record.state === 'running'
        ? { type: 'started', record: parsed.data.record }
        : parsed.data;
    for (const listener of listeners) listener(event);
  }

  return {
    transport: 'http',
    async call(name, request) {
      const response = await fetch(httpRouteOf(name), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: toJson(request ?? {}),
      });
      if (!response.ok) throw new Error(await errorLine(response));
      return fromJson(await response.text());
    },
    async provideFiles(files, onProgress) {
      const total = files.reduce((sum, file) => sum + file.size, 0);
      const paths: string[] = [];
      // One folder per drop on the server: the files of one trtexec run group by folder and stem.
      const batch = Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) =>
        byte.toString(16).padStart(2, '0'),
      ).join('');
      let done = 0;
      for (const file of files) {
        paths.push(await upload(file, batch, (sent) => onProgress?.(done + sent, total)));
        done += file.size;
      }
      return paths;
    },
    chooseFiles: null,
    onJobEvent(listener) {
      listeners.add(listener);
      if (!socket) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) socket?.close();
      };
    },
    onMenuCommand(_listener: (command: MenuCommand) => void) {
      return () => undefined;
    },
    onOpenPaths() {
      return () => undefined;
    },
    printReportPdf: null,
  };
}
