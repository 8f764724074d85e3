/**
 * Chrome trace JSON / PyTorch Kineto trace (.json, .json.gz) importer -> Trace. The studio's own Chrome
 * trace export carries a `trtStudio` block (time zero, trace id, origin) so it reads back unchanged.
 */
import path from 'node:path';
import type { Importer, ImportInput, ImportResult } from './importer';
import { traceEventsOf, traceFromChromeEvents } from './chrome-trace-events';
import { readMaybeGzippedJson } from './compressed-json';
import { isRecord } from './json-input';
import { looksLikeOrtProfile } from './onnxruntime-profile-detect';

// Detection hands over the gunzipped head of a .json.gz (detect-file.ts), so only JSON is looked at here.
function detect(input: ImportInput): number {
  const text = new TextDecoder().decode(input.head).trimStart();
  if (/^\{[\s\S]*"traceEvents"\s*:/.test(text)) return 1;
  if (text.startsWith('[') && /"ph"\s*:\s*"[XBEMsfCi]"/.test(text))
    return looksLikeOrtProfile(text) ? 0.4 : 0.8;
  return 0;
}

export async function importChromeTrace(file: string): Promise<ImportResult> {
  const document = readMaybeGzippedJson(file);
  const events = traceEventsOf(document, file);
  const studio = isRecord(document) && isRecord(document.trtStudio) ? document.trtStudio : undefined;
  const kineto = isRecord(document) && ('schemaVersion' in document || 'deviceProperties' in document);
  const trace = traceFromChromeEvents(events, {
    id: typeof studio?.traceId === 'string' ? studio.traceId : `chrome-trace:${path.basename(file)}`,
    source: typeof studio?.source === 'string' ? studio.source : kineto ? 'kineto' : 'chrome-trace',
    file,
    ...(studio && { timeZeroUs: 0 }),
  });
  if (typeof studio?.originNs === 'number' && Number.isFinite(studio.originNs))
    trace.originNs = studio.originNs;
  return { engines: [], profiles: [], traces: [trace], warnings: [] };
}

export const chromeTraceImporter: Importer = {
  format: 'chrome-trace',
  description: 'a Chrome trace',
  readsGzip: true,
  detect,
  parse: importChromeTrace,
};
