import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fixture, tempDir } from '../../helpers/fixtures';
import type { Model, Session } from '../../../electron/core/model/types';

vi.mock('electron', () => import('./fake-electron'));

const { BrowserWindow, FakeWebContents, dialog, ipcEventFrom, ipcHandlers } = await import('./fake-electron');
const { registerIpcHandlers } = await import('../../../electron/main/ipc-handlers');
const { GrantedPaths } = await import('../../../electron/main/granted-paths');
const { IpcChannel } = await import('../../../electron/main/ipc-channels');
const { newSession, saveSession } = await import('../../../electron/core/model/session');
const { inspectModel } = await import('../../../electron/core/profiling/inspect-model');

const MNIST = fixture('models', 'mnist-8_opt_wonnx.onnx');
const appWindow = new BrowserWindow();
const granted = new GrantedPaths();
registerIpcHandlers({ appWindows: () => [appWindow] as never, granted });

const fromApp = ipcEventFrom(appWindow.webContents);

function invoke(channel: string, request?: unknown, event: unknown = fromApp) {
  const handler = ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, request) as Promise<{ ok: boolean; value?: unknown; error?: string }>;
}

function userPicks(file: string | null) {
  dialog.showOpenDialog.mockResolvedValueOnce({ canceled: file === null, filePaths: file ? [file] : [] });
}

describe('IPC channels', () => {
  it('registers one handler per invoke channel of the enum', () => {
    const invokeChannels = Object.values(IpcChannel).filter((channel) => channel !== IpcChannel.MenuCommand);
    expect([...ipcHandlers.keys()].sort()).toEqual([...invokeChannels].sort());
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
      await expect(invoke(IpcChannel.OpenModelDialog, undefined, event)).rejects.toThrow(/untrusted sender/);
      await expect(invoke(IpcChannel.InspectModel, { path: MNIST }, event)).rejects.toThrow(
        /untrusted sender/,
      );
      expect(dialog.showOpenDialog).not.toHaveBeenCalled();
    },
  );

  it('drops messages once the app window shows another origin', async () => {
    const frame = appWindow.webContents.mainFrame;
    frame.url = 'https://example.com/';
    try {
      await expect(invoke(IpcChannel.OpenModelDialog)).rejects.toThrow(/untrusted sender/);
    } finally {
      frame.url = 'app://studio/index.html';
    }
    userPicks(null);
    expect(await invoke(IpcChannel.OpenModelDialog)).toEqual({ ok: true, value: null });
  });
});

describe('payload validation', () => {
  const invalid: [string, unknown][] = [
    ['no payload', undefined],
    ['a number as path', { path: 5 }],
    ['an empty path', { path: '' }],
    ['an unknown key', { path: MNIST, command: 'rm -rf' }],
    ['a negative dim', { path: MNIST, options: { shapes: { Input3: [1, -1, 28, 28] } } }],
    ['an unknown option', { path: MNIST, options: { threads: 4 } }],
  ];

  it.each(invalid)('refuses an inspect request with %s, naming the channel', async (_name, request) => {
    const answer = await invoke(IpcChannel.InspectModel, request);
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatch(/^invalid model:inspect request: /);
  });

  it('refuses a payload on a channel that takes none', async () => {
    const answer = await invoke(IpcChannel.OpenModelDialog, { path: '/etc/passwd' });
    expect(answer).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid dialog:open-model request/),
    });
  });
});

describe('files the user did not choose', () => {
  it('are refused with one line naming the file', async () => {
    const answer = await invoke(IpcChannel.InspectModel, { path: fixture('models', 'mnist-7_winml.onnx') });
    expect(answer).toEqual({
      ok: false,
      error: `${fixture('models', 'mnist-7_winml.onnx')}: not opened through the Open dialog or a drop on the window; refused`,
    });
    const session = await invoke(IpcChannel.LoadSession, { path: '/etc/passwd' });
    expect(session.error).toBe(
      '/etc/passwd: not opened through the Open dialog or a drop on the window; refused',
    );
  });
});

