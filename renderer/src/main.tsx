/** Renderer entry: picks the StudioClient (IPC or HTTP), listens to jobs and menu commands, mounts the shell. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { client } from './api/client';
import { AppShell } from './shell/AppShell';
import { carryOutFollowups } from './store/job-followups';
import { startAutosave } from './store/autosave';
import { listenToJobs } from './store/jobs-store';
import { usePreferencesStore } from './store/preferences-store';
import { useSessionStore } from './store/session-store';
import { navigate } from './shell/hash-route';
import './styles.css';

listenToJobs();
startAutosave();
carryOutFollowups();
client().onMenuCommand((command) => {
  if (command === 'open') navigate('home');
  else if (command === 'save-session') void useSessionStore.getState().save();
  else if (command === 'export-report') navigate('session');
  else if (command === 'save-session-as') navigate('session');
  else if (command === 'toggle-theme') {
    const preferences = usePreferencesStore.getState();
    preferences.setTheme(preferences.theme === 'dark' ? 'light' : 'dark');
  }
});

client().onOpenPaths((paths) => {
  void useSessionStore
    .getState()
    .openPaths(paths, paths.length === 1 ? paths[0]! : `${paths.length} files`)
    .then((ok) => {
      if (ok && useSessionStore.getState().session?.model) navigate('model');
    });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppShell />
  </StrictMode>,
);
