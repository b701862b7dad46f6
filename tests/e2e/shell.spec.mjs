// The shell as a person uses it: every view, the language switch, reload, a phone width.
import { test, expect } from './helpers.mjs';
import { mkdirSync } from 'node:fs';

const shots = 'tests/e2e/screenshots';
mkdirSync(shots, { recursive: true });

/** Fails the test on any request to another host and on any page error. */
function guard(page) {
  const foreign = [];
  const errors = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol !== 'data:') foreign.push(r.url());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { foreign, errors };
}

test.describe('shell', () => {
  test.use({ locale: 'en-US' });

  test('navigates every view, switches language and keeps it across reloads', async ({ page }) => {
    const seen = guard(page);
    await page.goto('./');
    await expect(page.locator('.brand-name')).toHaveText('Voronka');
    await page.click('[data-start=blank]');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    const views = [
      ['today', 'Today'],
      ['board', 'Board'],
      ['directions', 'Directions and stages'],
      ['plans', 'Sales plans'],
      ['data', 'Data'],
    ];
    for (const [view, title] of views) {
      await page.click(`.nav-link[data-view=${view}]`);
      await expect(page).toHaveURL(new RegExp(`#/${view}$`));
      await expect(page.locator('.view-title')).toHaveText(title);
      await expect(page.locator(`.nav-link[data-view=${view}]`)).toHaveAttribute('aria-current', 'page');
    }

    // Back and Forward walk the views the links opened; a Ctrl+click is the browser's own.
    await page.goBack();
    await expect(page).toHaveURL(/#\/plans$/);
    await expect(page.locator('.view-title')).toHaveText('Sales plans');
    await page.goBack();
    await expect(page.locator('.view-title')).toHaveText('Directions and stages');
    await page.goForward();
    await expect(page.locator('.view-title')).toHaveText('Sales plans');
    await page.click('.nav-link[data-view=data]');
    await expect(page.locator('.view-title')).toHaveText('Data');

    await page.click('.lang-button[data-lang=ru]');
    await expect(page.locator('.brand-name')).toHaveText('Воронка');
    await expect(page.locator('.view-title')).toHaveText('Данные');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page).toHaveTitle('Воронка — Воронка продаж прямо в браузере');
    await page.screenshot({ path: `${shots}/shell-ru-desktop.png`, fullPage: true });

    await page.reload();
    await expect(page.locator('.brand-name')).toHaveText('Воронка');
    await expect(page.locator('.view-title')).toHaveText('Данные', { timeout: 10_000 });
    await expect(page.locator('.nav-link[data-view=board]')).toHaveText('Доска');

    await page.click('.lang-button[data-lang=en]');
    await page.click('.nav-link[data-view=board]');
    await expect(page.locator('.view-title')).toHaveText('Board');
    await page.screenshot({ path: `${shots}/shell-en-desktop.png`, fullPage: true });

    expect(seen.foreign).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  test('is keyboard navigable', async ({ page }) => {
    await page.goto('./');
    await expect(page.locator('.brand-name')).toHaveText('Voronka');
    await page.click('[data-start=blank]');
    await page.reload();
    await expect(page.locator('.nav-link[data-view=plans]')).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.locator('.skip-link')).toBeFocused();
    // Tab through to the Plans link and open it with Enter.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if (await page.locator('.nav-link[data-view=plans]').evaluate((el) => el === document.activeElement)) break;
    }
    await expect(page.locator('.nav-link[data-view=plans]')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('.view-title')).toHaveText('Sales plans');
    // The language buttons are reachable and work with Space.
    await page.locator('.lang-button[data-lang=ru]').focus();
    await page.keyboard.press('Space');
    await expect(page.locator('.view-title')).toHaveText('Планы продаж');
  });
});

test.describe('browser language', () => {
  test.use({ locale: 'ru-RU' });

  test('starts in Russian for a Russian browser, on a phone width', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 720 });
    await page.goto('./');
    await expect(page.locator('.brand-name')).toHaveText('Воронка');
    await expect(page.locator('.nav-link[data-view=directions]')).toBeVisible();
    // Every view's link is in sight, none behind the navigation's edge, at 375 px and at
    // the narrowest phones' 320 px (it used to be one row scrolled sideways, with Data and
    // Analytics out of sight and no scrollbar to tell).
    for (const width of [375, 320]) {
      await page.setViewportSize({ width, height: 720 });
      const clipped = await page.evaluate(() => {
        const nav = document.querySelector('.nav').getBoundingClientRect();
        return [...document.querySelectorAll('.nav-link')]
          .filter((a) => {
            const r = a.getBoundingClientRect();
            return r.left < nav.left - 0.5 || r.right > nav.right + 0.5 || a.scrollWidth > a.clientWidth;
          })
          .map((a) => a.dataset.view);
      });
      expect(clipped, `at ${width} px`).toEqual([]);
    }
    await page.setViewportSize({ width: 375, height: 720 });
    // Nothing overflows the phone's width.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${shots}/shell-ru-phone.png`, fullPage: true });
  });
});
