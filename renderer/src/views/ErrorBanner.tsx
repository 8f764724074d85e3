/** The last error, one line naming the file, until the user dismisses it. */
import { useModelStore } from '../store/model-store';

export function ErrorBanner() {
  const error = useModelStore((state) => state.error);
  const dismiss = useModelStore((state) => state.dismissError);
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
