/**
 * The views of the studio, in navigation order. A view is a folder under views/ with one component;
 * adding one is an entry here. `available` says whether the open session has what the view shows,
 * and if not, the one line the navigation shows instead (never an empty page).
 */
import type { ComponentType } from 'react';
import type { Session } from '../../../electron/core/model/types';
import { HomeView } from '../views/home/HomeView';
import { ModelView } from '../views/model/ModelView';

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
];

export function viewById(id: string): ViewEntry {
  return VIEWS.find((view) => view.id === id) ?? VIEWS[0]!;
}
