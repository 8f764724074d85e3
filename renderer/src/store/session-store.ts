/**
 * The session slice: the session on screen (a model, its variants, engines, profiles, traces,
 * accuracy), the file it came from, whether an open is under way, and the last error as one line
 * naming the file. A failed open leaves what is on screen in place.
 */
import { create } from 'zustand';
import type { DetectedFile } from '../../../electron/core/api/operations';
import type { Session } from '../../../electron/core/model/types';
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
  error: string | null;
  /** Opens paths core can read (from the desktop's dialog or drop, or uploads): one session. */
  openPaths(paths: string[], label: string): Promise<boolean>;
  /** Files the user dropped or picked: made readable by core (uploaded in a browser), then opened. */
  openFiles(files: File[]): Promise<boolean>;
  /** Shows a session (a finished run's, say) without reading a file. */
  showSession(session: Session, sessionPath: string | null): void;
  save(path?: string): Promise<void>;
  fail(message: string): void;
  dismissError(): void;
}

/** One line for the banner; the file is named even when the message does not name it. */
export function errorLine(file: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes(file) ? message : `${file}: ${message}`;
}

export const useSessionStore = create<SessionState>()((set, get) => ({
  session: null,
  sessionPath: null,
  files: [],
  warnings: [],
  loading: null,
  error: null,

  async openPaths(paths, label) {
    set({ loading: label, error: null });
    try {
      const opened = await client().call('openFiles', { paths });
      set({
        session: opened.session,
        sessionPath: opened.sessionPath ?? null,
        files: opened.files,
        warnings: opened.warnings,
        loading: null,
      });
      return true;
    } catch (error) {
      set({ loading: null, error: errorLine(label, error) });
      return false;
    }
  },

  async openFiles(files) {
    if (files.length === 0) return false;
    const label = files.length === 1 ? files[0]!.name : `${files.length} files`;
    set({ loading: label, error: null });
    let paths: string[];
    try {
      paths = await client().provideFiles(files, (sent, total) =>
        set({ loading: `${label} (${Math.round((100 * sent) / Math.max(1, total))}% sent)` }),
      );
    } catch (error) {
      set({ loading: null, error: errorLine(label, error) });
      return false;
    }
    return get().openPaths(paths, label);
  },

  showSession(session, sessionPath) {
    set({ session, sessionPath, files: [], warnings: [], error: null });
  },

  async save(path) {
    const { session, sessionPath } = get();
    if (!session) return;
    try {
      const saved = await client().call('saveSession', { session, path: path ?? sessionPath ?? undefined });
      set({ sessionPath: saved.path });
    } catch (error) {
      set({ error: errorLine(path ?? sessionPath ?? 'session', error) });
    }
  },

  fail(message) {
    set({ error: message });
  },

  dismissError() {
    set({ error: null });
  },
}));
