/** What the files opened last turned out to be: one line each, refused ones saying why. */
import { useSessionStore } from '../../store/session-store';

export function OpenedFiles() {
  const files = useSessionStore((state) => state.files);
  const warnings = useSessionStore((state) => state.warnings);
  if (files.length === 0 && warnings.length === 0) return null;
  return (
    <section className="home-card opened" aria-label="Opened files">
      <h3>Last opened</h3>
      <ul className="opened-files">
        {files.map((file) => (
          <li key={file.path}>
            <span className={file.accepted ? 'kind' : 'kind refused'}>{file.kind}</span>
            <span className="file-name">{file.path.split(/[\\/]/).at(-1)}</span>
            <span className="description">{file.description}</span>
          </li>
        ))}
      </ul>
      {warnings.length > 0 && (
        <ul className="warnings">
          {warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
