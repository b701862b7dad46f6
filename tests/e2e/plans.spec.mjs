// Sales plans: add an employee, set a monthly plan, win one of their deals on the board, and
// see the percent on their gauge and the company's, in both languages.
import { test, expect, open, start, parts } from './helpers.mjs';

const shots = 'tests/e2e/screenshots';
test.use({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });

test('a won deal fills its owner’s gauge and the company’s @clock', async ({ page, moment }) => {
  await open(page, 'plans');
  await page.reload();
  await start(page, 'templates');
  await page.click('.nav-link[data-view=plans]');

  await page.getByTestId('new-employee').fill('Olga Frost');
  await page.click('[data-action=add-employee]');
  const row = page.locator('tr[data-employee]', { hasText: 'Olga Frost' });
  await expect(row).toBeVisible();
  const id = await row.getAttribute('data-employee');
  const { month } = parts(moment);

  const cell = page.getByTestId(`plan-${id}-m${month}`);
  await cell.fill('10 000');
  await cell.press('Tab');
  // Shown with thousands separators once typed.
  await expect(cell).toHaveValue('10,000');
  await expect(page.getByTestId('company-row').locator(`td[data-period="m${month}"]`)).toContainText('$10,000');
  const gauge = page.getByTestId(`gauge-${id}`).locator('.gauge');
  await expect(gauge).toHaveAttribute('data-percent', '0');
  await expect(page.getByTestId('gauge-company').locator('.gauge')).toHaveAttribute('data-percent', '0');

  // The quarter, its half-year and the year show the month's plan as a derived (grey) value.
  const quarter = Math.floor((month - 1) / 3) + 1;
  const half = quarter <= 2 ? 1 : 2;
  for (const key of [`q${quarter}`, `h${half}`, 'y']) {
    const total = page.getByTestId(`plan-${id}-${key}`);
    await expect(total).toHaveValue('');
    await expect(total).toHaveAttribute('placeholder', '10,000');
    await expect(page.locator(`tr[data-employee="${id}"] .plan-cell[data-period="${key}"]`)).toHaveClass(/derived/);
  }
  // The months of the other quarters are folded and unfold on demand; the grid fits the screen.
  const other = quarter === 1 ? 2 : 1;
  const fold = page.locator(`th[data-period=q${other}] .fold-button`);
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId(`plan-${id}-m${other * 3}`)).toHaveCount(0);
  await fold.click();
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId(`plan-${id}-m${other * 3}`)).toBeVisible();
  await fold.click();
  await expect(page.getByTestId(`plan-${id}-m${other * 3}`)).toHaveCount(0);
  const grid = await page.getByTestId('plan-grid').boundingBox();
  expect(grid.x + grid.width).toBeLessThanOrEqual(1400);

  // Win a deal of Olga's on the board.
  await page.click('.nav-link[data-view=board]');
  await page.locator('.column').nth(0).locator('[data-action=add-deal]').click();
  const editor = page.getByTestId('deal-editor');
  await editor.getByTestId('title').fill('Windows for Olga');
  await editor.getByTestId('amount').fill('4000');
  await editor.getByTestId('owner').selectOption({ label: 'Olga Frost' });
  await editor.locator('[data-action=save-deal]').click();
  const card = page.locator('.deal-card', { hasText: 'Windows for Olga' });
  await card.locator('[data-action=move-to]').click();
  await page.getByTestId('move-stage').selectOption({ label: 'Won' });
  await page.locator('[data-action=do-move]').click();
  await page.getByTestId('confirm-task').locator('[data-action=confirm-move]').click();
  await expect(page.locator('.column[data-kind=won] .deal-card')).toHaveCount(1);

  await page.click('.nav-link[data-view=plans]');
  await expect(gauge).toHaveAttribute('data-percent', '40');
  await expect(gauge).toContainText('40%');
  await expect(gauge).toContainText('$4,000 of $10,000');
  await expect(page.getByTestId('gauge-company').locator('.gauge')).toHaveAttribute('data-percent', '40');
  await gauge.click();
  await expect(page.getByTestId('won-deals')).toContainText('Windows for Olga');
  await page.keyboard.press('Escape');
  await page.screenshot({ path: `${shots}/plans-en.png`, fullPage: true });

  await page.click('.lang-button[data-lang=ru]');
  await expect(gauge).toContainText('40\u202f%');
  await expect(gauge).toContainText(/4\s000\s\$ из 10\s000\s\$/);
  await expect(page.getByTestId('gauge-company')).toContainText('Компания');
  await page.screenshot({ path: `${shots}/plans-ru.png`, fullPage: true });

  // Deactivating keeps the plan and the gauge.
  await page.locator(`li.employee[data-employee="${id}"] [data-action=toggle-active]`).click();
  await expect(page.locator(`li.employee[data-employee="${id}"]`)).toHaveClass(/inactive/);
  await expect(gauge).toHaveAttribute('data-percent', '40');
  await page.reload();
  await expect(gauge).toHaveAttribute('data-percent', '40');
});

test('a gauge’s won deals read on a phone: the list opens at its title, no amount or date broken', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, 'plans', 'ru');
  await page.reload();
  await start(page, 'demo');
  await page.getByTestId('gauge-company').locator('.gauge').click();
  const dialog = page.getByTestId('won-deals');
  const title = dialog.locator('.modal-title');
  // The dialog used to open scrolled down to its one button, below the whole list.
  await expect(title).toBeFocused();
  await expect(title).toBeInViewport();
  // Every amount and date on one line (they broke mid-number, "1 99 / 3 00 / 0 ₽").
  const broken = await dialog.locator('.won-table td.num, .won-table td.date').evaluateAll((cells) =>
    cells
      .filter((td) => {
        const range = document.createRange();
        range.selectNodeContents(td);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        return lines.size > 1;
      })
      .map((td) => td.textContent),
  );
  expect(await dialog.locator('.won-table td.num').count()).toBeGreaterThan(5);
  expect(broken).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});
