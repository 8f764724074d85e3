/**
 * The StudioClient over Electron IPC (the preload exposes it as `window.studio`): each operation of
 * the contract is one invoke on its channel; failures come back as rejections with the main
 * process's one line. Dropped files travel as their paths on disk, granted by the main process.
 */
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { DesktopChannel } from '../core/api/desktop-channels';
import {
  ipcChannelOf,
  jobEventSchema,
  type JobEvent,
  type JobRecord,
  type OperationResult,
} from '../core/api/operations';
import { MENU_COMMANDS, type MenuCommand, type StudioClient } from '../core/api/studio-client';

type IpcLink = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function createStudioClient(ipc: IpcLink, pathForFile: (file: File) => string): StudioClient {
  async function invoke<T>(channel: string, request?: unknown): Promise<T> {
    const result = (await ipc.invoke(channel, request)) as OperationResult<T>;
    if (!result.ok) throw new Error(result.error);
    return result.value;
  }

  function listen<T>(channel: string, accept: (raw: unknown) => T | null, listener: (value: T) => void) {
    const forward = (_event: IpcRendererEvent, raw: unknown) => {
      const value = accept(raw);
      if (value !== null) listener(value);
    };
    ipc.on(channel, forward);
    return () => void ipc.removeListener(channel, forward);
  }

  return {
    transport: 'ipc',
    call: (name, request) => invoke(ipcChannelOf(name), request),
    provideFiles: async (files) => {
      const paths = files.map((file) => pathForFile(file));
      const missing = files.find((_file, index) => !paths[index]);
      if (missing) throw new Error(`${missing.name}: not a file on disk; drop it from the file manager`);
      return invoke<string[]>(DesktopChannel.grantDroppedFiles, { paths });
    },
    chooseFiles: (options) => invoke<string[]>(DesktopChannel.chooseFiles, options),
    onJobEvent: (listener) => {
      const stop = listen<JobEvent>(
        DesktopChannel.jobEvent,
        (raw) => {
          const parsed = jobEventSchema.safeParse(raw);
          return parsed.success ? parsed.data : null;
        },
        listener,
      );
      // Jobs started before this page loaded (a reload) are replayed once.
      void invoke<{ jobs: JobRecord[] }>(ipcChannelOf('listJobs'), {}).then(({ jobs }) =>
        jobs.forEach((record) =>
          listener({ type: record.state === 'running' ? 'started' : 'finished', record }),
        ),
      );
      return stop;
    },
    onOpenPaths: (listener) =>
      listen<string[]>(
        DesktopChannel.openPaths,
        (raw) => (Array.isArray(raw) && raw.every((item) => typeof item === 'string') ? raw : null),
        listener,
      ),
    printReportPdf: (htmlPath, pdfPath) =>
      invoke<string>(DesktopChannel.printReportPdf, { htmlPath, pdfPath }),
    onMenuCommand: (listener) =>
      listen<MenuCommand>(
        DesktopChannel.menuCommand,
        (raw) => (MENU_COMMANDS.includes(raw as MenuCommand) ? (raw as MenuCommand) : null),
        listener,
      ),
  };
}
