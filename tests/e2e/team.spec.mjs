// A sales team on one workspace through a CouchDB-protocol server (pouchdb-server here, a real
// CouchDB with COUCHDB_URL): a head of sales creates the team from the demo, a rep joins in a
// browser of their own (another context: other storage, other cookies), changes travel both
// ways, the server refuses what a rep may not change and the browser undoes it, a rep offline
// keeps working and catches up, two people changing one field keep the saved value and are
// told, and a wrong password or a server that does not answer say so.
import { test, expect, open, start, count, instant } from './helpers.mjs';
import {
  COUCH, HEAD, ANNA, connect, createDeal, endSessions, freshDatabase, headCreates, repJoins, secondBrowser, synced,
  teamState, serverDocs, winDeal,
} from './team.mjs';

test.use({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
const shots = 'tests/e2e/screenshots';

test('a head of sales creates the team, a rep joins, changes travel both ways, and what a rep may not change is undone', async ({ page, browser, moment, timezoneId }) => {
  const db = await freshDatabase();
  const employee = await headCreates(page, db);
  await page.click('.nav-link[data-view=data]');
  const deals = await count(page, 'deals');
  const docs = await serverDocs(db);
  expect(docs.filter((d) => d._id.startsWith('deal:'))).toHaveLength(deals);
  expect(docs.find((d) => d._id === 'settings').members).toEqual({ anna: expect.any(Number) });

  const context = await secondBrowser(browser, moment, timezoneId);
  const rep = await context.newPage();
  await repJoins(rep, db);
  await rep.click('.nav-link[data-view=data]');
  expect(await count(rep, 'deals')).toBe(deals);
  await expect(rep.getByTestId('recovery-copy')).toHaveCount(1);
  await expect(rep.getByTestId('team-connected')).toContainText('as anna, sales rep.');
  await expect(rep.getByTestId('team-user')).toHaveText('anna');
  await rep.screenshot({ path: `${shots}/team-en.png`, fullPage: true });

  // The head's new deal reaches the rep's board; the rep's new deal is the rep's own and
  // reaches the head's.
  await createDeal(page, 'Team window', '1 000');
  await rep.click('.nav-link[data-view=board]');
  await expect(rep.locator('.deal-card', { hasText: 'Team window' })).toHaveCount(1);
  await createDeal(rep, 'Rep door', '2 000');
  await synced(rep);
  await expect(page.locator('.deal-card', { hasText: 'Rep door' })).toHaveCount(1);
  await expect(page.locator('.deal-card', { hasText: 'Rep door' }).locator('.deal-owner')).toHaveText(employee);

  // Directions, stages and plans are read-only for a rep, and say why.
  await rep.click('.nav-link[data-view=directions]');
  const note = 'You are a sales rep in this team: only the head of sales changes this, so you see it read-only.';
  await expect(rep.getByTestId('head-only')).toHaveText(note);
  const name = rep.getByTestId('direction-details').getByTestId('direction-name');
  const before = await name.inputValue();
  await expect(name).toBeDisabled();
  await expect(rep.locator('.direction-select').first()).toBeEnabled();
  await rep.click('.nav-link[data-view=plans]');
  await expect(rep.getByTestId('head-only')).toHaveText(note);
  await expect(rep.locator('.plan-amount').first()).toBeDisabled();
  await rep.screenshot({ path: `${shots}/team-rep-plans-en.png`, fullPage: true });
  await expect(rep.locator('[data-action=next-period]')).toBeEnabled();
  await expect(rep.locator('.fold-button').first()).toBeEnabled();
  await expect(rep.getByRole('button', { name: 'Add employee' })).toBeDisabled();
  await page.click('.nav-link[data-view=plans]');
  await expect(page.getByTestId('head-only')).toHaveCount(0);
  await expect(page.locator('.plan-amount').first()).toBeEnabled();
  // The server itself refuses a rep's plan, whatever the browser does.
  const plan = (await serverDocs(db)).find((d) => d._id.startsWith('plan:'));
  const status = await rep.evaluate(async ({ url, db, plan }) => {
    const res = await fetch(`${url}/${db}/${encodeURIComponent(plan._id)}`, {
      method: 'PUT',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...plan, amount: plan.amount + 100 }),
    });
    return res.status;
  }, { url: COUCH, db, plan });
  expect(status).toBe(403);
  expect((await serverDocs(db)).find((d) => d._id === plan._id).amount).toBe(plan.amount);
  await page.click('.nav-link[data-view=directions]');
  await expect(page.getByTestId('direction-details').getByTestId('direction-name')).toHaveValue(before);
  await context.close();
});

