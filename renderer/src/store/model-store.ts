/**
 * The page's state: the model on screen, the file it came from, whether a read is under way, and the
 * last error as one line naming the file. Every way in (Open dialog, menu, drop, session file) ends in
 * showModel or fail.
 */
import { create } from 'zustand';
import type { Model } from '../../../electron/core/model/types';
import { studio } from '../studio';

interface ModelState {
  file: string | null;
  model: Model | null;
  loading: boolean;
  error: string | null;
  openModel(path: string): Promise<void>;
  openSession(path: string): Promise<void>;
  chooseModel(): Promise<void>;
  chooseSession(): Promise<void>;
  openDroppedFile(file: File): Promise<void>;
  dismissError(): void;
}

/** One line for the banner; the file is named even when the message does not name it. */
export function errorLine(file: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes(file) ? message : `${file}: ${message}`;
}

export const useModelStore = create<ModelState>()((set, get) => {
  /** Runs one load of `file`; a newer load wins if the user opens another file meanwhile. */
  async function load(file: string, read: () => Promise<Model>): Promise<void> {
    set({ file, loading: true, error: null });
    try {
      const model = await read();
      if (get().file === file) set({ model, loading: false });
    } catch (error) {
      if (get().file === file) set({ model: null, loading: false, error: errorLine(file, error) });
    }
  }

  async function choose(
    what: string,
    dialog: () => Promise<string | null>,
    open: (path: string) => Promise<void>,
  ) {
    try {
      const path = await dialog();
      if (path) await open(path);
    } catch (error) {
      set({ error: errorLine(what, error) });
    }
  }

  return {
    file: null,
    model: null,
    loading: false,
    error: null,
    openModel: (path) => load(path, () => studio().inspectModel(path)),
    openSession: (path) =>
      load(path, async () => {
        const session = await studio().loadSession(path);
        if (!session.model) throw new Error(`${path}: the session holds no model`);
        return session.model;
      }),
    chooseModel: () => choose('Open model', () => studio().openModelDialog(), get().openModel),
    chooseSession: () => choose('Open session', () => studio().openSessionDialog(), get().openSession),
    openDroppedFile: async (file) => {
      try {
        const path = await studio().grantDroppedFile(file);
        await (path.toLowerCase().endsWith('.json') ? get().openSession(path) : get().openModel(path));
      } catch (error) {
        set({ error: errorLine(file.name, error) });
      }
    },
    dismissError: () => set({ error: null }),
  };
});
