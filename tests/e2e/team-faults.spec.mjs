// A team's faults a user meets, against the real team server: the database deleted on the
// server, the user removed from the team while connected, a server answering 500 with a proxy's
// page in the middle of a sync, and the network dropping after the server saved a push but
// before its answer arrived. Each is said in the header and on the Team card, and nothing is
// lost or sent twice.
import { test, expect, count } from './helpers.mjs';
import {
  asAdmin, createDeal, freshDatabase, headCreates, makeUser, repJoins, secondBrowser, serverDocs, synced, teamState, winDeal,
} from './team.mjs';

test.use({ locale: 'en-US', viewport: { width: 1400, height: 900 } });

/** How many of the server's deals have this title. */
async function onServer(db, title) {
  return (await serverDocs(db)).filter((d) => d.title === title).length;
}

test('the team database deleted on the server: the header and the card say so, and every deal stays', async ({ page }) => {
  const db = await freshDatabase();
  await headCreates(page, db);
  await page.click('.nav-link[data-view=data]');
  const deals = await count(page, 'deals');
  expect((await asAdmin(`/${db}`, 'DELETE')).status).toBe(200);
  await createDeal(page, 'After the database went', '400');
  await expect(teamState(page)).toHaveAttribute('data-state', 'failing', { timeout: 15_000 });
  await expect(teamState(page).locator('.save-label')).toHaveText('Team: the server refuses');
  await page.click('.nav-link[data-view=data]');
  await expect(page.getByTestId('team-error')).toHaveText('The server has no such team database.');
  expect(await count(page, 'deals')).toBe(deals + 1);
  await page.reload();
  await page.click('.nav-link[data-view=board]');
  await expect(page.locator('.deal-card', { hasText: 'After the database went' })).toHaveCount(1);
});

test('a rep removed from the team while connected is told so, the rep\'s workspace stays, and the role given back syncs again', async ({ page, browser, moment, timezoneId }) => {
  test.setTimeout(90_000);
  const db = await freshDatabase();
  await headCreates(page, db);
  const carl = await makeUser({ name: 'carl', password: 'carl-pass', roles: ['voronka_rep'] });
  const context = await secondBrowser(browser, moment, timezoneId);
  const rep = await context.newPage();
  await repJoins(rep, db, carl);
  await rep.click('.nav-link[data-view=data]');
  const deals = await count(rep, 'deals');
  // The server's admin takes carl's role away (the password, and so the session, stay).
  const id = '/_users/org.couchdb.user:carl';
  const doc = (await asAdmin(id)).body;
  expect((await asAdmin(id, 'PUT', { ...doc, roles: [] })).status).toBeLessThan(300);
  // The head's change wakes carl's feed; carl's next request is refused.
  await createDeal(page, 'Seen by members only', '100');
  await expect(teamState(rep)).toHaveAttribute('data-state', 'failing', { timeout: 15_000 });
  await expect(rep.getByTestId('team-error')).toHaveText('This user is not a member of the team database.');
  // Nothing of carl's workspace goes (the feed already open may still bring the head's deal:
  // the server checked carl when it was opened).
  expect(await count(rep, 'deals')).toBeGreaterThanOrEqual(deals);
  await rep.reload();
  await expect(teamState(rep)).toHaveAttribute('data-state', 'failing', { timeout: 15_000 });
  await rep.click('.nav-link[data-view=data]');
  expect(await count(rep, 'deals')).toBeGreaterThanOrEqual(deals);
  // The head gives the role back: carl syncs again, and the head's deal is there.
  expect((await asAdmin(id, 'PUT', { ...(await asAdmin(id)).body, roles: ['voronka_rep'] })).status).toBeLessThan(300);
  // At the loop's next try (its pause doubles up to 30 s).
  await expect(teamState(rep)).toHaveAttribute('data-state', 'synced', { timeout: 35_000 });
  await rep.click('.nav-link[data-view=board]');
  await expect(rep.locator('.deal-card', { hasText: 'Seen by members only' })).toHaveCount(1);
  await context.close();
});

test('a 500 with a proxy\'s page in the middle of a sync: the change waits, then goes up once', async ({ page }) => {
  const db = await freshDatabase();
  await headCreates(page, db);
  let failed = 0;
  await page.route('**/_bulk_docs', async (route) => {
    failed++;
    await route.fulfill({ status: 500, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' });
  }, { times: 1 });
  await createDeal(page, 'Through a bad gateway', '250');
  await expect.poll(() => failed).toBe(1);
  await synced(page);
  expect(await onServer(db, 'Through a bad gateway')).toBe(1);
});

test('the network drops after the server saved a push, before its answer: nothing is sent twice or lost', async ({ page }) => {
  const db = await freshDatabase();
  await headCreates(page, db);
  let cut = 0;
  await page.route('**/_bulk_docs', async (route) => {
    // The request reaches the server, which saves it; the answer never arrives.
    await route.fetch();
    cut++;
    await route.abort('connectionreset');
  }, { times: 1 });
  await createDeal(page, 'Answer lost', '310');
  await expect.poll(() => cut).toBe(1);
  expect(await onServer(db, 'Answer lost')).toBe(1);
  await synced(page);
  await createDeal(page, 'After the cut', '320');
  await synced(page);
  expect(await onServer(db, 'Answer lost')).toBe(1);
  expect(await onServer(db, 'After the cut')).toBe(1);
  await expect(page.locator('[data-banner=team-conflicts]')).toHaveCount(0);
  await expect(page.locator('[data-banner=team-refused]')).toHaveCount(0);
  await expect(page.locator('.deal-card', { hasText: 'Answer lost' })).toHaveCount(1);
});

test('two browsers whose clocks are 10 minutes apart: a deal created on the fast one and won on the slow one never closes before it was made', async ({ page, browser, timezoneId }) => {
  const db = await freshDatabase();
  await headCreates(page, db);
  // The head's clock reads 11:00 (the fixed moment); the rep's, 11:10.
  const context = await secondBrowser(browser, '2026-11-18T11:10', timezoneId);
  const rep = await context.newPage();
  await repJoins(rep, db);
  await createDeal(rep, 'Ten minutes ahead', '600');
  await synced(rep);
  await page.click('.nav-link[data-view=board]');
  await winDeal(page, 'Ten minutes ahead');
  const doc = (await serverDocs(db)).find((d) => d.title === 'Ten minutes ahead');
  expect(doc.closed_at).toBe(doc.created_at);
  expect(doc.history.map((h) => h.at)).toEqual([doc.created_at, doc.created_at]);
  await rep.click('.nav-link[data-view=board]');
  const won = rep.locator('.column').filter({ has: rep.locator('.column-title', { hasText: /^Won$/ }) });
  await expect(won.locator('.deal-card', { hasText: 'Ten minutes ahead' })).toHaveCount(1);
  await won.locator('.deal-card', { hasText: 'Ten minutes ahead' }).click();
  await expect(rep.getByTestId('history')).toContainText('Nov 18, 2026 11:10');
  await expect(rep.getByTestId('history')).not.toContainText('11:00');
  await context.close();
});
