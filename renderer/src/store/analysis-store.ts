/**
 * The analysis slice: the session on screen as core analysed it (the analyzeSession operation: the
 * comparison, each engine's report, accuracy, roofline), with the choices it depends on: the baseline
 * (FP32 unless the user picks another), the roofline's device, the accuracy threshold (preferences).
 * Shared by the compare, engine report, accuracy and roofline views; asked again when a choice changes.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Session } from '../../../electron/core/model/types';
import type { SessionAnalysis } from '../../../electron/core/model/views/session-analysis';
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
  analyze(session: Session, choices: Choices): Promise<void>;
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
  async analyze(session, choices) {
    const key = keyOf(choices);
    const answered = get().answered;
    if (answered?.session === session && answered.key === key) return;
    const request = ++latest;
    set({ loading: true, error: null });
    try {
      // The analysis reads engines, profiles, variants, accuracy and the model: the traces stay here.
      const { analysis } = await client().call('analyzeSession', {
        session: { ...session, traces: [] },
        ...choices,
      });
      if (request === latest) set({ analysis, answered: { session, key }, loading: false });
    } catch (error) {
      if (request === latest)
        set({ loading: false, error: error instanceof Error ? error.message : String(error) });
    }
  },
}));

/** The analysis of the session on screen (kept while a changed choice is asked for); null before the first. */
export function useSessionAnalysis(): {
  analysis: SessionAnalysis | null;
  loading: boolean;
  error: string | null;
} {
  const session = useSessionStore((state) => state.session);
  const accuracyThreshold = usePreferencesStore((state) => state.accuracyThreshold);
  const baseline = useAnalysisStore((state) => state.baseline);
  const device = useAnalysisStore((state) => state.device);
  const analyze = useAnalysisStore((state) => state.analyze);
  const analysis = useAnalysisStore((state) => state.analysis);
  const answered = useAnalysisStore((state) => state.answered);
  const loading = useAnalysisStore((state) => state.loading);
  const error = useAnalysisStore((state) => state.error);
  useEffect(() => {
    if (session) void analyze(session, { baseline, device, accuracyThreshold });
  }, [session, baseline, device, accuracyThreshold, analyze]);
  return { analysis: answered?.session === session ? analysis : null, loading, error };
}

/** From any variant's layer name or fused ONNX node to its aligned row (the name itself without one). */
export function rowKeyOf(analysis: SessionAnalysis, name: string): string {
  return analysis.rowKeys[name] ?? name;
}
