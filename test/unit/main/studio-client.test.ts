/**
 * The preload's StudioClient wired to the real main-process handlers through a stand-in for the IPC
 * pipe (Electron's own IPC cannot run here): what the page calls is what main validates and answers.
 */
import { describe, expect, it, vi } from 'vitest';
import { fixture, tempDir } from '../../helpers/fixtures';

vi.mock('electron', () => import('./fake-electron'));

const { BrowserWindow, dialog, ipcEventFrom, ipcHandlers } = await import('./fake-electron');
const { registerIpcHandlers } = await import('../../../electron/main/ipc-handlers');
const { GrantedPaths } = await import('../../../electron/main/granted-paths');
const { DesktopChannel } = await import('../../../electron/core/api/desktop-channels');
const { JobManager } = await import('../../../electron/core/jobs/job-manager');
const { createStudioClient } = await import('../../../electron/preload/ipc-studio-client');

const MNIST = fixture('models', 'mnist-8_opt_wonnx.onnx');
const appWindow = new BrowserWindow();
const granted = new GrantedPaths(tempDir('trt-studio-client-work-'));
registerIpcHandlers(() => [appWindow] as never, granted, {
  files: granted,
  jobs: new JobManager(),
  transport: 'ipc',
  maxUploadBytes: null,
});

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
    const paths = await client.chooseFiles!({ title: 'Open' });
    expect(paths).toEqual([MNIST]);
    const { model } = await client.call('inspectModel', { path: paths[0]! });
    expect(model.inputs[0]?.shape).toEqual([1, 1, 28, 28]);
  });

  it('rejects with the main process message, naming the file', async () => {
    await expect(client.call('inspectModel', { path: '/etc/passwd' })).rejects.toThrow(
      '/etc/passwd: not opened through the Open dialog or a drop on the window; refused',
    );
    await expect(client.call('loadSession', { path: '' })).rejects.toThrow(/^loadSession: path: /);
  });

  it('provides dropped files by the paths the preload reads from them', async () => {
    const mnist7 = fixture('models', 'mnist-7_winml.onnx');
    const dropped = new File([], 'mnist-7_winml.onnx');
    droppedPaths.set(dropped, mnist7);
    expect(await client.provideFiles([dropped])).toEqual([mnist7]);
    const { session } = await client.call('openFiles', { paths: [mnist7] });
    expect(session.model?.outputs[0]?.name).toBe('Plus214_Output_0');
  });

  it('refuses a File made in the page, which has no path on disk', async () => {
    await expect(client.provideFiles([new File(['x'], 'made-up.onnx')])).rejects.toThrow(
      'made-up.onnx: not a file on disk; drop it from the file manager',
    );
  });

  it('forwards menu commands it knows, until unsubscribed', () => {
    const received: string[] = [];
    const stop = client.onMenuCommand((command) => received.push(command));
    pipe.emit(DesktopChannel.menuCommand, 'open');
    pipe.emit(DesktopChannel.menuCommand, 'format-disk');
    pipe.emit(DesktopChannel.menuCommand, 'save-session');
    stop();
    pipe.emit(DesktopChannel.menuCommand, 'open');
    expect(received).toEqual(['open', 'save-session']);
  });
});
