/** The session's notes (the run's, the importers', the user's), and a box to add one. */
import { useState, type FormEvent } from 'react';
import { useSessionStore } from '../../store/session-store';
import type { SectionProps } from './SessionSection';

export function NotesSection({ session, sectionRef }: SectionProps) {
  const addNote = useSessionStore((state) => state.addNote);
  const [text, setText] = useState('');
  const add = (event: FormEvent) => {
    event.preventDefault();
    addNote(text);
    setText('');
  };
  return (
    <section className="session-section" id="session-notes" aria-label="Notes" tabIndex={-1} ref={sectionRef}>
      <h3>
        Notes <span className="count">({session.notes.length})</span>
      </h3>
      {session.notes.length === 0 && <p className="note empty">No notes yet.</p>}
      <ul className="notes-list">
        {session.notes.map((note, index) => (
          <li key={`${index}-${note}`}>{note}</li>
        ))}
      </ul>
      <form className="add-note" onSubmit={add}>
        <textarea
          aria-label="New note"
          placeholder="A note for whoever opens this session next (saved with Save)"
          value={text}
          rows={2}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" disabled={!text.trim()}>
          Add note
        </button>
      </form>
    </section>
  );
}
