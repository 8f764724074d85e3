/** One titled section of the report, reachable by its anchor from the table of contents. */
import type { ReactNode } from 'react';

export interface SectionLink {
  id: string;
  title: string;
}

export function ReportSection({ id, title, children }: SectionLink & { children: ReactNode }) {
  return (
    <section className="report-section" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** Anchor of a layer row in the aligned layer table, for links from other sections. */
export function layerAnchor(key: string): string {
  return `layer-${key.replace(/[^A-Za-z0-9_-]+/g, '_')}`;
}
