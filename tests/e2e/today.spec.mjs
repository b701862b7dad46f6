// Today: overdue, due-today, next-7-days and undated stage tasks across directions, the badge,
// done / move on (confirmed) / snooze on the row, each undone; reload; keyboard only.
import { test, expect, open, start, importFile, instant, isoDay, stampOf, parts } from './helpers.mjs';

/** The app's stamp of the date `offset` days from the test's moment, at 10:00. */
const stamp = (moment, offset) => stampOf(moment, offset, 10);

/** The next Monday after the test's day. */
function nextMonday(moment) {
  return isoDay(moment, 7 - ((parts(moment).weekday + 6) % 7));
}

function workspace(lang, moment) {
  const ru = lang === 'ru';
  const task = (title, checklist = []) => ({ title, checklist, due_days: 3 });
  const stages = [
    { id: 10, name: ru ? 'Первый контакт' : 'First contact', kind: 'Open', color: '#4f7cff', probability: 10, task: task(ru ? 'Позвонить клиенту' : 'Call the client', ru ? ['Позвонить', 'Записать итоги'] : ['Call', 'Write down']) },
    { id: 11, name: ru ? 'КП' : 'Proposal', kind: 'Open', color: '#4f7cff', probability: 40, task: task(ru ? 'Отправить КП' : 'Send the proposal') },
    { id: 12, name: ru ? 'Договор' : 'Contract', kind: 'Open', color: '#4f7cff', probability: 80, task: task(ru ? 'Подписать договор' : 'Sign the contract') },
    { id: 13, name: ru ? 'Успешно' : 'Won', kind: 'Won', color: '#2e9e5b' },
    { id: 14, name: ru ? 'Провалено' : 'Lost', kind: 'Lost', color: '#c8504b' },
  ];
  const deal = (id, title, stage, due, extra = {}) => ({
    id, title, amount: 1000000, owner: 1, direction: 2, stage, created_at: stamp(moment, -10),
    tasks: due === undefined ? [] : [{ stage, done: false, checked: [], ...(due === null ? {} : { due }) }],
    history: [{ from: null, to: stage, at: stamp(moment, -10) }],
    ...extra,
  });
  return {
    app: 'voronka', schema_version: 1, saved_at: '2026-11-27T10:00:00Z', revision: 1,
    data: {
      currency: ru ? 'Rub' : 'Usd', loss_reasons: [ru ? 'Дорого' : 'Too expensive'],
      employees: [{ id: 1, name: ru ? 'Анна Смирнова' : 'Ann Smith', active: true }],
      directions: [{ id: 2, name: ru ? 'Продажи' : 'Sales', stages, archived: false }],
      deals: [
        deal(20, ru ? 'Просроченная поставка' : 'Overdue supply', 10, isoDay(moment, -3)),
        deal(21, ru ? 'Сегодняшний звонок' : 'Call today', 10, isoDay(moment, 0)),
        deal(22, ru ? 'На неделе' : 'This week', 11, isoDay(moment, 2)),
        deal(23, ru ? 'Без срока' : 'No date', 12),
        deal(24, ru ? 'Потом' : 'Later', 11, isoDay(moment, 20)),
        { ...deal(25, ru ? 'Выполнено' : 'Done already', 10, isoDay(moment, -1)), tasks: [{ stage: 10, done: true, checked: [], due: isoDay(moment, -1) }] },
        { ...deal(26, ru ? 'Выигранная' : 'Won one', 13), closed_at: stamp(moment, -1) },
      ],
      plans: [],
      next_id: 30,
    },
  };
}

async function load(page, lang, moment) {
  await open(page, 'data', lang);
  await page.reload();
  await start(page, 'blank');
  await page.click('.nav-link[data-view=data]');
  await importFile(page, 'today.json', JSON.stringify(workspace(lang, moment)));
  await page.click('[data-action=confirm-import]');
  await expect(page.getByTestId('import-done')).toBeVisible();
  // With deals, the app opens on Today.
  await page.goto('./');
  await expect(page.locator('section[data-view=today]')).toBeVisible();
}

