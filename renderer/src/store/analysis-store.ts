/**
 * The analysis slice: the session on screen as core analysed it (the analyzeSession operation), with
 * the choices it depends on: the baseline (FP32 unless the user picks another), the roofline's device,
 * the accuracy threshold (preferences). Each view asks for the part it draws (the comparison, the
 * engine reports, accuracy, the roofline); parts already answered for the same session and choices
 * are kept, so going back to a view draws at once.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Session } from '../../../electron/core/model/types';
import type { AnalysisPart, SessionAnalysis } from '../../../electron/core/model/views/session-analysis';
import { client } from '../api/client';
import { usePreferencesStore } from './preferences-store';
import { useSessionStore } from './session-store';

interface Choices {
  baseline: string | null;
  device: string | null;
  accuracyThreshold: number;
}

interface AnalysisState {
  /** The baseline's label (null: core's default, FP32 when present). */
  baseline: string | null;
  /** The roofline's device key (null: the GPU the engines ran on). */
  device: string | null;
  analysis: SessionAnalysis | null;
  /** The session and choices `analysis` answers. */
  answered: { session: Session; key: string } | null;
  loading: boolean;
  error: string | null;
  setBaseline(label: string | null): void;
  setDevice(device: string | null): void;
  /** `path`: the file the session is the unchanged content of, sent instead of the session itself. */
  analyze(session: Session, path: string | null, choices: Choices, part: AnalysisPart): Promise<void>;
}

const keyOf = (choices: Choices) =>
  `${choices.baseline ?? ''}|${choices.device ?? ''}|${choices.accuracyThreshold}`;
let latest = 0;

export const useAnalysisStore = create<AnalysisState>()((set, get) => ({
  baseline: null,
  device: null,
  analysis: null,
  answered: null,
  loading: false,
  error: null,
  setBaseline: (baseline) => set({ baseline }),
  setDevice: (device) => set({ device }),
  async analyze(session, path, choices, part) {
    const key = keyOf(choices);
    const { answered, analysis } = get();
    const same = answered?.session === session && answered.key === key;
    if (same && analysis?.[part] !== undefined) return;
    const request = ++latest;
    set({ loading: true, error: null });
    try {
      // A session that is a file's content is read there; otherwise it travels, without its traces
      // (the analysis reads engines, profiles, variants, accuracy and the model).
      const answer = await client().call('analyzeSession', {
        ...(path ? { path } : { session: { ...session, traces: [] } }),
        ...choices,
        parts: [part],
      });
      if (request !== latest) return;
      const kept = get().answered?.session === session && get().answered?.key === key ? get().analysis : null;
      set({ analysis: { ...kept, ...answer.analysis }, answered: { session, key }, loading: false });
    } catch (error) {
      if (request === latest)
        set({ loading: false, error: error instanceof Error ? error.message : String(error) });
    }
  },
}));

/** The analysis of the session on screen with `part` answered; null until it is (or without a session). */
export function useSessionAnalysis(part: AnalysisPart): {
  analysis: SessionAnalysis | null;
  loading: boolean;
  error: string | null;
} {
  const session = useSessionStore((state) => state.session);
  const sessionPath = useSessionStore((state) => (state.dirty ? null : state.sessionPath));
  const accuracyThreshold = usePreferencesStore((state) => state.accuracyThreshold);
  const baseline = useAnalysisStore((state) => state.baseline);
  const device = useAnalysisStore((state) => state.device);
  const analyze = useAnalysisStore((state) => state.analyze);
  const analysis = useAnalysisStore((state) => state.analysis);
  const answered = useAnalysisStore((state) => state.answered);
  const loading = useAnalysisStore((state) => state.loading);
  const error = useAnalysisStore((state) => state.error);
  useEffect(() => {
    if (session) void analyze(session, sessionPath, { baseline, device, accuracyThreshold }, part);
  }, [session, sessionPath, baseline, device, accuracyThreshold, analyze, part]);
  const current = answered?.session === session && analysis?.[part] !== undefined ? analysis : null;
  return { analysis: current, loading, error };
}

/** From any variant's layer name or fused ONNX node to its aligned row (the name itself without one). */
export function rowKeyOf(analysis: SessionAnalysis, name: string): string {
  return analysis.rowKeys[name] ?? name;
}
