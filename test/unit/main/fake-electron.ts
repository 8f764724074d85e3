/**
 * A stand-in for the 'electron' module (its binary cannot run here): records what the main process
 * registers and creates, so tests can call IPC handlers, navigation events and menu items directly.
 * Used as `vi.mock('electron', () => import('./fake-electron'))`.
 */
import { fork as forkChild } from 'node:child_process';
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
  isLoading = () => false;
  printToPDF = vi.fn(async () => Buffer.from('%PDF-1.7 fake\n'));
}

export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = [];
  static fromWebContents = vi.fn(() => null);
  static getAllWindows = () => BrowserWindow.created;

  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly loadFile = vi.fn(async (_file: string) => undefined);
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly maximize = vi.fn();
  readonly destroy = vi.fn();
  isMaximized = () => false;
  getNormalBounds = () => ({ x: 10, y: 20, width: 1400, height: 900 });

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

/**
 * utilityProcess.fork stand-in: a real Node child process (child_process.fork of the same worker
 * entry, through tsx), seen through utilityProcess's API (postMessage, 'message', 'exit' with a code).
 */
export const utilityProcess = {
  fork: vi.fn((entry: string) => {
    const child = forkChild(entry, [], {
      execArgv: entry.endsWith('.ts') ? ['--import', 'tsx'] : [],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const emitter = new EventEmitter();
    child.on('message', (message) => emitter.emit('message', message));
    child.on('exit', (code, signal) => emitter.emit('exit', code ?? (signal ? 137 : 0)));
    return Object.assign(emitter, {
      get pid() {
        return child.pid;
      },
      postMessage: (message: unknown) => child.connected && child.send(message as never),
      kill: () => child.kill(),
    });
  }),
};

/** The parts of `app` the main process uses; tests drive its events. */
export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  requestSingleInstanceLock: vi.fn(() => true),
  addRecentDocument: vi.fn(),
  getPath: vi.fn(() => '/tmp'),
});
