/** Light / dark / follow the system; the choice is kept in preferences and applied to <html>. */
import { useEffect } from 'react';
import { effectiveTheme, usePreferencesStore, type ThemeChoice } from '../store/preferences-store';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };

export function useAppliedTheme(): 'light' | 'dark' {
  const choice = usePreferencesStore((state) => state.theme);
  const theme = effectiveTheme(choice);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    if (choice !== 'system') return;
    const query = window.matchMedia?.('(prefers-color-scheme: dark)');
    const follow = () => (document.documentElement.dataset.theme = effectiveTheme('system'));
    query?.addEventListener('change', follow);
    return () => query?.removeEventListener('change', follow);
  }, [choice, theme]);
  return theme;
}

export function ThemeToggle() {
  const choice = usePreferencesStore((state) => state.theme);
  const setTheme = usePreferencesStore((state) => state.setTheme);
  return (
    <button
      type="button"
      onClick={() => setTheme(NEXT[choice])}
      title="Theme: light, dark or follow the system"
    >
      Theme: {choice}
    </button>
  );
}
