/**
 * Autosave: a session that has a file and unsaved changes (a note, re-measured shapes) is saved a
 * moment after the last change, through the same atomic save as the Save button. A run's own session
 * is written by the run when it finishes; an unsaved session waits for Save (it has no file yet).
 * The desktop app records each save for its crash-recovery offer (electron/main/recovery.ts).
 */
import { useSessionStore } from './session-store';

const QUIET_MS = 1500;

export function startAutosave(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return useSessionStore.subscribe((state) => {
    if (timer) clearTimeout(timer);
    if (!state.dirty || !state.sessionPath || state.loading) return;
    timer = setTimeout(() => {
      const now = useSessionStore.getState();
      if (now.dirty && now.sessionPath) void now.save();
    }, QUIET_MS);
  });
}
