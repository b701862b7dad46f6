// The team server the team tests use: pouchdb-server, started by playwright.config.mjs on
// 127.0.0.1:5985, or a real CouchDB at COUCHDB_URL (with COUCHDB_ADMIN=name:password). Each
// test gets a database of its own; the users are made once.
import { expect, open, start, instant } from './helpers.mjs';
import { ADMIN, PEOPLE, database, user } from '../../tools/team-server/team.mjs';

export const COUCH = process.env.COUCHDB_URL ?? `http://127.0.0.1:${process.env.TEAM_PORT ?? 5985}`;
export const [HEAD, ANNA, BORIS] = PEOPLE;

let ready = null;
/** Waits for the server to know its admin (start.mjs sets it up after it listens), makes the users. */
function serverReady() {
  ready ??= (async () => {
    const auth = `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}`;
    for (let i = 0; ; i++) {
      try {
        const res = await fetch(`${COUCH}/_session`, { headers: { Authorization: auth } });
        const body = await res.json();
        if (body.userCtx?.roles?.includes('_admin')) break;
      } catch (e) {
        if (i > 200) throw e;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const p of PEOPLE) await user(COUCH, p);
  })();
  return ready;
}

let made = 0;
/** A new, empty team database with the team's security. */
export async function freshDatabase() {
  await serverReady();
  const db = `voronka-e2e-${process.pid}-${++made}-${Math.random().toString(36).slice(2, 8)}`;
  await database(COUCH, db);
  return db;
}

/** Ends every session of `who` on the server: their password set again, so a new salt. */
export async function endSessions(who) {
  await serverReady();
  await user(COUCH, who);
}

/** Fills Data → Team and presses Connect. */
export async function connect(page, db, who, password = who.password) {
  await page.click('.nav-link[data-view=data]');
  const form = page.getByTestId('team-form');
  await form.locator('[data-field=team-server]').fill(COUCH);
  await form.locator('[data-field=team-db]').fill(db);
  await form.locator('[data-field=team-user]').fill(who.name);
  await form.locator('[data-field=team-password]').fill(password);
  await form.locator('[data-action=team-connect]').click();
}

/** The header's team state (`synced`, `offline`…). */
export function teamState(page) {
  return page.locator('.team-status');
}

/** Waits until the header says everything is synced. */
export async function synced(page) {
  await expect(teamState(page)).toHaveAttribute('data-state', 'synced', { timeout: 10_000 });
}

/** A document of the team's database, read as the server admin. */
export async function serverDoc(db, id) {
  const auth = `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}`;
  const res = await fetch(`${COUCH}/${db}/${encodeURIComponent(id)}`, { headers: { Authorization: auth } });
  return res.ok ? res.json() : null;
}

/** Every document of the team's database, as the server admin reads them. */
export async function serverDocs(db) {
  const auth = `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}`;
  const res = await fetch(`${COUCH}/${db}/_all_docs?include_docs=true`, { headers: { Authorization: auth } });
  return (await res.json()).rows.map((r) => r.doc);
}

/** A second person's browser: a context of its own with the same fixed clock. */
export async function secondBrowser(browser, moment, timezoneId, locale = 'en-US') {
  const context = await browser.newContext({ locale, timezoneId, viewport: { width: 1400, height: 900 } });
  await context.clock.setFixedTime(instant(moment, timezoneId));
  return context;
}

export async function createDeal(page, title, amount) {
  await page.click('.nav-link[data-view=board]');
  await page.locator('.column').nth(0).locator('[data-action=add-deal]').click();
  const editor = page.getByTestId('deal-editor');
  await editor.getByTestId('title').fill(title);
  await editor.getByTestId('amount').fill(amount);
  await editor.locator('[data-action=save-deal]').click();
  await expect(editor).toHaveCount(0);
}

/** The head creates the team from the demo and links the first employee to anna. */
export async function headCreates(page, db) {
  await open(page, 'data');
  await page.reload();
  await start(page, 'demo');
  await connect(page, db, HEAD);
  await expect(page.getByTestId('team-connected')).toContainText(`Connected to ${db} on ${COUCH} as head, head of sales.`);
  await expect(page.getByTestId('team-done')).toContainText('The team was created from this workspace');
  await synced(page);
  const first = page.getByTestId('team-members').locator('.team-member').first();
  await first.locator('[data-field=member-user]').fill(ANNA.name);
  await first.locator('[data-field=member-user]').blur();
  await synced(page);
  return first.getAttribute('data-employee');
}

/** A rep with a workspace of their own joins: confirmed, downloaded, kept as a recovery copy. */
export async function repJoins(rep, db, who = ANNA) {
  await open(rep, 'data');
  await rep.reload();
  await start(rep, 'templates');
  let asked = '';
  rep.once('dialog', (d) => {
    asked = d.message();
    d.accept();
  });
  const download = rep.waitForEvent('download');
  await connect(rep, db, who);
  expect((await download).suggestedFilename()).toMatch(/\.json$/);
  await expect(rep.getByTestId('team-done')).toContainText('You joined the team');
  expect(asked).toContain("The team's workspace will replace the one in this browser");
  await synced(rep);
}

/** A request to the team server as its admin; the answer's status and JSON. */
export async function asAdmin(path, method = 'GET', body = undefined) {
  await serverReady();
  const auth = `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}`;
  const res = await fetch(`${COUCH}${path}`, {
    method,
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** A user of the team server made for one test (the shared ones stay as they are). */
export async function makeUser(who) {
  await serverReady();
  await user(COUCH, who);
  return who;
}

/** Moves a deal of the board to Won through its "Move to…" menu, past its unfinished task, and
 * waits until the team has it. */
export async function winDeal(page, title) {
  const card = page.locator('.deal-card', { hasText: title });
  await card.locator('[data-action=move-to]').click();
  const menu = page.getByTestId('move-menu');
  await menu.getByTestId('move-stage').selectOption({ label: 'Won' });
  await menu.locator('[data-action=do-move]').click();
  await page.getByTestId('confirm-task').locator('[data-action=confirm-move]').click();
  await synced(page);
}
