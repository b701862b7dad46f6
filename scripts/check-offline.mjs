// Checks a build's offline pieces: the web app manifest is valid JSON with relative start_url
// and scope, its icons exist at their stated sizes (PNG header), and the service worker lists
// exactly the build's files, each present, with relative URLs only. Run by the test command:
// `node scripts/check-offline.mjs dist`.
import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const fail = (message) => {
  console.error(`offline check: ${message}`);
  process.exit(1);
};

const manifest = JSON.parse(readFileSync(join(dist, 'manifest.webmanifest'), 'utf8'));
for (const key of ['name', 'short_name', 'start_url', 'scope', 'display', 'icons', 'theme_color']) {
  if (!manifest[key]) fail(`manifest has no ${key}`);
}
const relativeUrl = (u) => !/^[a-z]+:|^\//i.test(u);
if (!relativeUrl(manifest.start_url) || !relativeUrl(manifest.scope)) fail('start_url and scope must be relative');
if (manifest.display !== 'standalone') fail('display must be standalone');
if (!manifest.translations?.ru?.name) fail('no Russian name');
const sizes = new Set();
for (const icon of manifest.icons) {
  const file = join(dist, icon.src);
  if (!relativeUrl(icon.src) || !existsSync(file)) fail(`icon ${icon.src} missing`);
  const png = readFileSync(file);
  const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  if (`${w}x${h}` !== icon.sizes) fail(`icon ${icon.src} is ${w}x${h}, not ${icon.sizes}`);
  sizes.add(`${icon.sizes} ${icon.purpose ?? 'any'}`);
}
for (const want of ['192x192 any', '512x512 any', '512x512 maskable']) if (!sizes.has(want)) fail(`no ${want} icon`);

const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
const listed = JSON.parse(sw.match(/const FILES = (\[.*?\]);/s)?.[1] ?? 'null');
if (!listed) fail('sw.js has no file list');
if (/__VERSION__|__FILES__/.test(sw)) fail('sw.js still has template placeholders');
const walk = (d) => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
const built = walk(dist).map((p) => relative(dist, p).split('\\').join('/'))
  .filter((f) => f !== 'sw.js' && !f.endsWith('.br') && !f.endsWith('.gz'));
for (const f of listed) {
  if (!relativeUrl(f)) fail(`sw.js lists an absolute URL: ${f}`);
  if (f !== './' && !existsSync(join(dist, f))) fail(`sw.js lists ${f}, not in ${dist}`);
}
const missing = built.filter((f) => !listed.includes(f));
if (missing.length) fail(`sw.js does not list ${missing.join(', ')}`);
if (!listed.some((f) => f.endsWith('.wasm')) || !listed.includes('index.html')) fail('sw.js misses the app');
console.log(`offline check: manifest, ${manifest.icons.length} icons, service worker with ${listed.length} files: ok`);