describe('models', () => {
  let model: Model;

  beforeAll(async () => {
    userPicks(MNIST);
    expect(await invoke(IpcChannel.OpenModelDialog)).toEqual({ ok: true, value: MNIST });
    const answer = await invoke(IpcChannel.InspectModel, { path: MNIST });
    expect(answer.ok).toBe(true);
    model = answer.value as Model;
  });

  it('returns null when the dialog is cancelled', async () => {
    userPicks(null);
    expect(await invoke(IpcChannel.OpenModelDialog)).toEqual({ ok: true, value: null });
  });

  it('returns the canonical Model of the chosen file', () => {
    // Facts taken from the file with a raw protobuf walk and by hand (see the report): 8 nodes,
    // 7 initializers holding 200+8+3200+16+2560+10+2 = 5996 elements; Conv FLOPs
    // 2*(8*28*28*1*25 + 16*14*14*8*25) = 1,568,000; Gemm 2*256*10 = 5120.
    expect(model.kind).toBe('model');
    expect(model.source.sha256).toBe('486cf6b7d7cdb5fdce37e65537326fac02f9c9866efe1f09e3f9779e495e8624');
    expect(model.source.sizeBytes).toBe(fs.statSync(MNIST).size);
    expect(model.inputs).toEqual([{ name: 'Input3', dtype: 'float32', shape: [1, 1, 28, 28] }]);
    expect(model.outputs).toEqual([{ name: 'Plus214_Output_0', dtype: 'float32', shape: [1, 10] }]);
    const ops = 'Conv Relu MaxPool Conv Relu MaxPool Reshape Gemm'.split(' ');
    expect(model.nodes.map((node) => node.opType)).toEqual(ops);
    expect(model.parameterCount).toBe(5996);
    const flopsOf = (op: string) => model.opTypeCosts.find((cost) => cost.opType === op)?.flops;
    expect(flopsOf('Conv')).toBe(1_568_000);
    expect(flopsOf('Gemm')).toBe(5120);
    expect(model.lints.map((lint) => lint.id)).toContain('tensor-core-alignment');
  });

  it('is exactly what core inspectModel gives, options included', async () => {
    const answer = await invoke(IpcChannel.InspectModel, { path: MNIST, options: { device: 'a100' } });
    expect(answer.value).toEqual(inspectModel(MNIST, { device: 'a100' }));
    expect((answer.value as Model).ceilings.name).not.toBe(model.ceilings.name);
  });

  it('turns a core error into one line naming the file', async () => {
    const jpeg = fixture('images', 'mobilenet_sample.jpg');
    userPicks(jpeg);
    await invoke(IpcChannel.OpenModelDialog);
    const answer = await invoke(IpcChannel.InspectModel, { path: jpeg });
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatch(new RegExp(`^${jpeg.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `));
    expect(answer.error).not.toContain('\n');
  });
});

describe('dropped files', () => {
  it('grants a dropped file, which can then be inspected', async () => {
    const path7 = fixture('models', 'mnist-7_winml.onnx');
    expect(await invoke(IpcChannel.GrantDroppedFile, { path: path7 })).toEqual({ ok: true, value: path7 });
    const answer = await invoke(IpcChannel.InspectModel, { path: path7 });
    expect((answer.value as Model).source.sha256.slice(0, 16)).toBe('bd5891fdd7987910');
  });

  it('refuses folders and missing files', async () => {
    const folder = fixture('models');
    expect(await invoke(IpcChannel.GrantDroppedFile, { path: folder })).toEqual({
      ok: false,
      error: `${folder}: not a file (a folder was dropped?)`,
    });
    const missing = path.join(tempDir(), 'gone.onnx');
    expect((await invoke(IpcChannel.GrantDroppedFile, { path: missing })).error).toBe(
      `${missing}: no such file`,
    );
    expect(granted.isGranted(missing)).toBe(false);
  });
});

describe('sessions', () => {
  it('loads a session file the user chose', async () => {
    const file = path.join(tempDir(), 'mnist.session.json');
    const session = newSession();
    session.model = inspectModel(MNIST);
    session.notes.push('made by the IPC test');
    saveSession(file, session);
    userPicks(file);
    expect(await invoke(IpcChannel.OpenSessionDialog)).toEqual({ ok: true, value: file });
    const answer = await invoke(IpcChannel.LoadSession, { path: file });
    expect(answer.ok).toBe(true);
    const loaded = answer.value as Session;
    expect(loaded.notes).toEqual(['made by the IPC test']);
    expect(loaded.model?.source.sha256).toBe(session.model.source.sha256);
  });

  it('reports a corrupt session in one line naming the file', async () => {
    const file = path.join(tempDir(), 'broken.session.json');
    fs.writeFileSync(file, '{"kind": "session", "schemaVersion"');
    userPicks(file);
    await invoke(IpcChannel.OpenSessionDialog);
    const answer = await invoke(IpcChannel.LoadSession, { path: file });
    expect(answer.ok).toBe(false);
    expect(answer.error).toContain(`${file}: `);
    expect(answer.error).not.toContain('\n');
  });
});
