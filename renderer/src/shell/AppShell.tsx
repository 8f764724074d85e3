/**
 * The frame every view sits in: the header (the open session and model, jobs, theme), the
 * navigation between views (a view the session cannot fill says why instead of opening empty), the
 * error banner, and the view of the current hash route.
 */
import { useSelectionStore } from '../store/selection-store';
import { useSessionStore } from '../store/session-store';
import { DropZone } from './DropZone';
import { ErrorBanner } from './ErrorBanner';
import { hrefOf, useRoute, useSelectionInHash } from './hash-route';
import { JobsArea } from './JobsArea';
import { ThemeToggle, useAppliedTheme } from './ThemeToggle';
import { VIEWS, viewById } from './views';

function OpenName() {
  const session = useSessionStore((state) => state.session);
  const sessionPath = useSessionStore((state) => state.sessionPath);
  const loading = useSessionStore((state) => state.loading);
  if (loading) return <span className="open-name status">Opening {loading}...</span>;
  if (!session) return <span className="open-name">no session open</span>;
  const model = session.model?.source.path.split(/[\\/]/).at(-1);
  const session_ = sessionPath?.split(/[\\/]/).at(-1) ?? 'unsaved session';
  return (
    <span className="open-name" data-testid="open-name" title={sessionPath ?? undefined}>
      {session_}
      {model ? ` · ${model}` : ''}
    </span>
  );
}

function Navigation({ current }: { current: string }) {
  const session = useSessionStore((state) => state.session);
  // The selection travels with the view: a layer selected in one view stays selected in the next.
  const layer = useSelectionStore((state) => state.layer);
  const variant = useSelectionStore((state) => state.variant);
  return (
    <nav className="app-nav" aria-label="Views">
      {VIEWS.map((view) => {
        const why = view.unavailable(session);
        return (
          <a
            key={view.id}
            href={why ? undefined : hrefOf(view.id, { layer, variant })}
            aria-current={view.id === current ? 'page' : undefined}
            aria-disabled={why ? 'true' : undefined}
            title={why ?? view.label}
            tabIndex={0}
          >
            {view.label}
          </a>
        );
      })}
    </nav>
  );
}

export function AppShell() {
  useAppliedTheme();
  useSelectionInHash();
  const route = useRoute();
  const session = useSessionStore((state) => state.session);
  const entry = viewById(route.view);
  const why = entry.unavailable(session);
  const View = entry.component;
  return (
    <div className="app">
      <DropZone>
        <header className="app-header">
          <h1>TensorRT Profiling Studio</h1>
          <OpenName />
          <JobsArea />
          <ThemeToggle />
        </header>
        <Navigation current={entry.id} />
        <ErrorBanner />
        <div className="app-main" data-view={entry.id}>
          {why ? <p className="hint">{`${entry.label}: ${why}.`}</p> : <View />}
        </div>
      </DropZone>
    </div>
  );
}
