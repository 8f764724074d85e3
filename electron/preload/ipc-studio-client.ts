/** The StudioClient over IPC: one invoke per call, failures turned back into rejections. */
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { IpcChannel, type IpcResult, type MenuCommand } from '../main/ipc-channels';
import type { StudioClient } from './studio-client';

const MENU_COMMANDS: readonly MenuCommand[] = ['open-model', 'open-session'];

type IpcLink = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function createStudioClient(ipc: IpcLink, pathForFile: (file: File) => string): StudioClient {
  async function invoke<T>(channel: IpcChannel, request?: unknown): Promise<T> {
    const result = (await ipc.invoke(channel, request)) as IpcResult<T>;
    if (!result.ok) throw new Error(result.error);
    return result.value;
  }

  return {
    openModelDialog: () => invoke(IpcChannel.OpenModelDialog),
    openSessionDialog: () => invoke(IpcChannel.OpenSessionDialog),
    grantDroppedFile: (file) => {
      const path = pathForFile(file);
      if (!path)
        return Promise.reject(new Error(`${file.name}: not a file on disk; drop it from the file manager`));
      return invoke(IpcChannel.GrantDroppedFile, { path });
    },
    inspectModel: (path, options) => invoke(IpcChannel.InspectModel, options ? { path, options } : { path }),
    loadSession: (path) => invoke(IpcChannel.LoadSession, { path }),
    onMenuCommand: (listener) => {
      const forward = (_event: IpcRendererEvent, command: unknown) => {
        if (MENU_COMMANDS.includes(command as MenuCommand)) listener(command as MenuCommand);
      };
      ipc.on(IpcChannel.MenuCommand, forward);
      return () => ipc.removeListener(IpcChannel.MenuCommand, forward);
    },
  };
}
