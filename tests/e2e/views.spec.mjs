// Every view and dialog of the demo workspace, in Russian and English: no accessibility
// violation of impact serious or critical (axe-core), nothing spills past a 390 px phone, and
// a screenshot of each at 1440 px and 390 px (tests/e2e/screenshots/, looked at by a person).
import { mkdirSync, readFileSync } from 'node:fs';
import { test, expect, open, start, exportText, importFile } from './helpers.mjs';

const shots = 'tests/e2e/screenshots';
mkdirSync(shots, { recursive: true });

/** axe-core's violations of impact serious or critical on the page as it is now. */
async function seriousViolations(page) {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

async function documentOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Elements that spill past the screen's right edge or out of their view's padded box,
 * outside the places meant to scroll sideways (the board's columns, the plans grid). */
async function spilled(page) {
  return page.evaluate(() => {
    const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      const view = el.parentElement && el.parentElement.closest('.view');
      let edge = window.innerWidth;
      if (view) {
        const v = view.getBoundingClientRect();
        edge = Math.min(edge, v.right - parseFloat(getComputedStyle(view).paddingRight));
      }
      if (r.width <= 1 || r.right <= edge + 0.5) continue;
      let a = el.parentElement;
      while (a && !scrolls(a)) a = a.parentElement;
      if (!a) out.push(`${el.tagName.toLowerCase()}.${el.className} right ${Math.round(r.right)}`);
    }
    return out.slice(0, 8);
  });
}

const views = ['today', 'board', 'directions', 'plans', 'analytics', 'data'];

/** A Bitrix24 export with a bad row, a dollar deal and a new pipeline: every part of the
 * CSV mapping screen shows. */
const csvFixture = () => readFileSync(new URL('../../crates/core/tests/fixtures/crm/bitrix24_ru.csv', import.meta.url));

/** The dialogs, each opened from its view and closed again with Escape. */
const dialogs = {
  'deal-editor': async (page) => {
    await page.click('.nav-link[data-view=board]');
    await page.locator('.deal-card .deal-title').first().click();
    return page.getByTestId('deal-editor');
  },
  'move-dialog': async (page) => {
    await page.click('.nav-link[data-view=board]');
    await page.locator('.deal-card [data-action=move-to]').first().click();
    return page.getByTestId('move-stage');
  },
  'delete-direction': async (page) => {
    await page.click('.nav-link[data-view=directions]');
    await page.locator('[data-action=delete-direction]').click();
    return page.getByTestId('delete-direction');
  },
  'delete-stage': async (page) => {
    await page.click('.nav-link[data-view=directions]');
    await page.locator('.stage-item [data-action=delete-stage]').first().click();
    return page.getByTestId('delete-stage');
  },
  'edit-stage': async (page) => {
    await page.click('.nav-link[data-view=directions]');
    await page.locator('.stage-item [data-action=edit-stage]').first().click();
    return page.getByTestId('stage-form');
  },
  'import-preview': async (page) => {
    await page.click('.nav-link[data-view=data]');
    const { name, text } = await exportText(page);
    await importFile(page, name, text);
    return page.getByTestId('import-preview');
  },
  'csv-import': async (page) => {
    await page.click('.nav-link[data-view=data]');
    await importFile(page, 'bitrix24.csv', csvFixture());
    return page.getByTestId('csv-import');
  },
  'analytics-deals': async (page) => {
    await page.click('.nav-link[data-view=analytics]');
    await page.locator('[data-section=funnel] [data-action=show-deals]').first().click();
    return page.getByTestId('analytics-deals');
  },
  'won-deals': async (page) => {
    await page.click('.nav-link[data-view=plans]');
    await page.getByTestId('gauge-company').locator('.gauge').click();
    return page.getByTestId('won-deals');
  },
};

for (const lang of ['en', 'ru']) {
  test.describe(`${lang}`, () => {
    test.use({ locale: lang === 'ru' ? 'ru-RU' : 'en-US' });

    test(`every view and dialog passes axe at 1440 px (${lang})`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: 1440, height: 900 });
      await open(page, 'board', lang);
      await page.reload();
      await start(page, 'demo');
      // Every place is scanned before the verdict, so that one run lists everything to fix.
      const found = {};
      for (const view of views) {
        await page.click(`.nav-link[data-view=${view}]`);
        await expect(page.locator(`[data-view=${view}]`).first()).toBeVisible();
        const violations = await seriousViolations(page);
        if (violations.length) found[view] = violations;
        expect(await documentOverflow(page), `${view}, ${lang}`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${shots}/view-${view}-${lang}-1440.png`, fullPage: true });
      }
      for (const [name, openDialog] of Object.entries(dialogs)) {
        const dialog = await openDialog(page);
        await expect(dialog).toBeVisible();
        const violations = await seriousViolations(page);
        if (violations.length) found[name] = violations;
        await page.screenshot({ path: `${shots}/dialog-${name}-${lang}-1440.png`, fullPage: name === 'csv-import' });
        if (name === 'import-preview' || name === 'csv-import') await page.click('[data-action=cancel-import]');
        else await page.keyboard.press('Escape');
        if (name === 'edit-stage') await page.locator('.stage-item [data-action=edit-stage]').first().click();
        await expect(dialog).toHaveCount(0);
      }
      expect(found, lang).toEqual({});
    });

    test(`every view fits a 390 px phone (${lang})`, async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await open(page, 'board', lang);
      await page.reload();
      await start(page, 'demo');
      for (const view of views) {
        await page.click(`.nav-link[data-view=${view}]`);
        await expect(page.locator(`[data-view=${view}]`).first()).toBeVisible();
        expect(await documentOverflow(page), `${view}, ${lang}`).toBeLessThanOrEqual(0);
        expect(await spilled(page), `${view}, ${lang}`).toEqual([]);
        await page.screenshot({ path: `${shots}/view-${view}-${lang}-390.png`, fullPage: true });
      }
      await importFile(page, 'bitrix24.csv', csvFixture());
      await expect(page.getByTestId('csv-import')).toBeVisible();
      expect(await documentOverflow(page), `csv import, ${lang}`).toBeLessThanOrEqual(0);
      expect(await spilled(page), `csv import, ${lang}`).toEqual([]);
      await page.getByTestId('csv-import').screenshot({ path: `${shots}/dialog-csv-import-${lang}-390.png` });
    });
  });
}
