/**
 * The main process's IPC, with 'electron' faked (its binary cannot run here): every operation of the
 * contract has its channel, served by the same core handlers as `serve`; untrusted senders, bad
 * payloads and files the user never chose are refused with one line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fixture, tempDir } from '../../helpers/fixtures';
import type { Model, Session } from '../../../electron/core/model/types';

vi.mock('electron', () => import('./fake-electron'));

const { BrowserWindow, FakeWebContents, dialog, ipcEventFrom, ipcHandlers } = await import('./fake-electron');
const { registerIpcHandlers } = await import('../../../electron/main/ipc-handlers');
const { GrantedPaths } = await import('../../../electron/main/granted-paths');
const { ipcChannelOf, OPERATION_NAMES } = await import('../../../electron/core/api/operations');
const { DesktopChannel } = await import('../../../electron/core/api/desktop-channels');
const { JobManager } = await import('../../../electron/core/jobs/job-manager');
const { newSession, saveSession } = await import('../../../electron/core/model/session');
const { inspectModel } = await import('../../../electron/core/onnx/inspect-model');

const MNIST = fixture('models', 'mnist-8_opt_wonnx.onnx');
const appWindow = new BrowserWindow();
const granted = new GrantedPaths(tempDir('trt-studio-ipc-work-'));
const jobs = new JobManager();
registerIpcHandlers(() => [appWindow] as never, granted, {
  files: granted,
  jobs,
  transport: 'ipc',
  maxUploadBytes: null,
});

const fromApp = ipcEventFrom(appWindow.webContents);
type Answer = { ok: boolean; value?: unknown; error?: string; status?: number };

function invoke(channel: string, request?: unknown, event: unknown = fromApp) {
  const handler = ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, request) as Promise<Answer>;
}
const op = (name: (typeof OPERATION_NAMES)[number], request?: unknown, event?: unknown) =>
  invoke(ipcChannelOf(name), request, event);

function userPicks(...files: string[]) {
  dialog.showOpenDialog.mockResolvedValueOnce({ canceled: files.length === 0, filePaths: files });
}

describe('IPC channels', () => {
  it('serve every operation of the contract, plus the dialog, drops and PDF printing, and nothing else', () => {
    const expected = [
      ...OPERATION_NAMES.map(ipcChannelOf),
      DesktopChannel.chooseFiles,
      DesktopChannel.grantDroppedFiles,
      DesktopChannel.printReportPdf,
    ];
    expect([...ipcHandlers.keys()].sort()).toEqual(expected.sort());
  });
});

describe('sender check', () => {
  const otherContents = new FakeWebContents();
  const untrusted = {
    'another web contents': ipcEventFrom(otherContents),
    'a subframe of the app window': ipcEventFrom(appWindow.webContents, { url: 'app://studio/index.html' }),
    'a destroyed frame': ipcEventFrom(appWindow.webContents, null),
  };

  it.each(Object.entries(untrusted))(
    'drops messages from %s without running the handler',
    async (_name, event) => {
      dialog.showOpenDialog.mockClear();
      await expect(invoke(DesktopChannel.chooseFiles, { title: 'Open' }, event)).rejects.toThrow(
        /untrusted sender/,
      );
      await expect(op('inspectModel', { path: MNIST }, event)).rejects.toThrow(/untrusted sender/);
      expect(dialog.showOpenDialog).not.toHaveBeenCalled();
    },
  );

  it('drops messages once the app window shows another origin', async () => {
    const frame = appWindow.webContents.mainFrame;
    frame.url = 'https://example.com/';
    try {
      await expect(op('capabilities', {})).rejects.toThrow(/untrusted sender/);
    } finally {
      frame.url = 'app://studio/index.html';
    }
    expect((await op('capabilities', {})).ok).toBe(true);
  });
});

describe('payload validation (the contract schemas)', () => {
  const invalid: [string, unknown][] = [
    ['a number as path', { path: 5 }],
    ['an empty path', { path: '' }],
    ['an unknown key', { path: MNIST, command: 'rm -rf' }],
    ['a negative dim', { path: MNIST, shapes: { Input3: [1, -1, 28, 28] } }],
  ];

  it.each(invalid)(
    'refuses an inspectModel request with %s: 400 and the first problem',
    async (_name, request) => {
      const answer = await op('inspectModel', request);
      expect(answer).toMatchObject({ ok: false, status: 400 });
      expect(answer.error).toMatch(/^inspectModel: /);
    },
  );

  it('refuses a malformed dialog request', async () => {
    expect(await invoke(DesktopChannel.chooseFiles, { title: 'x', path: '/etc/passwd' })).toMatchObject({
      ok: false,
      status: 400,
    });
  });
});

describe('files the user did not choose', () => {
  it('are refused with one line naming the file (403)', async () => {
    const other = fixture('models', 'mnist-7_winml.onnx');
    expect(await op('inspectModel', { path: other })).toEqual({
      ok: false,
      status: 403,
      error: `${other}: not opened through the Open dialog or a drop on the window; refused`,
    });
    expect((await op('loadSession', { path: '/etc/passwd' })).error).toBe(
      '/etc/passwd: not opened through the Open dialog or a drop on the window; refused',
    );
  });

  it('cannot be written by saveSession outside the work folder', async () => {
    const answer = await op('saveSession', { session: newSession(), path: '/etc/trt-studio.session.json' });
    expect(answer).toMatchObject({ ok: false, status: 403 });
  });
});

describe('models chosen in the Open dialog', () => {
  let model: Model;

  beforeAll(async () => {
    userPicks(MNIST);
    expect(await invoke(DesktopChannel.chooseFiles, { title: 'Open' })).toEqual({ ok: true, value: [MNIST] });
    const answer = await op('inspectModel', { path: MNIST });
    expect(answer.ok).toBe(true);
    model = (answer.value as { model: Model }).model;
  });

  it('returns no paths when the dialog is cancelled', async () => {
    userPicks();
    expect(await invoke(DesktopChannel.chooseFiles, { title: 'Open' })).toEqual({ ok: true, value: [] });
  });

  it('returns exactly what core inspectModel gives, options included', async () => {
    // Facts from the file (see model-facts.test.ts): Conv FLOPs 1,568,000; Gemm 5120.
    expect(model.source.sha256).toBe('486cf6b7d7cdb5fdce37e65537326fac02f9c9866efe1f09e3f9779e495e8624');
    expect(model.opTypeCosts.find((cost) => cost.opType === 'Conv')?.flops).toBe(1_568_000);
    const answer = await op('inspectModel', { path: MNIST, device: 'a100' });
    expect((answer.value as { model: Model }).model).toEqual(inspectModel(MNIST, { device: 'a100' }));
  });

  it('turns a core error into one line naming the file (422)', async () => {
    const jpeg = fixture('images', 'mobilenet_sample.jpg');
    userPicks(jpeg);
    await invoke(DesktopChannel.chooseFiles, { title: 'Open' });
    const answer = await op('inspectModel', { path: jpeg });
    expect(answer).toMatchObject({ ok: false, status: 422 });
    expect(answer.error?.startsWith(`${jpeg}: `)).toBe(true);
    expect(answer.error).not.toContain('\n');
  });
});

describe('dropped files', () => {
  it('grants dropped files, which can then be opened as one session', async () => {
    const mnist7 = fixture('models', 'mnist-7_winml.onnx');
    expect(await invoke(DesktopChannel.grantDroppedFiles, { paths: [mnist7] })).toEqual({
      ok: true,
      value: [mnist7],
    });
    const answer = await op('openFiles', { paths: [mnist7] });
    expect((answer.value as { session: Session }).session.model?.source.sha256.slice(0, 16)).toBe(
      'bd5891fdd7987910',
    );
  });

  it('refuses missing files', async () => {
    const missing = path.join(tempDir(), 'gone.onnx');
    expect(await invoke(DesktopChannel.grantDroppedFiles, { paths: [missing] })).toMatchObject({
      ok: false,
      error: `${missing}: no such file`,
    });
    expect(granted.isGranted(missing)).toBe(false);
  });
});

describe('sessions', () => {
  it('loads a session file the user chose and saves it back atomically', async () => {
    const folder = tempDir();
    const file = path.join(folder, 'mnist.session.json');
    const session = newSession();
    session.model = inspectModel(MNIST);
    session.notes.push('made by the IPC test');
    saveSession(file, session);
    userPicks(file);
    await invoke(DesktopChannel.chooseFiles, { title: 'Open' });
    const answer = await op('loadSession', { path: file });
    const loaded = (answer.value as { session: Session }).session;
    expect(loaded.notes).toEqual(['made by the IPC test']);
    loaded.notes.push('saved again');
    expect(await op('saveSession', { session: loaded, path: file })).toEqual({
      ok: true,
      value: { path: file },
    });
    expect(fs.readdirSync(folder)).toEqual(['mnist.session.json']);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).notes).toEqual(['made by the IPC test', 'saved again']);
  });

  it('reports a corrupt session in one line naming the file', async () => {
    const file = path.join(tempDir(), 'broken.session.json');
    fs.writeFileSync(file, '{"kind": "session", "schemaVersion"');
    userPicks(file);
    await invoke(DesktopChannel.chooseFiles, { title: 'Open' });
    const answer = await op('loadSession', { path: file });
    expect(answer.ok).toBe(false);
    expect(answer.error).toContain(`${file}: `);
    expect(answer.error).not.toContain('\n');
  });
});
