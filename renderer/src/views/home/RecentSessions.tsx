/** The session files in the work folder (runs write theirs there, Save puts them there), newest first. */
import { useEffect, useState } from 'react';
import type { RecentSession } from '../../../../electron/core/api/operations';
import { formatBytes } from '../../../../electron/core/model/units';
import { client } from '../../api/client';
import { useSessionStore } from '../../store/session-store';
import { showOpened } from '../../shell/first-view';

const SHOWN = 8;

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function RecentSessions() {
  const [sessions, setSessions] = useState<RecentSession[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const openSessionFile = useSessionStore((state) => state.openSessionFile);
  const sessionPath = useSessionStore((state) => state.sessionPath);

  useEffect(() => {
    client()
      .call('listRecent', {})
      .then((answer) => setSessions(answer.sessions))
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  }, [sessionPath]);

  return (
    <section className="home-card recent" aria-label="Recent sessions">
      <h3>Recent sessions</h3>
      {problem && <p className="note">Cannot list the sessions: {problem}</p>}
      {sessions === null && !problem && <p className="note">Looking in the work folder...</p>}
      {sessions?.length === 0 && (
        <p className="note">
          None yet. A run from the Run view saves its session here, and so does Save in the Session view.
        </p>
      )}
      {sessions && sessions.length > 0 && (
        <ul className="recent-list">
          {sessions.slice(0, SHOWN).map((session) => (
            <li key={session.path}>
              <button
                type="button"
                className="link-button"
                onClick={() => void openSessionFile(session.path, session.name).then(showOpened)}
              >
                {session.name}
              </button>
              <span className="note">
                {when(session.modifiedAt)} · {formatBytes(session.sizeBytes)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