test('a rep wins a deal: it moves on the head\'s board and fills the head\'s gauge; the head edits a stage\'s task and the rep\'s cards show it', async ({ page, browser, moment, timezoneId }) => {
  const db = await freshDatabase();
  await headCreates(page, db);
  const context = await secondBrowser(browser, moment, timezoneId);
  const rep = await context.newPage();
  await repJoins(rep, db);
  await createDeal(rep, 'Big win', '5 000 000');
  await synced(rep);
  await page.click('.nav-link[data-view=plans]');
  const gauge = page.getByTestId('gauge-company').locator('.gauge');
  const before = Number(await gauge.getAttribute('data-percent'));

  await winDeal(rep, 'Big win');
  await expect.poll(async () => Number(await gauge.getAttribute('data-percent'))).toBeGreaterThan(before);
  await page.click('.nav-link[data-view=board]');
  const won = page.locator('.column').filter({ has: page.locator('.column-title', { hasText: /^Won$/ }) });
  await expect(won.locator('.deal-card', { hasText: 'Big win' })).toHaveCount(1);

  await page.click('.nav-link[data-view=directions]');
  const editor = page.getByTestId('stage-editor');
  await editor.locator('.stage-item').first().locator('[data-action=edit-stage]').click();
  const form = editor.getByTestId('stage-form');
  await form.getByTestId('task-title').fill('Call within the hour');
  await form.locator('[data-action=save-stage]').click();
  await synced(page);
  await rep.click('.nav-link[data-view=board]');
  await expect(rep.locator('.column').first().locator('.deal-task').first()).toContainText('Call within the hour');
  await context.close();
});

