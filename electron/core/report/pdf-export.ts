/**
 * The PDF report: the HTML report printed by headless Chromium (playwright-core) under print media,
 * laid out at the printed width so charts are drawn at the size they print, with animations off and
 * every network request refused. Page breaks come from the page's print CSS (report.css).
 */
import fs from 'node:fs';
import { StudioError } from '../errors';

/** Debian's Chromium; TRT_STUDIO_CHROMIUM names another. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** A4 minus the 12 mm margins of report.css, in CSS pixels (96 per inch). */
const PRINT_WIDTH_PX = Math.floor(((210 - 2 * 12) / 25.4) * 96);

export function chromiumPath(): string {
  const executable = process.env.TRT_STUDIO_CHROMIUM || DEFAULT_CHROMIUM;
  if (!fs.existsSync(executable)) {
    throw new StudioError(
      executable,
      'Chromium not found: PDF reports print through headless Chromium; install it (apt-get install chromium) or set TRT_STUDIO_CHROMIUM to its path',
    );
  }
  return executable;
}

const FOOTER =
  '<div style="font-size:8px;width:100%;text-align:center;color:#777">' +
  '<span class="title"></span> · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';

export async function htmlToPdf(html: string): Promise<Uint8Array> {
  const executablePath = chromiumPath();
  const { chromium } = await import('playwright-core');
  let browser;
  try {
    browser = await chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
  } catch (error) {
    const firstLine = (error as Error).message.split('\n')[0];
    throw new StudioError(executablePath, `Chromium did not start, so no PDF: ${firstLine}`, {
      cause: error,
    });
  }
  try {
    const page = await browser.newPage({
      viewport: { width: PRINT_WIDTH_PX, height: 1100 },
      deviceScaleFactor: 2,
    });
    await page.route('**/*', (route) => route.abort());
    await page.emulateMedia({ media: 'print' });
    await page.setContent(html, { waitUntil: 'load' });
    // Every chart has its canvas and one more frame has been drawn.
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('.chart')).every((chart) => chart.querySelector('canvas')) &&
        new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    return await page.pdf({
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: FOOTER,
    });
  } finally {
    await browser.close();
  }
}
