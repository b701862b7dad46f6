// Draws the app's PNG icons (192 and 512 px, and a maskable 512 px one with the mark inside
// the safe circle) from the SVGs in assets/icons/ with the headless Chromium the tests use.
// The PNGs are committed; run this after changing an SVG: `node scripts/icons.mjs`.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const [svg, size, out] of [
  ['icon.svg', 192, 'icon-192.png'],
  ['icon.svg', 512, 'icon-512.png'],
  ['icon-maskable.svg', 512, 'icon-maskable-512.png'],
]) {
  await page.setViewportSize({ width: size, height: size });
  const markup = readFileSync(`assets/icons/${svg}`, 'utf8').replace('<svg ', `<svg width="${size}" height="${size}" `);
  await page.setContent(`<html><body style="margin:0;background:transparent">${markup}</body></html>`);
  await page.screenshot({ path: `assets/icons/${out}`, omitBackground: true });
}
await browser.close();
