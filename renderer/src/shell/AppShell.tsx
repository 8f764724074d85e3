/**
 * The frame every view sits in: the header (the open session and model, jobs, theme), the
 * navigation between views (a view the session cannot fill says why instead of opening empty), the
 * error banner, and the view of the current hash route. Keyboard: a skip link first, then the
 * header, the navigation (Enter or Space opens a view), and the view, which gets the focus when the
 * route changes so Tab carries on inside it.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { fileName, useSessionStore } from '../store/session-store';
import { useSelectionStore } from '../store/selection-store';
import { DropZone } from './DropZone';
import { ErrorBanner } from './ErrorBanner';
import { hrefOf, navigate, useRoute, useSelectionInHash } from './hash-route';
import { JobsArea } from './JobsArea';
import { ThemeToggle, useAppliedTheme } from './ThemeToggle';
import { VIEWS, viewById } from './views';

function OpenName() {
  const session = useSessionStore((state) => state.session);
  const sessionPath = useSessionStore((state) => state.sessionPath);
  const loading = useSessionStore((state) => state.loading);
  const dirty = useSessionStore((state) => state.dirty);
  if (loading) return <span className="open-name status">Opening {loading}...</span>;
  if (!session) return <span className="open-name">no session open</span>;
  const model = session.model ? fileName(session.model.source.path) : null;
  const sessionName = sessionPath ? fileName(sessionPath) : 'unsaved session';
  return (
    <span className="open-name" data-testid="open-name">
      <span className="session-name" title="The session file">
        {sessionName}
        {dirty ? ' (changed)' : ''}
      </span>
      {model ? (
        <span className="model-name" title="The session's model">
          {' · '}
          {model}
        </span>
      ) : (
        <span className="model-name">{' · no model (imported results)'}</span>
      )}
    </span>
  );
}

function Navigation({ current }: { current: string }) {
  const session = useSessionStore((state) => state.session);
  // The selection travels with the view: a layer selected in one view stays selected in the next.
  const layer = useSelectionStore((state) => state.layer);
  const variant = useSelectionStore((state) => state.variant);
  const onKeyDown = (event: KeyboardEvent, id: string, why: string | null) => {
    if (event.key !== ' ' && event.key !== 'Enter') return;
    event.preventDefault();
    if (!why) navigate(id, { layer, variant });
  };
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
            aria-description={why ?? undefined}
            title={why ? `${view.label}: ${why}` : view.label}
            tabIndex={0}
            onKeyDown={(event) => onKeyDown(event, view.id, why)}
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
  const main = useRef<HTMLDivElement>(null);
  const firstRoute = useRef(true);
  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [entry.id]);
  return (
    <div className="app">
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        Skip to the view
      </button>
      <DropZone>
        <header className="app-header">
          <h1>TensorRT Profiling Studio</h1>
          <OpenName />
          <JobsArea />
          <ThemeToggle />
        </header>
        <Navigation current={entry.id} />
        <ErrorBanner />
        <div
          className="app-main"
          id="view"
          data-view={entry.id}
          ref={main}
          tabIndex={-1}
          aria-label={`${entry.label} view`}
          role="region"
        >
          {why ? <p className="hint">{`${entry.label}: ${why}.`}</p> : <View />}
        </div>
      </DropZone>
    </div>
  );
}
