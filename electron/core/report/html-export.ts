/**
 * The HTML report: the self-contained report page (report-page.ts) with the report embedded as JSON in
 * its `<script type="application/json" id="report-data">`. The JSON is escaped so that no `<` can end
 * the element early; the page parses it with JSON.parse, never as script.
 */
import { REPORT_DATA_PLACEHOLDER } from './report-page';
import type { Report } from '../model/report';

/** JSON that is safe inside a <script> element: `<`, `>`, `&` and the JS line separators escaped. */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

export function reportHtml(report: Report, template: string): string {
  const data = `<script type="application/json" id="report-data">${jsonForScriptElement(report)}</script>`;
  // A function replacement: `$` sequences in the data must not be read as replacement patterns.
  return template.replace(REPORT_DATA_PLACEHOLDER, () => data);
}
