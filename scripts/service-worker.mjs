// Writes the service worker of a build: the template assets/sw.template.js with the exact list of the
// build's files (relative to the page, so any sub-path works) and a version from their
// contents. Trunk runs it after each build (Trunk.toml, post_build hook) on its staging
// folder; `node scripts/service-worker.mjs DIR` runs it on a finished build.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
const template = readFileSync(new URL('../assets/sw.template.js', import.meta.url), 'utf8');

function walk(d) {
  return readdirSync(d).flatMap((name) => {
    const path = join(d, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

// Everything the page can ask for, but the worker itself and pre-compressed copies (a host
// serves those in place of the originals).
const files = walk(dir)
  .map((p) => relative(dir, p).split('\\').join('/'))
  .filter((f) => f !== 'sw.js' && !f.endsWith('.br') && !f.endsWith('.gz'))
  .sort();
const hash = createHash('sha256');
for (const f of files) hash.update(f).update(readFileSync(join(dir, f)));
const version = hash.digest('hex').slice(0, 16);
// The page itself is also asked for as the folder ("./").
const list = ['./', ...files];
writeFileSync(
  join(dir, 'sw.js'),
  template.replace("'__VERSION__'", JSON.stringify(version)).replace('__FILES__', JSON.stringify(list)),
);
console.log(`service worker: ${list.length} files, version ${version}`);
