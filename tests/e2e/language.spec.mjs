// Counts read as a native speaker writes them: «1 сделка, 2 сделки, 5 сделок» on the board,
// in the delete dialogs, in Directions and under a gauge.
import { test, expect, open, start, parts } from './helpers.mjs';

test.use({ locale: 'ru-RU' });

async function addDeal(page, title) {
  await page.locator('.column').nth(0).locator('[data-action=add-deal]').click();
  const editor = page.getByTestId('deal-editor');
  await editor.getByTestId('title').fill(title);
  await editor.getByTestId('amount').fill('1000');
  await editor.locator('[data-action=save-deal]').click();
  await expect(editor).toHaveCount(0);
}

test('Russian counts: 1 сделка, 2 сделки, 5 сделок', async ({ page, moment }) => {
  await open(page, 'board', 'ru');
  await page.reload();
  await start(page, 'templates');
  const totals = page.getByTestId('board-totals');
  const picker = page.getByTestId('direction-picker');

  await addDeal(page, 'Окна для школы');
  await expect(totals).toContainText('В работе: 1 сделка на');
  await expect(picker.locator('option:checked')).toContainText('1 открытая сделка');
  await expect(page.locator('.deal-card .deal-days').first()).toHaveText(/^0 дней на этапе/);

  await addDeal(page, 'Двери для офиса');
  await expect(totals).toContainText('В работе: 2 сделки на');
  await expect(picker.locator('option:checked')).toContainText('2 открытые сделки');

  for (const title of ['Склад', 'Гараж', 'Дача']) await addDeal(page, title);
  await expect(totals).toContainText('В работе: 5 сделок на');
  await expect(totals).toContainText('Успешно: 0 сделок');
  await expect(picker.locator('option:checked')).toContainText('5 открытых сделок');

  await page.click('.nav-link[data-view=directions]');
  await expect(page.locator('.direction-item').first()).toContainText('5 открытых сделок');
  const firstStage = page.getByTestId('stage-editor').locator('.stage-item').first();
  await expect(firstStage).toContainText('5 сделок');
  await firstStage.locator('[data-action=delete-stage]').click();
  await expect(page.getByTestId('delete-stage-count')).toHaveText('5 сделок будут перенесены на выбранный этап:');
  await page.keyboard.press('Escape');
  await page.locator('[data-action=delete-direction]').click();
  await expect(page.getByTestId('delete-direction')).toContainText('5 сделок будут перенесены в другое направление.');
  await page.keyboard.press('Escape');

  await page.click('.nav-link[data-view=plans]');
  const row = page.locator('tr[data-employee]').first();
  const id = await row.getAttribute('data-employee');
  const { month } = parts(moment);
  const deals = row.locator(`.plan-cell[data-period="m${month}"] .plan-deals`);
  const gauge = page.getByTestId(`gauge-${id}`);
  for (const [plan, text] of [['1', '0 из 1 сделки'], ['2', '0 из 2 сделок'], ['5', '0 из 5 сделок'], ['21', '0 из 21 сделки']]) {
    await deals.fill(plan);
    await deals.press('Tab');
    await expect(gauge).toContainText(text);
  }
});
