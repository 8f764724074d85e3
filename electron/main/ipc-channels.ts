/**
 * Every IPC channel between the renderer (through the preload) and the main process, in one enum so
 * that a channel name is never typed twice. `invoke` channels answer with an IpcResult; `MenuCommand`
 * is the one main -> renderer event.
 */
export enum IpcChannel {
  /** Show the "Open model" dialog; the chosen path is granted and returned (null when cancelled). */
  OpenModelDialog = 'dialog:open-model',
  /** Show the "Open session" dialog; same contract as OpenModelDialog. */
  OpenSessionDialog = 'dialog:open-session',
  /** Grant a path the user dropped on the window (the preload took it from the dropped File). */
  GrantDroppedFile = 'file:grant-dropped',
  /** Read an ONNX model into the canonical Model (shapes, cost, lints). */
  InspectModel = 'model:inspect',
  /** Load a saved Session file. */
  LoadSession = 'session:load',
  /** main -> renderer: a menu item was chosen. */
  MenuCommand = 'menu:command',
}

/** The commands the menu forwards to the renderer. */
export type MenuCommand = 'open-model' | 'open-session';

/** What every invoke channel answers: the value, or one line for the user naming the file. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: string };
