/**
 * The studio by keyboard alone, in Chromium against the real `serve`: open the sample model from
 * Home, move between views with Space and Enter on the navigation, set the batch and apply it, fill
 * in the Run form and start a run, and reach its session; every control reached shows its focus.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openStudio, type Studio } from './studio-page';

/** What the focused element is called (its accessible name as a user hears it, roughly) and whether focus shows. */
async function focused(page: Page): Promise<{ name: string; role: string; visible: boolean }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { name: '', role: '', visible: false };
    const labelled = element.getAttribute('aria-label');
    const label = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null;
    const wrapping = element.closest('label')?.textContent;
    const name = (labelled ?? label ?? wrapping ?? element.textContent ?? '').trim();
    return { name, role: element.tagName.toLowerCase(), visible: element.matches(':focus-visible') };
  });
}

/** Presses Tab (or Shift+Tab) until the focused element's name matches; fails after `limit` presses. */
async function tabTo(
  page: Page,
  name: RegExp,
  options: { back?: boolean; limit?: number } = {},
): Promise<void> {
  const key = options.back ? 'Shift+Tab' : 'Tab';
  for (let press = 0; press < (options.limit ?? 80); press++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    if (name.test(now.name)) {
      expect(now.visible, `focus on "${now.name}" is not visible`).toBe(true);
      return;
    }
  }
  throw new Error(`${name} was not reached with ${key}`);
}

describe('serve: keyboard only', () => {
  let studio: Studio;

  beforeAll(async () => {
    studio = await openStudio();
    await studio.page.getByRole('button', { name: 'Try the sample model' }).waitFor();
  });

  afterAll(async () => {
    await studio?.close();
  });

  it('opens the sample model from Home with Enter', async () => {
    const { page } = studio;
    await tabTo(page, /^Try the sample model$/);
    await page.keyboard.press('Enter');
    await page.locator('.app-main[data-view="model"]').waitFor();
  });

  it('sets the batch in the shapes form and applies it with Enter', async () => {
    const { page } = studio;
    await tabTo(page, /^image dimension 0 \(batch\)$/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter'); // submits the form
    await page.getByTestId('cost-headline').waitFor({ state: 'detached' });
    expect(await page.locator('.io-card').first().innerText()).toContain('[2, 3, 64, 64]');
  });

  it('moves to the Run view with Space on its navigation link, and back and forth with Enter', async () => {
    const { page } = studio;
    await tabTo(page, /^Session$/, { back: true });
    await page.keyboard.press('Enter');
    await page.locator('.app-main[data-view="session"]').waitFor();
    await tabTo(page, /^Run$/, { back: true });
    await page.keyboard.press('Space');
    await page.locator('.app-main[data-view="run"]').waitFor();
  });

  it('fills in the Run form and starts a run, which opens its session', async () => {
    const { page } = studio;
    await tabTo(page, /^FP16$/);
    await page.keyboard.press('Space');
    await tabTo(page, /^INT8$/);
    await page.keyboard.press('Space');
    expect(await page.getByRole('checkbox', { name: 'INT8' }).isChecked()).toBe(false);
    await tabTo(page, /^Iterations$/);
    await page.keyboard.type('3');
    await tabTo(page, /^Warm-up$/);
    await page.keyboard.type('1');
    await tabTo(page, /^Start the run$/);
    await page.keyboard.press('Enter');
    await page.locator('.app-main[data-view="session"]').waitFor({ timeout: 120_000 });
    const run = studio.server.jobs.list().find((record) => record.job.kind === 'profile')!;
    expect(run.state).toBe('succeeded');
    expect(run.job).toMatchObject({ precisions: ['fp32'], iterations: 3, warmupIterations: 1 });
    expect(await page.locator('.part-card').first().innerText()).toBe('1\nVariants');
  });

  it('ran without page errors, console errors or CSP violations', () => {
    expect(studio.problems).toEqual([]);
  });
});