test('a rep offline keeps working through a reload and catches up; one field changed by both keeps the saved value', async ({ page, browser, moment, timezoneId }) => {
  const db = await freshDatabase();
  await headCreates(page, db);
  const context = await secondBrowser(browser, moment, timezoneId);
  const rep = await context.newPage();
  await repJoins(rep, db);
  await createDeal(page, 'Shared roof', '5 000');
  await createDeal(page, 'Two fields', '1 000');
  await rep.click('.nav-link[data-view=board]');
  await expect(rep.locator('.deal-card', { hasText: 'Shared roof' })).toHaveCount(1);
  await expect(rep.locator('.deal-card', { hasText: 'Two fields' })).toHaveCount(1);

  // Offline: five changes wait, and a reload keeps them.
  await context.setOffline(true);
  for (const t of ['Off 1', 'Off 2', 'Off 3', 'Off 4', 'Off 5']) await createDeal(rep, t, '100');
  await expect(teamState(rep)).toHaveAttribute('data-state', 'offline');
  await expect(teamState(rep)).toContainText(/Offline: [5-9] changes waiting/);
  // The same deal's title changed on both sides while apart.
  await rep.locator('.deal-card', { hasText: 'Shared roof' }).click();
  await rep.getByTestId('deal-editor').getByTestId('title').fill('Shared roof (rep)');
  await rep.getByTestId('deal-editor').locator('[data-action=save-deal]').click();
  await page.locator('.deal-card', { hasText: 'Shared roof' }).click();
  await page.getByTestId('deal-editor').getByTestId('title').fill('Shared roof (head)');
  await page.getByTestId('deal-editor').locator('[data-action=save-deal]').click();
  // Another deal: the rep changes its title, the head its amount.
  await rep.locator('.deal-card', { hasText: 'Two fields' }).click();
  await rep.getByTestId('deal-editor').getByTestId('title').fill('Two fields (rep)');
  await rep.getByTestId('deal-editor').locator('[data-action=save-deal]').click();
  await page.locator('.deal-card', { hasText: 'Two fields' }).click();
  await page.getByTestId('deal-editor').getByTestId('amount').fill('2 500');
  await page.getByTestId('deal-editor').locator('[data-action=save-deal]').click();
  await synced(page);
  await expect(rep.locator('.save-status')).toHaveAttribute('data-state', 'saved');
  await rep.reload();
  await rep.click('.nav-link[data-view=board]');
  await expect(rep.locator('.deal-card', { hasText: 'Off 5' })).toHaveCount(1);

  // Back online: everything goes up, the head sees it, and the title keeps the saved value.
  await context.setOffline(false);
  await synced(rep);
  await expect(page.locator('.deal-card', { hasText: /^.*Off \d/ })).toHaveCount(5);
  await expect(rep.locator('[data-banner=team-conflicts]')).toContainText('1 field was changed by someone else at the same time');
  await expect(rep.locator('[data-banner=team-conflicts]')).toContainText('yours “Shared roof (rep)”, kept “Shared roof (head)”');
  await expect(rep.locator('.deal-card', { hasText: 'Shared roof (head)' })).toHaveCount(1);
  await expect(page.locator('.deal-card', { hasText: 'Shared roof (head)' })).toHaveCount(1);
  // The rep opens the deal: both values side by side, theirs in the form; the rep keeps theirs.
  await rep.locator('.deal-card', { hasText: 'Shared roof (head)' }).click();
  const panel = rep.getByTestId('deal-editor').getByTestId('conflicts');
  await expect(panel).toContainText('Someone in the team changed this too');
  await expect(panel.locator('.conflict[data-field=Title]')).toContainText('Shared roof (rep)');
  await expect(panel.locator('.conflict[data-field=Title]')).toContainText('Shared roof (head)');
  await expect(rep.getByTestId('deal-editor').getByTestId('title')).toHaveValue('Shared roof (rep)');
  await rep.screenshot({ path: `${shots}/team-conflict-en.png` });
  await panel.locator('.conflict[data-field=Title] [data-action=keep-mine]').click();
  await expect(rep.locator('[data-banner=team-conflicts]')).toHaveCount(0);
  await rep.getByTestId('deal-editor').locator('[data-action=save-deal]').click();
  await expect(rep.getByTestId('deal-editor')).toHaveCount(0);
  await synced(rep);
  await expect(page.locator('.deal-card', { hasText: 'Shared roof (rep)' })).toHaveCount(1);
  for (const p of [page, rep]) {
    const both = p.locator('.deal-card', { hasText: 'Two fields (rep)' });
    await expect(both.locator('.deal-amount')).toContainText('2,500');
  }
  const titles = (await serverDocs(db)).filter((d) => d._id.startsWith('deal:')).map((d) => d.title);
  expect(titles.filter((t) => /^Off \d$/.test(t)).sort()).toEqual(['Off 1', 'Off 2', 'Off 3', 'Off 4', 'Off 5']);
  await context.close();
});

