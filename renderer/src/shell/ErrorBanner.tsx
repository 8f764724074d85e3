/** The last error, one line naming the file, until the user dismisses it. */
import { useSessionStore } from '../store/session-store';

export function ErrorBanner() {
  const error = useSessionStore((state) => state.error);
  const dismiss = useSessionStore((state) => state.dismissError);
  if (!error) return null;
  return (
    <div className="error-banner" role="alert">
      <span className="error-text">{error}</span>
      <button type="button" onClick={dismiss} aria-label="Dismiss error">
        ×
      </button>
    </div>
  );
}
