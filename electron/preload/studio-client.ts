/**
 * StudioClient: the whole API the renderer gets (as `window.studio`). The preload implements it over
 * IPC; the renderer imports only this type. Every method that fails rejects with one line naming the
 * file and the problem.
 */
import type { Model, Session } from '../core/model/types';
import type { MenuCommand } from '../main/ipc-channels';

export type { MenuCommand };

export interface InspectModelOptions {
  /** Shapes for symbolic/dynamic inputs, e.g. {"images": [1, 3, 640, 640]}. */
  shapes?: Record<string, number[]>;
  /** Device whose ceilings judge compute- vs memory-bound (name from the table, or a spec). */
  device?: string;
}

export interface StudioClient {
  /** Shows the "Open model" dialog; resolves to the chosen path, or null when cancelled. */
  openModelDialog(): Promise<string | null>;
  /** Shows the "Open session" dialog; resolves to the chosen path, or null when cancelled. */
  openSessionDialog(): Promise<string | null>;
  /**
   * The path of a File the user dropped on the window, granted for reading by the main process.
   * Rejects for a File that does not come from the disk (one made in JavaScript has no path).
   */
  grantDroppedFile(file: File): Promise<string>;
  /** Reads a granted ONNX file into the canonical Model. */
  inspectModel(path: string, options?: InspectModelOptions): Promise<Model>;
  /** Loads a granted Session file. */
  loadSession(path: string): Promise<Session>;
  /** Calls `listener` when a menu item is chosen; returns the function that stops listening. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
