// Creates a team on a CouchDB server through CouchDB 3's documented HTTP API: the server
// admin (on a fresh server still in "admin party"), CORS with credentials for the app's
// origin, the team's users with their roles, the database and its _security. Used by
// start.mjs and by the end-to-end tests (tests/e2e/team.mjs) against pouchdb-server or a real
// CouchDB (COUCHDB_URL).

/** The server admin the local server is given (`COUCHDB_ADMIN=name:password` for another server). */
const [adminName, ...adminPassword] = (process.env.COUCHDB_ADMIN ?? 'admin:voronka-admin').split(':');
export const ADMIN = { name: adminName, password: adminPassword.join(':') };

/** The trial team: a head of sales and two reps. */
export const PEOPLE = [
  { title: 'Head of sales', name: 'head', password: 'head-pass', roles: ['voronka_head'] },
  { title: 'Rep', name: 'anna', password: 'anna-pass', roles: ['voronka_rep'] },
  { title: 'Rep', name: 'boris', password: 'boris-pass', roles: ['voronka_rep'] },
];

const basic = `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}`;

async function call(url, method, body, { auth = true, ok = [200, 201, 202] } = {}) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (auth) headers.Authorization = basic;
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!ok.includes(res.status)) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Sets a server config value (`/_config`, pouchdb-server; CouchDB 3: `/_node/_local/_config`). */
async function config(url, section, key, value, auth = true) {
  const paths = [`${url}/_node/_local/_config/${section}/${key}`, `${url}/_config/${section}/${key}`];
  for (const path of paths) {
    const headers = { 'Content-Type': 'application/json' };
    if (auth) headers.Authorization = basic;
    const res = await fetch(path, { method: 'PUT', headers, body: JSON.stringify(value) });
    if (res.ok) return;
  }
  throw new Error(`could not set ${section}/${key} on ${url}`);
}

/** A user with roles (an existing one gets its password and roles set again). */
export async function user(url, { name, password, roles }) {
  const id = `${url}/_users/org.couchdb.user:${encodeURIComponent(name)}`;
  const old = await call(id, 'GET', undefined, { ok: [200, 404] });
  const rev = old && old._rev ? { _rev: old._rev } : {};
  await call(id, 'PUT', { _id: `org.couchdb.user:${name}`, name, password, roles, type: 'user', ...rev });
}

/** An empty database with the team's security: heads administer it, heads and reps use it. */
export async function database(url, db) {
  await call(`${url}/${db}`, 'DELETE', undefined, { ok: [200, 404] });
  await call(`${url}/${db}`, 'PUT');
  await call(`${url}/${db}/_security`, 'PUT', {
    admins: { names: [], roles: ['voronka_head'] },
    members: { names: [], roles: ['voronka_head', 'voronka_rep'] },
  });
}

/** Everything a trial (or a test) needs: admin, CORS, the people, the database. */
export async function setup(url, db, { adminParty = false } = {}) {
  if (adminParty) await config(url, 'admins', ADMIN.name, ADMIN.password, false);
  await config(url, 'httpd', 'enable_cors', 'true');
  await config(url, 'cors', 'origins', '*');
  await config(url, 'cors', 'credentials', 'true');
  await config(url, 'cors', 'headers', 'accept, authorization, content-type, origin, referer');
  await config(url, 'cors', 'methods', 'GET, PUT, POST, HEAD, DELETE');
  if (!(await call(`${url}/_users`, 'GET', undefined, { ok: [200, 404] }))) await call(`${url}/_users`, 'PUT');
  for (const p of PEOPLE) await user(url, p);
  await database(url, db);
}
