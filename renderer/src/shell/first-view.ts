/**
 * Where a freshly opened session is looked at first: a session file, or results, in the Session view;
 * a model alone in the Model view.
 */
import type { Session } from '../../../electron/core/model/types';
import { useSessionStore } from '../store/session-store';
import { navigate } from './hash-route';

export function firstViewFor(session: Session, fromSessionFile = false): string {
  if (fromSessionFile) return 'session';
  const results = session.engines.length + session.profiles.length + session.traces.length;
  if (results > 0 || !session.model) return 'session';
  return 'model';
}

/** After an open: the view that shows what was opened (on failure the screen stays as it was). */
export function showOpened(ok: boolean): void {
  const { session, sessionPath } = useSessionStore.getState();
  if (ok && session) navigate(firstViewFor(session, sessionPath !== null));
}
