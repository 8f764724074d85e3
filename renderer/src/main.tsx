/** Renderer entry: mounts the view and forwards menu commands from the main process to the store. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useModelStore } from './store/model-store';
import { studio } from './studio';
import { App } from './views/App';
import './styles.css';

try {
  studio().onMenuCommand((command) => {
    const store = useModelStore.getState();
    void (command === 'open-model' ? store.chooseModel() : store.chooseSession());
  });
} catch (error) {
  useModelStore.setState({ error: (error as Error).message });
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
