/**
 * The comparison slice: which engine is the baseline (the user's pick; FP32 by default, chosen by
 * core), and the session on screen compared by core's pure functions, computed once per session,
 * baseline and accuracy threshold and shared by every view (compare, engine, accuracy, roofline).
 */
import { create } from 'zustand';
import { comparisonView, type ComparisonView } from '../../../electron/core/analysis/comparison-view';
import { rowKeyIndex } from '../../../electron/core/analysis/comparison-rows';
import {
  compareSessionEngines,
  sessionEngines,
  type SessionComparison,
  type SessionEngines,
} from '../../../electron/core/analysis/session-comparison';
import type { Session } from '../../../electron/core/model/types';
import { usePreferencesStore } from './preferences-store';
import { useSessionStore } from './session-store';

interface ComparisonState {
  /** The baseline's label, or null for core's default (FP32 when present). */
  baseline: string | null;
  setBaseline(label: string | null): void;
}

export const useComparisonStore = create<ComparisonState>()((set) => ({
  baseline: null,
  setBaseline: (baseline) => set({ baseline }),
}));

export interface ComparedSession {
  engines: SessionEngines | null;
  /** Null when the session holds fewer than 2 engines. */
  comparison: SessionComparison | null;
  view: ComparisonView | null;
  /** Any variant's layer name or fused ONNX node -> its aligned row (the layer name itself without one). */
  rowKeyOf(name: string): string;
}

const cache = new WeakMap<Session, Map<string, ComparedSession>>();

export function compareSession(
  session: Session,
  baseline: string | null,
  threshold: number,
): ComparedSession {
  const key = `${baseline ?? ''}|${threshold}`;
  const held = cache.get(session)?.get(key);
  if (held) return held;
  const engines = sessionEngines(session, { baseline });
  const comparison = compareSessionEngines(session, { baseline });
  const view = comparison
    ? comparisonView(comparison.comparison, comparison.items, {
        sameModel: comparison.sameModel,
        accuracyThreshold: threshold,
      })
    : null;
  const index = view ? rowKeyIndex(view.rows) : new Map<string, string>();
  const result: ComparedSession = { engines, comparison, view, rowKeyOf: (name) => index.get(name) ?? name };
  if (!cache.has(session)) cache.set(session, new Map());
  cache.get(session)!.set(key, result);
  return result;
}

/** The session on screen, compared (null without a session). */
export function useComparedSession(): ComparedSession | null {
  const session = useSessionStore((state) => state.session);
  const baseline = useComparisonStore((state) => state.baseline);
  const threshold = usePreferencesStore((state) => state.accuracyThreshold);
  return session ? compareSession(session, baseline, threshold) : null;
}
