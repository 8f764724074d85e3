/** A <details> whose content is only built while it is open (engines and profiles hold thousands of rows). */
import { useState, type ReactNode } from 'react';

export function Disclosure({ summary, children }: { summary: ReactNode; children: () => ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details
      open={open}
      onToggle={(event) => {
        // A <details> inside this one toggles too, and React hands its event to this handler.
        if (event.target === event.currentTarget) setOpen(event.currentTarget.open);
      }}
    >
      <summary>{summary}</summary>
      {open && children()}
    </details>
  );
}
