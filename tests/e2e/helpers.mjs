// Shared steps for the end-to-end tests, and the `test` every spec uses: it fixes the
// browser's clock before any page opens, so no test depends on the day, hour or time zone it
// runs in. The clock sweep (playwright.config.mjs) runs the date-sensitive tests again at
// other moments and in other zones through the same two options.
import { test as base, expect } from '@playwright/test';

export { expect };

/** The moment a test runs at unless told otherwise: a Wednesday in mid-month, mid-morning. */
export const DEFAULT_MOMENT = '2026-11-18T11:00';

/** The clock option, and a context whose clock is fixed at `moment` in its zone. */
export const test = base.extend({
  /** Local wall-clock time (`YYYY-MM-DDTHH:MM`) that `Date.now()` returns in every page. */
  moment: [DEFAULT_MOMENT, { option: true }],
  /** Keep the page's performance marks real (the fake clock makes them no-ops). */
  performanceMarks: [false, { option: true }],
  context: async ({ context, moment, timezoneId, performanceMarks }, use) => {
    if (performanceMarks) await context.addInitScript(keepPerformanceMarks);
    await context.clock.setFixedTime(instant(moment, timezoneId));
    await use(context);
  },
});

/**
 * Runs in the page before the clock's fake is installed: when the fake `performance` is put
 * in place, its marks and entries are pointed back at the real ones (`now()` stays fake).
 */
function keepPerformanceMarks() {
  const real = window.performance;
  const kept = ['mark', 'measure', 'getEntries', 'getEntriesByName', 'getEntriesByType', 'clearMarks', 'clearMeasures'];
  let current = real;
  Object.defineProperty(window, 'performance', {
    configurable: true,
    get: () => current,
    set: (fake) => {
      for (const key of kept) fake[key] = real[key].bind(real);
      current = fake;
    },
  });
}

/** The epoch milliseconds at which the wall clock of `zone` reads `moment` (`YYYY-MM-DDTHH:MM`). */
export function instant(moment, zone) {
  const wall = wallMs(moment);
  const offset = (t) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    }).formatToParts(new Date(t));
    const v = (type) => Number(parts.find((p) => p.type === type).value);
    return Date.UTC(v('year'), v('month') - 1, v('day'), v('hour'), v('minute'), v('second')) - t;
  };
  // Twice: the offset at the first guess may differ from the one at the answer (DST).
  let t = wall - offset(wall);
  t = wall - offset(t);
  if (t + offset(t) !== wall) throw new Error(`${moment} does not exist in ${zone}`);
  return t;
}

/** Milliseconds of a wall-clock moment as if it were UTC: calendar arithmetic, no zone. */
function wallMs(moment) {
  const [date, time = '00:00'] = moment.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return Date.UTC(y, m - 1, d, hh, mm);
}

/** The local date `offset` days from `moment`'s, as `YYYY-MM-DD`. */
export function isoDay(moment, offset = 0) {
  return new Date(wallMs(moment.slice(0, 10)) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** The app's stamp (wall-clock minutes since 1970) of the date `offset` days from `moment`'s, at `hour`:00. */
export function stampOf(moment, offset = 0, hour = 10) {
  return wallMs(isoDay(moment, offset)) / 60_000 + hour * 60;
}

/** `moment`'s month (1-12), year and day of the week (0 = Sunday). */
export function parts(moment) {
  const d = new Date(wallMs(moment));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** Opens the app on a view with an empty storage and the given UI language. */
export async function open(page, view = 'data', lang = 'en') {
  await page.goto(`./#/${view}`);
  await page.evaluate((l) => localStorage.setItem('voronka.lang', JSON.stringify(l)), lang);
}

/** First launch: picks how to start (demo, templates, blank) and waits for the save. */
export async function start(page, choice = 'demo') {
  await page.click(`[data-start=${choice}]`);
  await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'saved');
}

/** The number shown in the Data view's summary for `key` (deals, directions, …). */
export async function count(page, key) {
  const text = await page.locator(`[data-count=${key}] dd`).textContent();
  return Number(text.replace(/[^0-9]/g, ''));
}

/** Downloads the export and returns its text and file name. */
export async function exportText(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export]')]);
  const fs = await import('node:fs/promises');
  return { name: download.suggestedFilename(), text: await fs.readFile(await download.path(), 'utf8') };
}

/** Picks a file for import through the file input (large ones go through a temp file). */
export async function importFile(page, name, content) {
  const buffer = Buffer.isBuffer(content) ? content : Buffer.from(content);
  if (buffer.length > 10 * 1024 * 1024) {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const path = join(mkdtempSync(join(tmpdir(), 'voronka-')), name);
    writeFileSync(path, buffer);
    await page.setInputFiles('input[data-action=import-file]', path);
    return;
  }
  await page.setInputFiles('input[data-action=import-file]', { name, mimeType: 'application/json', buffer });
}

/** All of Voronka's keys in localStorage. */
export async function storedKeys(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k.startsWith('voronka.') && k !== 'voronka.lang') out[k] = localStorage.getItem(k);
    }
    return out;
  });
}