test('a change the server refuses is undone and explained: the deal became another rep\'s while the rep was offline', async ({ page, browser, moment, timezoneId }) => {
  const db = await freshDatabase();
  await headCreates(page, db);
  const context = await secondBrowser(browser, moment, timezoneId);
  const rep = await context.newPage();
  await repJoins(rep, db);
  await createDeal(rep, 'Anna’s fence', '900');
  await synced(rep);
  expect((await serverDocs(db)).some((d) => d.title === 'Anna’s fence')).toBe(true);
  await context.setOffline(true);
  await rep.locator('.deal-card', { hasText: 'Anna’s fence' }).click();
  await rep.getByTestId('deal-editor').getByTestId('title').fill('Anna’s fence, renamed offline');
  await rep.getByTestId('deal-editor').locator('[data-action=save-deal]').click();
  await expect(rep.getByTestId('deal-editor')).toHaveCount(0);
  // Meanwhile the head of sales gives that employee to boris.
  await page.click('.nav-link[data-view=data]');
  const first = page.getByTestId('team-members').locator('.team-member').first();
  await first.locator('[data-field=member-user]').fill('boris');
  await first.locator('[data-field=member-user]').blur();
  await synced(page);
  await context.setOffline(false);
  const refused = rep.locator('[data-banner=team-refused]');
  await expect(refused).toContainText('The server refused 1 change; it was undone here:', { timeout: 15_000 });
  await expect(refused).toContainText('deal “Anna’s fence”: this is another rep\'s deal');
  await expect(rep.locator('.deal-card', { hasText: 'Anna’s fence' })).toHaveText(/Anna’s fence(?!, renamed)/);
  await synced(rep);
  expect((await serverDocs(db)).find((d) => d.title?.startsWith('Anna’s fence')).title).toBe('Anna’s fence');
  // Boris's deal now: it opens read-only for anna.
  await rep.locator('.deal-card', { hasText: 'Anna’s fence' }).click();
  const editor = rep.getByTestId('deal-editor');
  await expect(editor.getByTestId('deal-read-only')).toContainText("This is another rep's deal");
  await expect(editor.getByTestId('title')).toBeDisabled();
  await expect(editor.locator('[data-action=save-deal]')).toHaveCount(0);
  await expect(editor.locator('[data-action=delete-deal]')).toHaveCount(0);
  await rep.keyboard.press('Escape');
  await context.close();
});

test('when the session ends the header asks to sign in again; the password brings the waiting change up', async ({ page }) => {
  const db = await freshDatabase();
  await headCreates(page, db);
  // The server ends the session: the password set again gives the user a new salt, and every
  // cookie made with the old one stops working. (Clearing the browser's cookie is not enough: a
  // reply already on its way brings a renewed AuthSession back, as CouchDB's do.)
  await endSessions(HEAD);
  await createDeal(page, 'After the session ended', '300');
  await expect(teamState(page)).toHaveAttribute('data-state', 'sign-in', { timeout: 15_000 });
  await expect(teamState(page).locator('.save-label')).toHaveText('Team: sign in again');
  await expect(page.getByTestId('team-user')).toHaveText('head');
  await page.click('.nav-link[data-view=data]');
  const form = page.getByTestId('team-sign-in');
  await expect(form).toContainText('The session on the server ended');
  await form.locator('[data-field=team-password]').fill('wrong');
  await form.locator('[data-action=team-sign-in]').click();
  await expect(page.getByTestId('team-error')).toHaveText('Wrong user name or password.');
  await form.locator('[data-field=team-password]').fill(HEAD.password);
  await form.locator('[data-action=team-sign-in]').click();
  await synced(page);
  expect((await serverDocs(db)).some((d) => d.title === 'After the session ended')).toBe(true);
});

test('two tabs of one browser: one syncs, the other\'s changes go up through it, and it takes over when the first closes', async ({ page, context }) => {
  const db = await freshDatabase();
  await headCreates(page, db);
  const second = await context.newPage();
  await second.goto('./#/board');
  await expect(teamState(second)).toHaveAttribute('data-state', 'elsewhere');
  await expect(teamState(second).locator('.save-label')).toHaveText('Team: synced by another tab');
  await createDeal(second, 'From the second tab', '700');
  await expect.poll(async () => (await serverDocs(db)).some((d) => d.title === 'From the second tab'), { timeout: 10_000 }).toBe(true);
  // The first tab closes: the second takes the lock and syncs on its own.
  await page.close();
  await synced(second);
  await createDeal(second, 'After the first closed', '800');
  await expect.poll(async () => (await serverDocs(db)).some((d) => d.title === 'After the first closed'), { timeout: 10_000 }).toBe(true);
  const deals = (await serverDocs(db)).filter((d) => d._id.startsWith('deal:'));
  expect(new Set(deals.map((d) => d._id)).size).toBe(deals.length);
});

