/**
 * StudioClient: the one interface the renderer talks to, whatever carries it. Two transports
 * implement it: Electron IPC (the preload exposes it as `window.studio`) and HTTP + WebSocket
 * (renderer/src/api/http-client.ts, for a page served by `trt-studio serve`). Operations come from the
 * contract's table (operations.ts); only getting files to core differs by transport: the desktop app
 * reads dropped or chosen files where they are, a browser uploads them.
 */
import type { JobEvent, OperationName, OperationRequest, OperationResponse } from './operations';

/** What the desktop menu asks the page to do. */
export type MenuCommand =
  | 'open'
  | 'import-trtexec'
  | 'import-nsys'
  | 'save-session'
  | 'save-session-as'
  | 'export-report'
  | 'toggle-theme';

export interface StudioClient {
  readonly transport: 'ipc' | 'http';
  /** Runs one operation of the contract; rejects with one line naming the file and the problem. */
  call<Name extends OperationName>(
    name: Name,
    request: OperationRequest<Name>,
  ): Promise<OperationResponse<Name>>;
  /**
   * Makes files the user dropped or picked readable by core and returns their paths there: their own
   * paths in the desktop app (granted by the main process), uploaded copies on a server.
   */
  provideFiles(
    files: File[],
    onProgress?: (sentBytes: number, totalBytes: number) => void,
  ): Promise<string[]>;
  /** The desktop app's Open dialog (paths granted); null where there is none (a browser: use <input type=file>). */
  chooseFiles: ((options: { title: string; folders?: boolean }) => Promise<string[]>) | null;
  /** Calls `listener` on every job event (and, on connect, `snapshot` with every job known). */
  onJobEvent(listener: (event: JobEvent) => void): () => void;
  /** Calls `listener` when a desktop menu item is chosen (never, in a browser). */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Calls `listener` when the desktop app asks the page to open files (Open Recent, a second launch, the OS). */
  onOpenPaths(listener: (paths: string[]) => void): () => void;
  /** Prints a report's HTML to PDF inside the desktop app; null in a browser (the server's CLI path makes PDFs). */
  printReportPdf: ((htmlPath: string, pdfPath: string) => Promise<string>) | null;
}

export const MENU_COMMANDS: readonly MenuCommand[] = [
  'open',
  'import-trtexec',
  'import-nsys',
  'save-session',
  'save-session-as',
  'export-report',
  'toggle-theme',
];
