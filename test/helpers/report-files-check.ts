/**
 * What every report test checks of the files a report command wrote: the JSON against the committed
 * JSON Schema (ajv), the CSV row counts, the Chrome trace read back by the studio's own importer, the
 * PDF rendered to PNG pages (pdftoppm), and the HTML opened offline in Chromium: no console error, no
 * request but the file itself, every chart drawn, tooltips, sortable tables, links that land.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { expect } from 'vitest';
import { importChromeTrace } from '../../electron/core/importers/chrome-trace';
import { REPORT_SCHEMA_FILE } from '../../electron/core/report/report-json-schema';
import type { Report } from '../../electron/core/model/report';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve('test/e2e/screenshots');
/** The first series colour of renderer/src/charts/chart-theme.ts (the baseline's bars and points). */
export const FIRST_SERIES_COLOR = '#4c8bf5';

/** The files `--format all` (or `--report-formats all`) writes with the base name `report`. */
export const EVERY_REPORT_FILE = [
  'report.html',
  'report.json',
  'report.layers.csv',
  'report.pdf',
  'report.trace.json',
  'report.variants.csv',
];

/** The report JSON, after checking it against the committed schema. */
export function readValidReport(file: string): Report {
  const schema = JSON.parse(fs.readFileSync(REPORT_SCHEMA_FILE, 'utf8')) as object;
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  const valid = validate(report);
  expect(validate.errors ?? [], `${file} against report.schema.json`).toEqual([]);
  expect(valid).toBe(true);
  return report as Report;
}

/** The records of an RFC 4180 CSV file (quoted fields, doubled quotes, CRLF), header first. */
export function csvRecords(file: string): string[][] {
  const text = fs.readFileSync(file, 'utf8');
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += c;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return records;
}

/** CSV records after the header, each checked to have as many fields as the header. */
export function csvRows(file: string): string[][] {
  const [header, ...rows] = csvRecords(file);
  for (const row of rows) expect(row, file).toHaveLength(header!.length);
  return rows;
}

/** The trace file read back by the studio's Chrome trace importer. */
export async function readTraceBack(file: string) {
  const imported = await importChromeTrace(file);
  expect(imported.traces).toHaveLength(1);
  return imported.traces[0]!;
}

/** Renders each PDF page to a PNG in the screenshots folder; returns the PNG files. */
export function pdfPages(file: string, prefix: string): string[] {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  for (const old of fs.readdirSync(SCREENSHOTS).filter((f) => f.startsWith(`${prefix}-`)))
    fs.rmSync(path.join(SCREENSHOTS, old));
  const result = spawnSync('pdftoppm', ['-r', '60', '-png', file, path.join(SCREENSHOTS, prefix)], {
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  return fs
    .readdirSync(SCREENSHOTS)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => path.join(SCREENSHOTS, f));
}

/** Pixels darker than mid-grey above a page's footer band (text, lines, bars; a blank page has none). */
export async function darkPixelsAboveFooter(png: string): Promise<number> {
  const image = sharp(png);
  const { width, height } = await image.metadata();
  const body = { left: 0, top: 0, width: width!, height: Math.floor(height! * 0.92) };
  const { data, info } = await image.extract(body).greyscale().raw().toBuffer({ resolveWithObject: true });
  let dark = 0;
  for (let i = 0; i < info.width * info.height; i++) if (data[i]! < 128) dark++;
  return dark;
}

/** Renders the PDF to PNG pages (kept for a person to look at) and checks there are enough, none blank. */
export async function expectInkedPdfPages(file: string, prefix: string, atLeast: number): Promise<void> {
  const pages = pdfPages(file, prefix);
  expect(pages.length).toBeGreaterThanOrEqual(atLeast);
  for (const page of pages) expect(await darkPixelsAboveFooter(page), page).toBeGreaterThan(100);
}

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
}

export interface OpenedReport {
  page: Page;
  /** Console errors and warnings, page errors, CSP violations. */
  problems: string[];
  /** Every URL the page asked for. */
  requests: string[];
}

export async function openReport(browser: Browser, file: string): Promise<OpenedReport> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href);
  await page.locator('.report').waitFor();
  // Every chart has drawn its first frame.
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('.chart')).every((chart) => chart.querySelector('canvas')),
  );
  await page.waitForTimeout(1200); // echarts' entry animation
  return { page, problems, requests };
}

/** Per chart: its accessible name and how many of its canvas pixels are not transparent. */
export async function drawnCharts(page: Page): Promise<{ label: string; drawn: number }[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.chart')).map((chart) => {
      const canvas = chart.querySelector('canvas')!;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let drawn = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) drawn += 1;
      return { label: chart.getAttribute('aria-label') ?? '', drawn };
    }),
  );
}

/** Body rows of the table with this accessible name. */
export function tableRows(page: Page, label: string) {
  return page.getByRole('table', { name: label, exact: true }).locator('tbody tr');
}

/**
 * Hovers the first pixel of `color` (#rrggbb) in the chart named `label` and says whether the chart's
 * picture changed: the tooltip is drawn on the chart's canvas (richText, for the CSP).
 */
export async function tooltipAppears(page: Page, label: string, color: string): Promise<boolean> {
  const chart = page.getByRole('img', { name: label, exact: true });
  await chart.scrollIntoViewIfNeeded();
  const point = await chart.evaluate((element, hex) => {
    const canvas = element.querySelector('canvas')!;
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const { data, width } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) < 6) {
        const scale = canvas.width / canvas.getBoundingClientRect().width;
        const box = canvas.getBoundingClientRect();
        return {
          x: box.left + ((i / 4) % width) / scale + 2,
          y: box.top + Math.floor(i / 4 / width) / scale + 2,
        };
      }
    }
    return null;
  }, color);
  if (!point) return false;
  const before = await chart.screenshot();
  await page.mouse.move(point.x, point.y);
  await page.waitForTimeout(400);
  const after = await chart.screenshot();
  await page.mouse.move(0, 0);
  return !before.equals(after);
}

/** Hrefs of in-page links whose target element is missing. */
export async function brokenAnchors(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('a[href^="#"]'))
      .map((a) => a.getAttribute('href')!)
      .filter((href) => !document.getElementById(decodeURIComponent(href.slice(1)))),
  );
}

/** Screenshots of the page, one per viewport height, for a person to look at. */
export async function screenshotPages(page: Page, prefix: string, limit = 6): Promise<string[]> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const files: string[] = [];
  for (let y = 0, i = 0; y < height && i < limit; y += 900, i++) {
    const file = path.join(SCREENSHOTS, `${prefix}-${i}.png`);
    await page.screenshot({
      path: file,
      fullPage: true,
      clip: { x: 0, y, width: 1280, height: Math.min(900, height - y) },
    });
    files.push(file);
  }
  return files;
}