test('a wrong password, a rep before the team exists, and a server that does not answer are told; nothing changes', async ({ page }) => {
  const db = await freshDatabase();
  await open(page, 'data');
  await page.reload();
  await start(page, 'demo');
  const deals = await count(page, 'deals');
  await connect(page, db, HEAD, 'not-the-password');
  await expect(page.getByTestId('team-error')).toHaveText('Wrong user name or password.');
  await connect(page, db, ANNA);
  await expect(page.getByTestId('team-error')).toHaveText('The head of sales has not created the team in this database yet.');
  await page.getByTestId('team-form').locator('[data-field=team-server]').fill('http://127.0.0.1:9');
  await page.getByTestId('team-form').locator('[data-field=team-password]').fill(HEAD.password);
  await page.getByTestId('team-form').locator('[data-action=team-connect]').click();
  await expect(page.getByTestId('team-error')).toContainText('No answer from the server.');
  await expect(teamState(page)).toHaveCount(0);
  expect(await count(page, 'deals')).toBe(deals);
});

test.describe('across time zones', () => {
  // 23:30 on the last day of November in Moscow (the team's zone: the head creates the team
  // there) is 06:30 on the first of December in Vladivostok, where the rep is.
  test.use({ moment: '2026-11-30T23:30' });

  /** The deal's history as its editor shows it in this browser. */
  async function historyOf(p, title) {
    await p.click('.nav-link[data-view=board]');
    await p.locator('.deal-card', { hasText: title }).click();
    const text = await p.getByTestId('history').innerText();
    await p.keyboard.press('Escape');
    return text;
  }

  /** Plans open on `period` (the team's month now), and the company gauge's won deals list
   * the deal on `day` (its date in this browser's zone). */
  async function expectWonIn(p, title, period, day) {
    await p.click('.nav-link[data-view=plans]');
    await expect(p.getByTestId('period-label')).toHaveAttribute('data-period', period);
    await p.getByTestId('gauge-company').locator('.gauge').click();
    const row = p.getByTestId('won-deals').locator('tr', { hasText: title });
    await expect(row.locator('td.date')).toHaveText(day);
    await p.keyboard.press('Escape');
  }

  test('a rep in Vladivostok wins at 06:30 on December 1: the team counts it on November 30, each sees the time in their own zone', async ({ page, browser, moment, timezoneId }) => {
    const db = await freshDatabase();
    await headCreates(page, db);
    await expect(page.getByTestId('team-zone')).toContainText("the team's time zone, Europe/Moscow");
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Vladivostok', viewport: { width: 1400, height: 900 } });
    await context.clock.setFixedTime(instant(moment, timezoneId));
    const rep = await context.newPage();
    await repJoins(rep, db);
    await expect(rep.getByTestId('team-zone')).toContainText("the team's time zone, Europe/Moscow");
    await createDeal(rep, 'Night win', '700 000');
    await winDeal(rep, 'Night win');

    // Stored as the team's wall clock: 2026-11-30 23:30.
    const stored = (await serverDocs(db)).find((d) => d.title === 'Night win');
    const minutes = Date.UTC(2026, 10, 30, 23, 30) / 60_000;
    expect(stored.closed_at).toBe(minutes);
    expect(stored.created_at).toBe(minutes);

    // Each sees the moment on their own clock.
    const history = (p) => historyOf(p, 'Night win');
    await expect.poll(() => history(page)).toContain('Nov 30, 2026 23:30');
    expect(await history(rep)).toContain('Dec 1, 2026 06:30');
    expect(await history(rep)).not.toContain('Nov 30');

    // Both count the win in November, the team's month, and say it is still November.
    for (const [p, day] of [[page, 'Nov 30, 2026'], [rep, 'Dec 1, 2026']]) await expectWonIn(p, 'Night win', '2026-11', day);
    await context.close();
  });

  test('the head moves the team to Vladivostok: a win at 23:30 in Moscow on November 30 stays that moment, and the team counts it on December 1', async ({ page, browser, moment, timezoneId }) => {
    const db = await freshDatabase();
    await headCreates(page, db);
    await createDeal(page, 'Late win', '500 000');
    await winDeal(page, 'Late win');
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Vladivostok', viewport: { width: 1400, height: 900 } });
    await context.clock.setFixedTime(instant(moment, timezoneId));
    const rep = await context.newPage();
    await repJoins(rep, db);

    // The head picks the zone and confirms; the rep's card follows.
    await page.click('.nav-link[data-view=data]');
    const setting = page.getByTestId('team-zone-setting');
    await setting.locator('[data-field=team-zone]').selectOption('Asia/Vladivostok');
    await setting.locator('[data-action=team-zone-change]').click();
    await expect(setting.getByTestId('team-zone-confirm')).toContainText('Move the team to Asia/Vladivostok?');
    await setting.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/team-zone-en.png` });
    await setting.locator('[data-action=team-zone-confirm]').click();
    await expect(page.getByTestId('team-zone-confirm')).toHaveCount(0);
    await expect(page.getByTestId('team-zone')).toContainText("the team's time zone, Asia/Vladivostok");
    await synced(page);
    await expect(rep.getByTestId('team-zone')).toContainText("the team's time zone, Asia/Vladivostok");

    // The same moment, written as Vladivostok's wall clock: 2026-12-01 06:30.
    const closedAt = async () => (await serverDocs(db)).find((d) => d.title === 'Late win')?.closed_at;
    await expect.poll(closedAt).toBe(Date.UTC(2026, 11, 1, 6, 30) / 60_000);

    // Each still sees it at their own time; both count it in December, the team's month now.
    const history = (p) => historyOf(p, 'Late win');
    expect(await history(page)).toContain('Nov 30, 2026 23:30');
    await expect.poll(() => history(rep)).toContain('Dec 1, 2026 06:30');
    for (const [p, day] of [[page, 'Nov 30, 2026'], [rep, 'Dec 1, 2026']]) await expectWonIn(p, 'Late win', '2026-12', day);
    // A reload keeps the zone.
    await page.reload();
    await page.click('.nav-link[data-view=data]');
    await expect(page.getByTestId('team-zone')).toContainText('Asia/Vladivostok');
    await context.close();
  });
});

test.describe('in Russian', () => {
  test.use({ locale: 'ru-RU' });
  test('the Team card and the header speak Russian', async ({ page }) => {
    const db = await freshDatabase();
    await open(page, 'data', 'ru');
    await page.reload();
    await start(page, 'demo');
    const card = page.locator('[data-section=team]');
    await expect(card.locator('.card-title')).toHaveText('Команда');
    for (const label of ['Адрес сервера', 'База команды', 'Имя пользователя', 'Пароль']) {
      await expect(card.locator('.field-label', { hasText: label })).toHaveCount(1);
    }
    await expect(card.locator('[data-action=team-connect]')).toHaveText('Подключиться');
    await connect(page, db, HEAD);
    await expect(teamState(page).locator('.save-label')).toHaveText('Команда: всё синхронизировано');
    await expect(card.locator('[data-action=team-disconnect]')).toHaveText('Отключиться');
    await page.screenshot({ path: `${shots}/team-ru.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${shots}/team-ru-390.png`, fullPage: true });
    await card.locator('[data-action=team-disconnect]').click();
    await expect(teamState(page)).toHaveCount(0);
    await expect(card.locator('[data-action=team-connect]')).toBeVisible();
  });
});
