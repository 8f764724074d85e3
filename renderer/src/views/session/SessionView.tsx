/**
 * The Session view: everything the open session holds, reachable from one page. The variants and how
 * each was made, the engines (with their layers), the profiles (latency, stages, per-layer times),
 * the traces, the accuracy against FP32, the run's settings, and notes. Save writes the session file
 * atomically (core's saveSession); Save as writes a copy under another name in the work folder. A
 * session from `import` (no model) shows here like any other; one from a run that did not finish (a
 * partial session) says so in a banner at the top.
 */
import { useRef } from 'react';
import type { Session } from '../../../../electron/core/model/types';
import { useSessionStore } from '../../store/session-store';
import { AccuracySection } from './AccuracySection';
import { EnginesSection } from './EnginesSection';
import { NotesSection } from './NotesSection';
import { ProfilesSection } from './ProfilesSection';
import { RunSettingsSection } from './RunSettingsSection';
import { ExportReportBar } from './ExportReportBar';
import { SaveBar } from './SaveBar';
import { TracesSection } from './TracesSection';
import { UnfinishedRunBanner } from './UnfinishedRunBanner';
import { VariantsSection } from './VariantsSection';
import '../../components/small-table.css';
import './session.css';

interface Part {
  id: string;
  label: string;
  count: (session: Session) => number;
}

const PARTS: Part[] = [
  { id: 'variants', label: 'Variants', count: (s) => s.variants.length },
  { id: 'engines', label: 'Engines', count: (s) => s.engines.length },
  { id: 'profiles', label: 'Profiles', count: (s) => s.profiles.length },
  { id: 'traces', label: 'Traces', count: (s) => s.traces.length },
  { id: 'accuracy', label: 'Accuracy', count: (s) => s.accuracy.length },
  { id: 'notes', label: 'Notes', count: (s) => s.notes.length },
];

export function SessionView() {
  const session = useSessionStore((state) => state.session);
  const sections = useRef<Record<string, HTMLElement | null>>({});
  if (!session) return <p className="hint">No session open: open one from Home.</p>;
  const jump = (id: string) => {
    const target = sections.current[id];
    target?.scrollIntoView({ block: 'start' });
    target?.focus({ preventScroll: true });
  };
  const holder = (id: string) => (element: HTMLElement | null) => {
    sections.current[id] = element;
  };
  return (
    <div className="session-view">
      <UnfinishedRunBanner session={session} />
      <SaveBar session={session} />
      <ExportReportBar />
      <nav className="session-parts" aria-label="What this session holds">
        {PARTS.map((part) => (
          <button key={part.id} type="button" className="part-card" onClick={() => jump(part.id)}>
            <span className="part-count">{part.count(session)}</span>
            <span className="part-label">{part.label}</span>
          </button>
        ))}
      </nav>
      {session.run && <RunSettingsSection run={session.run} />}
      <VariantsSection session={session} sectionRef={holder('variants')} />
      <EnginesSection session={session} sectionRef={holder('engines')} />
      <ProfilesSection session={session} sectionRef={holder('profiles')} />
      <TracesSection session={session} sectionRef={holder('traces')} />
      <AccuracySection session={session} sectionRef={holder('accuracy')} />
      <NotesSection session={session} sectionRef={holder('notes')} />
    </div>
  );
}
