/**
 * The preload's StudioClient wired to the real main-process handlers through a stand-in for the IPC
 * pipe (Electron's own IPC cannot run here): what the page calls is what main validates and answers.
 */
import { describe, expect, it, vi } from 'vitest';
import { fixture } from '../../helpers/fixtures';

vi.mock('electron', () => import('./fake-electron'));

const { BrowserWindow, dialog, ipcEventFrom, ipcHandlers } = await import('./fake-electron');
const { registerIpcHandlers } = await import('../../../electron/main/ipc-handlers');
const { GrantedPaths } = await import('../../../electron/main/granted-paths');
const { IpcChannel } = await import('../../../electron/main/ipc-channels');
const { createStudioClient } = await import('../../../electron/preload/ipc-studio-client');

const MNIST = fixture('models', 'mnist-8_opt_wonnx.onnx');
const appWindow = new BrowserWindow();
registerIpcHandlers({ appWindows: () => [appWindow] as never, granted: new GrantedPaths() });

/** Delivers invokes to the registered handlers as the app window's main frame; holds listeners. */
function ipcPipe() {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    invoke: (channel: string, request?: unknown) =>
      ipcHandlers.get(channel)!(ipcEventFrom(appWindow.webContents), request),
    on(channel: string, listener: (...args: unknown[]) => void) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
      return this;
    },
    removeListener(channel: string, listener: (...args: unknown[]) => void) {
      listeners.get(channel)?.delete(listener);
      return this;
    },
    emit: (channel: string, ...args: unknown[]) =>
      listeners.get(channel)?.forEach((listener) => listener({}, ...args)),
  };
}

describe('StudioClient over IPC', () => {
  const pipe = ipcPipe();
  const droppedPaths = new Map<File, string>();
  const client = createStudioClient(pipe as never, (file) => droppedPaths.get(file) ?? '');

  it('opens a model chosen in the dialog', async () => {
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [MNIST] });
    const path = await client.openModelDialog();
    expect(path).toBe(MNIST);
    const model = await client.inspectModel(path!, { shapes: {} });
    expect(model.inputs[0]?.shape).toEqual([1, 1, 28, 28]);
  });

  it('rejects with the main process message, naming the file', async () => {
    await expect(client.inspectModel('/etc/passwd')).rejects.toThrow(
      '/etc/passwd: not opened through the Open dialog or a drop on the window; refused',
    );
    await expect(client.loadSession('')).rejects.toThrow(/^invalid session:load request: path: /);
  });

  it('grants a dropped file by the path the preload reads from it', async () => {
    const mnist7 = fixture('models', 'mnist-7_winml.onnx');
    const dropped = new File([], 'mnist-7_winml.onnx');
    droppedPaths.set(dropped, mnist7);
    expect(await client.grantDroppedFile(dropped)).toBe(mnist7);
    expect((await client.inspectModel(mnist7)).outputs[0]?.name).toBe('Plus214_Output_0');
  });

  it('refuses a File made in the page, which has no path on disk', async () => {
    await expect(client.grantDroppedFile(new File(['x'], 'made-up.onnx'))).rejects.toThrow(
      'made-up.onnx: not a file on disk; drop it from the file manager',
    );
  });

  it('forwards menu commands it knows, until unsubscribed', () => {
    const received: string[] = [];
    const stop = client.onMenuCommand((command) => received.push(command));
    pipe.emit(IpcChannel.MenuCommand, 'open-model');
    pipe.emit(IpcChannel.MenuCommand, 'format-disk');
    pipe.emit(IpcChannel.MenuCommand, 'open-session');
    stop();
    pipe.emit(IpcChannel.MenuCommand, 'open-model');
    expect(received).toEqual(['open-model', 'open-session']);
  });
});
