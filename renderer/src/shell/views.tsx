/**
 * The views of the studio, in navigation order. A view is a folder under views/ with one component;
 * adding one is an entry here. `unavailable` says whether the open session has what the view shows,
 * and if not, the one line the navigation shows instead (never an empty page).
 */
import type { ComponentType } from 'react';
import type { Session } from '../../../electron/core/model/types';
import { HomeView } from '../views/home/HomeView';
import { registerViews } from './hash-route';
import { ModelView } from '../views/model/ModelView';
import { RunView } from '../views/run/RunView';
import { SessionView } from '../views/session/SessionView';

export interface ViewEntry {
  id: string;
  label: string;
  component: ComponentType;
  /** null when the view can show the session; otherwise why not. */
  unavailable(session: Session | null): string | null;
}

export const VIEWS: ViewEntry[] = [
  { id: 'home', label: 'Home', component: HomeView, unavailable: () => null },
  {
    id: 'model',
    label: 'Model',
    component: ModelView,
    unavailable: (session) =>
      session?.model ? null : 'open an ONNX model (or a session that holds one) first',
  },
  {
    id: 'run',
    label: 'Run',
    component: RunView,
    unavailable: (session) =>
      session?.model
        ? null
        : session
          ? 'this session holds no ONNX model to run (it was imported): open the model from Home'
          : 'open an ONNX model first',
  },
  {
    id: 'session',
    label: 'Session',
    component: SessionView,
    unavailable: (session) => (session ? null : 'open a model, a session or profiler files first'),
  },
];

registerViews(VIEWS.map((view) => view.id));

export function viewById(id: string): ViewEntry {
  return VIEWS.find((view) => view.id === id) ?? VIEWS[0]!;
}
