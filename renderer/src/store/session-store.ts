/**
 * The session slice: the session on screen (a model, its variants, engines, profiles, traces,
 * accuracy), the file it came from, whether an open is under way, and the last error as one line
 * naming the file. A failed open leaves what is on screen in place.
 */
import { create } from 'zustand';
import type { DetectedFile } from '../../../electron/core/api/operations';
import type { Model, Session } from '../../../electron/core/model/types';
import { client } from '../api/client';

export interface SessionState {
  session: Session | null;
  /** Where the session lives on the machine that runs core (null until saved). */
  sessionPath: string | null;
  /** What the files opened last turned out to be. */
  files: DetectedFile[];
  warnings: string[];
  /** What is being opened, shown while it loads. */
  loading: string | null;
  /** What the model is being re-inspected for (shapes, device), while it is. */
  inspecting: string | null;
  /** True when the session on screen has changes not yet saved (a note, new shapes). */
  dirty: boolean;
  error: string | null;
  /** Opens paths core can read (from the desktop's dialog or drop, or uploads): one session. */
  openPaths(paths: string[], label: string): Promise<boolean>;
  /** Files the user dropped or picked: made readable by core (uploaded in a browser), then opened. */
  openFiles(files: File[]): Promise<boolean>;
  /** Opens a session file core can read (a recent session, a finished run's). */
  openSessionFile(path: string, label: string): Promise<boolean>;
  /** Shows a session (a finished run's, say) without reading a file. */
  showSession(session: Session, sessionPath: string | null): void;
  /** Reads the session's model again with other shapes or another device; on failure it stays as it was. */
  reinspect(options: { shapes?: Record<string, number[]>; device?: string }, what: string): Promise<boolean>;
  /** Puts a model inspected elsewhere (shapes measured by running) in place of the session's. */
  replaceModel(model: Model): void;
  addNote(note: string): void;
  /** Saves to the session's file, or to `path` (relative: inside the work folder). */
  save(path?: string): Promise<boolean>;
  fail(message: string): void;
  dismissError(): void;
}

/** One line for the banner; the file is named even when the message does not name it. */
export function errorLine(file: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes(file) ? message : `${file}: ${message}`;
}

/** The name a user knows a file by: an upload keeps it as the last part of its path on the server. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).at(-1) ?? path;
}

/** The device the model was judged against, as inspectModel takes it (its table name). */
function deviceOf(model: Model): string | undefined {
  return model.ceilings.source === 'datasheet' ? model.ceilings.name : undefined;
}

/**
 * One open: says what is being opened while `work` runs, then shows what it gives; on failure the
 * screen stays as it was and the banner names the file.
 */
async function opening(
  set: (change: Partial<SessionState>) => void,
  label: string,
  work: () => Promise<Partial<SessionState>>,
): Promise<boolean> {
  set({ loading: label, error: null });
  try {
    const shown = await work();
    set(Object.keys(shown).length > 0 ? { ...shown, loading: null, dirty: false } : {});
    return true;
  } catch (error) {
    set({ loading: null, error: errorLine(label, error) });
    return false;
  }
}

export const useSessionStore = create<SessionState>()((set, get) => ({
  session: null,
  sessionPath: null,
  files: [],
  warnings: [],
  loading: null,
  inspecting: null,
  dirty: false,
  error: null,

  openPaths: (paths, label) =>
    opening(set, label, async () => {
      const opened = await client().call('openFiles', { paths });
      return {
        session: opened.session,
        sessionPath: opened.sessionPath ?? null,
        files: opened.files,
        warnings: opened.warnings,
      };
    }),

  async openFiles(files) {
    if (files.length === 0) return false;
    const label = files.length === 1 ? files[0]!.name : `${files.length} files`;
    let paths: string[] | null = null;
    const sent = await opening(set, label, async () => {
      paths = await client().provideFiles(files, (bytes, total) =>
        set({ loading: `${label} (${Math.round((100 * bytes) / Math.max(1, total))}% sent)` }),
      );
      return {};
    });
    return sent && paths !== null ? get().openPaths(paths, label) : false;
  },

  openSessionFile: (path, label) =>
    opening(set, label, async () => {
      const loaded = await client().call('loadSession', { path });
      return { session: loaded.session, sessionPath: loaded.path, files: [], warnings: [] };
    }),

  showSession(session, sessionPath) {
    set({ session, sessionPath, files: [], warnings: [], error: null, dirty: false });
  },

  async reinspect(options, what) {
    const model = get().session?.model;
    if (!model) return false;
    set({ inspecting: what, error: null });
    try {
      const shapes = options.shapes ?? model.shapeOverrides;
      const request = { path: model.source.path, shapes, device: options.device ?? deviceOf(model) };
      const { model: inspected } = await client().call('inspectModel', request);
      get().replaceModel(inspected);
      set({ inspecting: null });
      return true;
    } catch (error) {
      set({ inspecting: null, error: errorLine(fileName(model.source.path), error) });
      return false;
    }
  },

  replaceModel(model) {
    const session = get().session;
    if (session) set({ session: { ...session, model }, dirty: true });
  },

  addNote(note) {
    const session = get().session;
    const text = note.trim();
    if (session && text) set({ session: { ...session, notes: [...session.notes, text] }, dirty: true });
  },

  async save(path) {
    const { session, sessionPath } = get();
    if (!session) return false;
    try {
      const saved = await client().call('saveSession', { session, path: path ?? sessionPath ?? undefined });
      set({ sessionPath: saved.path, dirty: false });
      return true;
    } catch (error) {
      set({ error: errorLine(path ?? sessionPath ?? 'session', error) });
      return false;
    }
  },

  fail(message) {
    set({ error: message });
  },

  dismissError() {
    set({ error: null });
  },
}));
