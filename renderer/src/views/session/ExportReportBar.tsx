/**
 * Export a report of the open session: HTML (one self-contained file a colleague can open), JSON, CSV,
 * PDF and a Chrome trace, made by core's report builder. The session is saved first when it has
 * unsaved changes. Inside the desktop app the PDF is printed by Electron (printToPDF) from the HTML;
 * on `serve` core prints it with headless Chromium, and each file is offered for download.
 */
import { useState } from 'react';
import { client } from '../../api/client';
import { fileName, useSessionStore } from '../../store/session-store';

const FORMATS = [
  { id: 'html', label: 'HTML' },
  { id: 'json', label: 'JSON' },
  { id: 'csv', label: 'CSV' },
  { id: 'pdf', label: 'PDF' },
  { id: 'trace', label: 'Chrome trace' },
] as const;
type Format = (typeof FORMATS)[number]['id'];

export function ExportReportBar() {
  const [formats, setFormats] = useState<Set<Format>>(new Set(['html']));
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const studio = client();

  const exportNow = async () => {
    setBusy(true);
    setError(null);
    setFiles([]);
    try {
      const store = useSessionStore.getState();
      if ((store.dirty || !store.sessionPath) && !(await store.save()))
        throw new Error('the session could not be saved first');
      const sessionPath = useSessionStore.getState().sessionPath!;
      const printHere = formats.has('pdf') && studio.printReportPdf !== null;
      const asked = [...formats].filter((format) => !(printHere && format === 'pdf'));
      if (printHere && !asked.includes('html')) asked.push('html');
      const made = (await studio.call('exportReport', { sessionPath, formats: asked })).files;
      if (printHere) {
        const html = made.find((file) => file.endsWith('.html'))!;
        made.push(await studio.printReportPdf!(html, html.replace(/\.html$/, '.pdf')));
      }
      setFiles(made);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="export-bar" aria-label="Export report">
      <h3>Export report</h3>
      <div className="export-formats">
        {FORMATS.map((format) => (
          <label key={format.id}>
            <input
              type="checkbox"
              checked={formats.has(format.id)}
              onChange={(event) => {
                const next = new Set(formats);
                if (event.target.checked) next.add(format.id);
                else next.delete(format.id);
                setFormats(next);
              }}
            />{' '}
            {format.label}
          </label>
        ))}
        <button
          type="button"
          className="primary"
          disabled={busy || formats.size === 0}
          onClick={() => void exportNow()}
        >
          {busy ? 'Exporting...' : 'Export'}
        </button>
      </div>
      {error && (
        <p className="export-error" role="alert">
          {error}
        </p>
      )}
      {files.length > 0 && (
        <ul className="export-files" aria-label="Report files">
          {files.map((file) => (
            <li key={file}>
              {studio.transport === 'http' ? (
                <a href={`/api/file?path=${encodeURIComponent(file)}`} download={fileName(file)}>
                  {fileName(file)}
                </a>
              ) : (
                <span className="path">{file}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
