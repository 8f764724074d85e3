/**
 * The session's file: its name, when it was made and changed, and Save / Save as. Saving goes through
 * core's atomic write (a temporary file, flushed, renamed over the old one); Save as names a new file
 * in the work folder (its sessions/ folder, where Home lists recent sessions).
 */
import { useState, type FormEvent } from 'react';
import type { Session } from '../../../../electron/core/model/types';
import { fileName, useSessionStore } from '../../store/session-store';

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function SaveBar({ session }: { session: Session }) {
  const sessionPath = useSessionStore((state) => state.sessionPath);
  const dirty = useSessionStore((state) => state.dirty);
  const save = useSessionStore((state) => state.save);
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const saveAs = async (event: FormEvent) => {
    event.preventDefault();
    const clean = name
      .trim()
      .replace(/\.session\.json$/i, '')
      .replace(/[\\/]/g, '-');
    if (!clean) return;
    if (await save(`sessions/${clean}.session.json`)) {
      setSaved(`${clean}.session.json`);
      setName('');
    }
  };
  const model = session.model ? fileName(session.model.source.path) : null;
  return (
    <header className="save-bar">
      <div className="save-what">
        <h2 data-testid="session-title">{sessionPath ? fileName(sessionPath) : 'Unsaved session'}</h2>
        <p className="note">
          {model ? `Model ${model}` : 'No model: imported results only'} · made {when(session.createdAt)}
          {session.updatedAt !== session.createdAt ? ` · changed ${when(session.updatedAt)}` : ''} ·{' '}
          {session.app.name} {session.app.version}
          {dirty ? ' · unsaved changes' : ''}
        </p>
      </div>
      <div className="save-actions">
        <button
          type="button"
          className={dirty || !sessionPath ? 'primary' : undefined}
          onClick={() => void save().then((ok) => ok && setSaved(null))}
        >
          {sessionPath ? 'Save' : 'Save in the work folder'}
        </button>
        <form onSubmit={(event) => void saveAs(event)} className="save-as" aria-label="Save as">
          <input
            type="text"
            aria-label="Save as: file name"
            placeholder="name for a copy"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          <button type="submit" disabled={!name.trim()}>
            Save as
          </button>
        </form>
        {saved && (
          <span className="status" role="status">
            Saved as {saved}
          </span>
        )}
      </div>
    </header>
  );
}