const row = (page, title) => page.locator('.today-row', { hasText: title });
const group = (page, key) => page.locator(`.today-group[data-group=${key}]`);

test.describe('in Russian', () => {
  test.use({ locale: 'ru-RU' });

  test('groups, badge, done, move on, snooze, each undone, and a reload @clock', async ({ page, moment }) => {
    await load(page, 'ru', moment);
    await expect(page.locator('.nav-link[data-view=today]')).toHaveAttribute('aria-current', 'page');
    const badge = page.getByTestId('today-badge');
    await expect(badge).toHaveText('2');
    await expect(page.locator('.nav-link[data-view=today]')).toContainText('2 задачи просрочены или на сегодня');
    await expect(group(page, 'overdue')).toContainText('Просрочено · 1 задача');
    await expect(group(page, 'overdue')).toContainText('Просроченная поставка');
    await expect(row(page, 'Просроченная поставка').getByTestId('today-due')).toContainText('просрочено на 3 дня');
    await expect(row(page, 'Просроченная поставка')).toContainText('Продажи › Первый контакт');
    await expect(row(page, 'Просроченная поставка').getByTestId('today-progress')).toHaveText('0/2');
    await expect(group(page, 'today')).toContainText('Сегодняшний звонок');
    await expect(group(page, 'week')).toContainText('На неделе');
    await expect(group(page, 'undated')).toContainText('Без срока');
    await expect(page.locator('.today-row')).toHaveCount(4);
    await page.screenshot({ path: 'tests/e2e/screenshots/view-today-ru-1440.png', fullPage: true });

    // A checklist item ticked on the row.
    await row(page, 'Просроченная поставка').getByRole('checkbox', { name: 'Позвонить' }).check();
    await expect(row(page, 'Просроченная поставка').getByTestId('today-progress')).toHaveText('1/2');
    await page.locator('body').press('Control+z');
    await expect(row(page, 'Просроченная поставка').getByTestId('today-progress')).toHaveText('0/2');

    // Done: the row leaves, the badge counts one less; undo brings both back.
    await row(page, 'Сегодняшний звонок').locator('[data-action=task-done]').click();
    await expect(row(page, 'Сегодняшний звонок')).toHaveCount(0);
    await expect(badge).toHaveText('1');
    await expect(page.getByTestId('today-announce')).toContainText('Задача «Позвонить клиенту» по сделке «Сегодняшний звонок» выполнена.');
    await page.locator('body').press('Control+z');
    await expect(row(page, 'Сегодняшний звонок')).toHaveCount(1);
    await expect(badge).toHaveText('2');
    // The status says what the undo did, and the redo what it did again.
    await expect(page.getByTestId('today-announce')).toHaveText('Отменено: задача «Позвонить клиенту» по сделке «Сегодняшний звонок» снова не выполнена.');
    await page.locator('body').press('Control+Shift+z');
    await expect(row(page, 'Сегодняшний звонок')).toHaveCount(0);
    await expect(page.getByTestId('today-announce')).toHaveText('Задача «Позвонить клиенту» по сделке «Сегодняшний звонок» выполнена.');
    await page.locator('body').press('Control+z');
    await expect(row(page, 'Сегодняшний звонок')).toHaveCount(1);

    // Move on, confirmed: the next stage's task and due date appear at once.
    await row(page, 'Просроченная поставка').locator('[data-action=move-on]').click();
    await expect(page.getByTestId('confirm-task')).toContainText('«Позвонить клиенту»');
    await page.click('[data-action=confirm-move]');
    await expect(row(page, 'Просроченная поставка')).toContainText('Продажи › КП');
    await expect(row(page, 'Просроченная поставка')).toContainText('Отправить КП');
    await expect(row(page, 'Просроченная поставка').getByTestId('today-due-input')).toHaveValue(isoDay(moment, 3));
    await expect(group(page, 'week')).toContainText('Просроченная поставка');
    await expect(badge).toHaveText('1');
    await page.locator('body').press('Control+z');
    await expect(group(page, 'overdue')).toContainText('Просроченная поставка');
    await expect(badge).toHaveText('2');
    await expect(page.getByTestId('today-announce')).toHaveText('Отменено: сделка «Просроченная поставка» снова на этапе «Первый контакт».');

    // Snooze to next Monday, then undo.
    await row(page, 'Сегодняшний звонок').getByTestId('today-snooze').selectOption('monday');
    await expect(row(page, 'Сегодняшний звонок').getByTestId('today-due-input')).toHaveValue(nextMonday(moment));
    await expect(group(page, 'week')).toContainText('Сегодняшний звонок');
    await expect(badge).toHaveText('1');
    await page.locator('body').press('Control+z');
    await expect(group(page, 'today')).toContainText('Сегодняшний звонок');

    // A date of the user's choosing, kept over a reload.
    await row(page, 'Без срока').getByTestId('today-due-input').fill(isoDay(moment, 1));
    await expect(group(page, 'week')).toContainText('Без срока');
    await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'saved');
    await page.reload();
    await expect(group(page, 'week')).toContainText('Без срока');
    await expect(badge).toHaveText('2');
  });

  test('the list works by keyboard alone, with announcements', async ({ page, moment }) => {
    await load(page, 'ru', moment);
    const rows = page.locator('.today-row');
    await rows.first().focus();
    await expect(rows.first()).toContainText('Просроченная поставка');
    await page.keyboard.press('ArrowDown');
    await expect(rows.nth(1)).toBeFocused();
    await expect(rows.nth(1)).toContainText('Сегодняшний звонок');
    // Space: done; focus stays at that place, now the next row.
    await page.keyboard.press('Space');
    await expect(page.getByTestId('today-announce')).toContainText('по сделке «Сегодняшний звонок» выполнена');
    await expect(rows.nth(1)).toContainText('На неделе');
    await expect(rows.nth(1)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(rows.first()).toBeFocused();
    // N: move on, confirmed from the keyboard.
    await page.keyboard.press('n');
    await expect(page.getByTestId('confirm-task')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('today-announce')).toContainText('Сделка «Просроченная поставка» перешла на этап «КП».');
    await expect(rows.first()).toBeFocused();
    // Enter opens the deal; Escape closes it.
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('deal-editor')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('deal-editor')).toHaveCount(0);
  });

  test('at midnight the groups move on while the page stays open @clock', async ({ page, moment, timezoneId }) => {
    await page.clock.install({ time: instant(`${isoDay(moment)}T23:58`, timezoneId) });
    await load(page, 'ru', moment);
    await expect(group(page, 'today')).toContainText('Сегодняшний звонок');
    await page.clock.fastForward('03:00');
    await expect(group(page, 'overdue')).toContainText('Сегодняшний звонок');
    await expect(row(page, 'Сегодняшний звонок').getByTestId('today-due')).toContainText('просрочено на 1 день');
    await expect(page.getByTestId('today-badge')).toHaveText('2');
  });

  test('fits a 390 px phone', async ({ page, moment }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await load(page, 'ru', moment);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: 'tests/e2e/screenshots/view-today-ru-390.png', fullPage: true });
  });
});

test.describe('in English', () => {
  test.use({ locale: 'en-US' });

  test('groups and the badge in English, the owner filter remembered', async ({ page, moment }) => {
    await load(page, 'en', moment);
    await expect(page.getByTestId('today-badge')).toHaveText('2');
    await expect(page.locator('.nav-link[data-view=today]')).toContainText('2 tasks overdue or due today');
    await expect(group(page, 'overdue')).toContainText('Overdue · 1 task');
    await expect(row(page, 'Overdue supply').getByTestId('today-due')).toContainText('3 days overdue');
    await expect(group(page, 'week')).toContainText('Next 7 days');
    await expect(group(page, 'undated')).toContainText('No due date');
    // One active employee: the list starts filtered to her; everyone is remembered once chosen.
    await expect(page.getByTestId('today-owner')).toHaveValue('1');
    await page.getByTestId('today-owner').selectOption('');
    await page.reload();
    await expect(page.getByTestId('today-owner')).toHaveValue('');
    await page.screenshot({ path: 'tests/e2e/screenshots/view-today-en-1440.png', fullPage: true });
  });
});
