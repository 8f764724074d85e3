/**
 * The preferences slice, kept in localStorage: theme (following the system unless the user picks
 * one), the device whose ceilings judge compute- vs memory-bound, and the accuracy threshold under
 * which a variant is flagged.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type ThemeChoice = 'system' | 'light' | 'dark';

interface PreferencesState {
  theme: ThemeChoice;
  /** A device key from capabilities().devices (e.g. "h200"). */
  device: string;
  /** Task-metric floor (0..1): top-1 or matched-box agreement under this is flagged. */
  accuracyThreshold: number;
  setTheme(theme: ThemeChoice): void;
  setDevice(device: string): void;
  setAccuracyThreshold(threshold: number): void;
}

export const usePreferencesStore = create<PreferencesState>()(
  persist(
    (set) => ({
      theme: 'system',
      device: 'h200',
      accuracyThreshold: 0.99,
      setTheme: (theme) => set({ theme }),
      setDevice: (device) => set({ device }),
      setAccuracyThreshold: (accuracyThreshold) => set({ accuracyThreshold }),
    }),
    { name: 'trt-studio-preferences' },
  ),
);

/** The theme to draw with now: the user's choice, or the system's. */
export function effectiveTheme(choice: ThemeChoice): 'light' | 'dark' {
  if (choice !== 'system') return choice;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
