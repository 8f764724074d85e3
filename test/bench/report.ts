/**
 * Report cost on a synthetic comparison of 3 variants x 1,000 layers (FP32, FP16 and INT8 engines of
 * one 1,000-convolution network on an H200, each layer tied to its ONNX node, INT8 with a reformat
 * every 10 layers): the report model's build time (median of 5), the HTML's size, the JSON and CSV
 * sizes, and the time to print the PDF in headless Chromium. Targets: build <= 1 s, HTML <= 5 MB.
 * Prints figures; asserts nothing. Run from the repository root: node bin/run-ts.mjs test/bench/report.ts [layers]
 */
import { layersCsv, variantsCsv } from '../../electron/core/report/csv-export';
import { reportHtml } from '../../electron/core/report/html-export';
import { htmlToPdf } from '../../electron/core/report/pdf-export';
import { buildReport } from '../../electron/core/report/report-model';
import { reportPageTemplate } from '../../electron/core/report/report-page';
import { syntheticSession } from '../helpers/synthetic-session';

const LAYERS = Number(process.argv[2] ?? 1000);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

const session = syntheticSession(LAYERS);
const layers = session.engines.reduce((sum, e) => sum + e.layers.length, 0);
console.log(
  `synthetic comparison: 3 variants, ${layers} layers in all (${LAYERS} convolutions each, INT8 with reformats)`,
);

const builds: number[] = [];
let report = buildReport(session);
for (let round = 0; round < 5; round++) {
  const start = performance.now();
  report = buildReport(session);
  builds.push(performance.now() - start);
}
console.log(
  `report build: median ${median(builds).toFixed(0)} ms over 5 (target <= 1000 ms); ${report.layers.rows.length} aligned rows, ` +
    `${report.regressions.length} regressions, ${report.roofline.points.length} roofline points`,
);

let start = performance.now();
const json = JSON.stringify(report, null, 2);
const csv = layersCsv(report) + variantsCsv(report);
console.log(`JSON ${mb(json.length)}, CSV ${mb(csv.length)} in ${(performance.now() - start).toFixed(0)} ms`);

start = performance.now();
const template = await reportPageTemplate();
const templateMs = performance.now() - start;
start = performance.now();
const html = reportHtml(report, template);
console.log(
  `HTML ${mb(Buffer.byteLength(html))} (target <= 5 MB; page ${mb(Buffer.byteLength(template))} + data), ` +
    `written in ${(performance.now() - start).toFixed(0)} ms (page template ${templateMs.toFixed(0)} ms, cached build)`,
);

start = performance.now();
const pdf = await htmlToPdf(html);
console.log(
  `PDF ${mb(pdf.byteLength)} printed in ${((performance.now() - start) / 1000).toFixed(1)} s (headless Chromium)`,
);
