/**
 * The Model view in Chromium against the real `serve`, on MobileNetV2 (a dynamic batch): the headline
 * says costs are unknown until the batch is set; setting it to 1 in the form gives the FLOPs that
 * core's inspectModel (what `trt-studio inspect --shape` prints) gives for the same shape; the charts
 * draw at one height; the node table sorts and filters; a lint's node link selects its row; the
 * device picker re-judges the bound; "measure shapes by running" runs the inspect job in the worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelNodeRows } from '../../electron/core/model/node-rows';
import { inspectModel } from '../../electron/core/onnx/inspect-model';
import { formatUnit } from '../../electron/core/model/units';
import { fixture } from '../helpers/fixtures';
import { drawnPixels, dropFiles, openStudio, screenshotAll, type Studio } from './studio-page';

const MOBILENET = fixture('models', 'mobilenet_v2_128_0.5.onnx');
const YOLOX = fixture('models', 'yolox_nano_416.onnx');
const SHAPE = { 'input_1:0': [1, 3, 128, 128] };

describe('serve: the Model view', () => {
  let studio: Studio;
  const withBatch = inspectModel(MOBILENET, { shapes: SHAPE });

  beforeAll(async () => {
    studio = await openStudio();
    await dropFiles(studio.page, [MOBILENET]);
    await studio.page.locator('.app-main[data-view="model"]').waitFor();
  });

  afterAll(async () => {
    await studio?.close();
  });

  const card = (term: string) =>
    studio.page.locator('.cards > .card').filter({ hasText: term }).locator('dd');

  it('says the costs are unknown while the batch is not set, and explains the empty charts', async () => {
    const { page } = studio;
    expect(await card('FLOPs').innerText()).toBe('unknown\nshapes unknown');
    expect(await page.getByRole('note', { name: 'Top op types by FLOPs' }).innerText()).toContain(
      'the shapes are unknown, so no node is costed',
    );
    await screenshotAll(page, 'model-shapes-unknown');
  });

  it('batch 1 in the form gives the FLOPs of inspect --shape input_1:0:1x3x128x128', async () => {
    const { page } = studio;
    expect(withBatch.totals.flops).toBeGreaterThan(0);
    await page.getByRole('spinbutton', { name: 'input_1:0 dimension 0 (unk__150)' }).fill('1');
    await page.getByRole('button', { name: 'Apply shapes' }).click();
    await page.getByTestId('cost-headline').waitFor({ state: 'detached' });
    expect(await card('FLOPs').innerText()).toBe(formatUnit(withBatch.totals.flops, 'FLOPs'));
    expect(await page.locator('.io-card').first().innerText()).toContain('[1, 3, 128, 128]');
  });

  it('draws both op-type charts, at the same height', async () => {
    const { page } = studio;
    const charts = page.locator('.charts .chart');
    await charts.nth(1).locator('canvas').waitFor();
    const boxes = await Promise.all(
      [0, 1].map(async (index) => (await charts.nth(index).boundingBox())!.height),
    );
    expect(boxes[0]).toBe(boxes[1]);
    for (const pixels of await drawnPixels(page, '.charts .chart canvas'))
      expect(pixels).toBeGreaterThan(1000);
    await screenshotAll(page, 'model');
  });

  it('the node table sorts by FLOPs and filters by text', async () => {
    const { page } = studio;
    const table = page.getByTestId('node-table');
    const rows = modelNodeRows(withBatch);
    expect(await table.locator('.data-table-count').innerText()).toBe(`${rows.length} rows`);
    await table.getByRole('columnheader', { name: /FLOPs/ }).getByRole('button').click();
    const top = [...rows].sort((a, b) => (b.flops ?? -1) - (a.flops ?? -1))[0]!;
    const first = table.locator('.data-table-body [role="row"]').first();
    expect(await first.locator('[role="cell"]').nth(1).innerText()).toBe(top.name);
    await table.getByRole('searchbox').fill('Conv');
    const conv = rows.filter((row) =>
      [row.name, row.opType, row.outputShapes].some((text) => text.includes('Conv')),
    );
    expect(await table.locator('.data-table-count').innerText()).toBe(
      `${conv.length} of ${rows.length} rows`,
    );
    await table.getByRole('searchbox').fill('');
  });

  it("a lint's node link selects that node's row and puts it in the URL", async () => {
    const { page } = studio;
    const lint = withBatch.lints.find((item) => item.nodes.length > 0)!;
    const node = lint.nodes[0]!;
    await page
      .getByRole('region', { name: 'Lints' })
      .getByRole('link', { name: node, exact: true })
      .first()
      .click();
    const selected = page.getByTestId('node-table').locator('[role="row"][aria-selected="true"]');
    await selected.waitFor();
    expect(await selected.locator('[role="cell"]').nth(1).innerText()).toBe(node);
    expect(decodeURIComponent(page.url())).toContain(`layer=${node}`);
  });

  it('the device picker judges the bound against another device', async () => {
    const { page } = studio;
    const a100 = inspectModel(MOBILENET, { shapes: SHAPE, device: 'a100' });
    const picker = page.getByLabel('Device for the bound');
    await picker.selectOption({ label: a100.ceilings.name });
    await page.locator('.model-headline .status').waitFor({ state: 'detached' });
    // The picker shows the device the model on screen was judged against: A100 once re-inspected.
    expect(await picker.locator('option:checked').innerText()).toBe(a100.ceilings.name);
    expect(await card('Device for the bound').innerText()).toContain('datasheet ceilings');
    const table = page.getByTestId('node-table');
    await table.getByRole('combobox').nth(1).selectOption('memory');
    const rows = modelNodeRows(a100);
    const memory = rows.filter((row) => row.bound === 'memory' && !row.folded).length;
    const count = memory === rows.length ? `${memory} rows` : `${memory} of ${rows.length} rows`;
    await table.locator('.data-table-count').filter({ hasText: count }).waitFor();
    await table.getByRole('combobox').nth(1).selectOption('all');
  });

  it('"measure shapes by running" runs the inspect job in the worker and keeps the model costed', async () => {
    const { page } = studio;
    await page.getByRole('button', { name: 'Measure shapes by running' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Shapes measured by running the model once.' })
      .waitFor();
    expect(await card('FLOPs').innerText()).toBe(formatUnit(withBatch.totals.flops, 'FLOPs'));
    const chips = await page.getByTestId('job-chip').allInnerTexts();
    expect(chips.some((chip) => chip.includes('measure shapes') && chip.includes('succeeded'))).toBe(true);
  });

  it("YOLOX's Focus shows as the sliced-space-to-depth lint, with the Conv to export instead", async () => {
    const { page } = studio;
    const expected = inspectModel(YOLOX).lints.find((l) => l.id === 'sliced-space-to-depth')!;
    await dropFiles(page, [YOLOX]);
    const lint = page
      .getByRole('region', { name: 'Lints' })
      .locator('li.lint')
      .filter({ hasText: 'sliced-space-to-depth' });
    await lint.waitFor();
    expect(await lint.locator('.message').innerText()).toBe(expected.message);
    expect(await lint.locator('.fix').innerText()).toBe(`fix: ${expected.fix}`);
    // Nine nodes: the first eight as links, the ninth behind "(+1 more)".
    expect(await lint.locator('.node-link').count()).toBe(8);
    await screenshotAll(page, 'model-lint-space-to-depth', () => lint.scrollIntoViewIfNeeded());
  });

  it('ran without page errors, console errors or CSP violations', () => {
    expect(studio.problems).toEqual([]);
  });
});
