/**
 * The views of the studio, in navigation order. A view is a folder under views/ with one component;
 * adding one is an entry here. `unavailable` says whether the open session has what the view shows,
 * and if not, the one line the navigation shows instead (never an empty page).
 */
import type { ComponentType } from 'react';
import type { Session } from '../../../electron/core/model/types';
import { AccuracyView } from '../views/accuracy/AccuracyView';
import { CompareView } from '../views/compare/CompareView';
import { EngineView } from '../views/engine/EngineView';
import { HomeView } from '../views/home/HomeView';
import { registerViews } from './hash-route';
import { ModelView } from '../views/model/ModelView';
import { RooflineView } from '../views/roofline/RooflineView';
import { RunView } from '../views/run/RunView';
import { SessionView } from '../views/session/SessionView';
import { TimelineView } from '../views/timeline/TimelineView';

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
  {
    id: 'compare',
    label: 'Compare',
    component: CompareView,
    unavailable: (session) => {
      const engines = session?.engines.length ?? 0;
      if (engines >= 2) return null;
      return `needs two or more engines (FP32, FP16, INT8 runs); this session holds ${engines === 0 ? 'none' : 'one'}: profile a model for several precisions, or open several trtexec runs together`;
    },
  },
  {
    id: 'engine',
    label: 'Engine report',
    component: EngineView,
    unavailable: (session) =>
      session?.engines.length
        ? null
        : 'needs an engine: open a trtexec run, a profiler export or a profiled session',
  },
  {
    id: 'accuracy',
    label: 'Accuracy',
    component: AccuracyView,
    unavailable: (session) =>
      session?.accuracy.length
        ? null
        : 'needs accuracy results: profile a model for FP16 or INT8 with evaluation inputs (imported runs carry none)',
  },
  {
    id: 'roofline',
    label: 'Roofline',
    component: RooflineView,
    unavailable: (session) =>
      session?.profiles.some((profile) => profile.layers.length > 0)
        ? null
        : 'needs per-layer times: open a run with a per-layer profile (trtexec --exportProfile) or profile a model',
  },
  {
    id: 'timeline',
    label: 'Timeline',
    component: TimelineView,
    unavailable: (session) =>
      session?.traces.length
        ? null
        : 'open a trace (Nsight Systems export, Kineto or Chrome trace, ONNX Runtime profile) or a profiled session first',
  },
];

registerViews(VIEWS.map((view) => view.id));

export function viewById(id: string): ViewEntry {
  return VIEWS.find((view) => view.id === id) ?? VIEWS[0]!;
}
