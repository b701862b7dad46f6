// Shared steps for the end-to-end tests.
import { expect } from '@playwright/test';

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
