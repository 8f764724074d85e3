/**
 * A stand-in for the 'electron' module (its binary cannot run here): records what the main process
 * registers and creates, so tests can call IPC handlers, navigation events and menu items directly.
 * Used as `vi.mock('electron', () => import('./fake-electron'))`.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (event: unknown, request?: unknown) => Promise<unknown>;

export const ipcHandlers = new Map<string, Handler>();

export const ipcMain = {
  handle: vi.fn((channel: string, handler: Handler) => {
    if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
    ipcHandlers.set(channel, handler);
  }),
};

export const dialog = { showOpenDialog: vi.fn() };

export const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn(),
};

/** A web contents: events, a window-open handler and a main frame showing `url`. */
export class FakeWebContents extends EventEmitter {
  readonly mainFrame: { url: string };
  windowOpenHandler: ((details: { url: string }) => unknown) | undefined;

  constructor(url = 'app://studio/index.html') {
    super();
    this.mainFrame = { url };
  }

  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }

  send = vi.fn();
}

export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = [];
  static fromWebContents = vi.fn(() => null);
  static getAllWindows = () => BrowserWindow.created;

  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn();

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    BrowserWindow.created.push(this);
  }

  isDestroyed(): boolean {
    return false;
  }
}

/** The event an IPC message from `contents`' frame `frame` arrives with. */
export function ipcEventFrom(contents: FakeWebContents, frame: { url: string } | null = contents.mainFrame) {
  return { sender: contents, senderFrame: frame };
}
