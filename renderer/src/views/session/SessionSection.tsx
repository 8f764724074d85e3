/** One part of the session view: a titled, focusable section with an explained empty state. */
import type { ReactNode } from 'react';
import type { Session } from '../../../../electron/core/model/types';

/** What every section of the session view is given. */
export interface SectionProps {
  session: Session;
  sectionRef: (element: HTMLElement | null) => void;
}

interface Props {
  id: string;
  title: string;
  count: number;
  /** Why there is nothing here, and how to get something. */
  empty: string;
  sectionRef?: (element: HTMLElement | null) => void;
  children?: ReactNode;
}

export function SessionSection({ id, title, count, empty, sectionRef, children }: Props) {
  return (
    <section
      className="session-section"
      id={`session-${id}`}
      aria-label={title}
      tabIndex={-1}
      ref={sectionRef}
    >
      <h3>
        {title} <span className="count">({count})</span>
      </h3>
      {count === 0 ? <p className="note empty">{empty}</p> : children}
    </section>
  );
}
