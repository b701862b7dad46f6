// Prints the release bundle's sizes: raw, gzip -9 and brotli (quality 11) of the wasm, the JS
// glue and the CSS in dist/. `--json` prints them as JSON instead.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dist = process.argv.find((a, i) => i > 1 && !a.startsWith('--')) ?? 'dist';
const files = readdirSync(dist);
const pick = (re) => files.find((f) => re.test(f));
const measure = (name) => {
  const data = readFileSync(join(dist, name));
  return {
    file: name,
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};
const parts = {
  wasm: pick(/_bg\.wasm$/),
  js: pick(/^voronka-.*\.js$/),
  css: pick(/\.css$/),
};
const result = Object.fromEntries(Object.entries(parts).filter(([, f]) => f).map(([k, f]) => [k, measure(f)]));
if (!result.wasm || !result.js) {
  console.error(`no release bundle in ${dist}/`);
  process.exit(1);
}
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log('release bundle sizes (raw / gzip -9 / brotli):');
  for (const [k, v] of Object.entries(result)) {
    console.log(`  ${k.padEnd(5)} ${kb(v.raw).padStart(9)} / ${kb(v.gzip).padStart(8)} / ${kb(v.brotli).padStart(8)}   ${v.file}`);
  }
  const gz = result.wasm.gzip + result.js.gzip;
  // #17's budget for the bundle; the first brief's was 150 KB (docs/PERFORMANCE.md).
  const budget = 360 * 1024;
  const verdict = gz <= budget ? 'within it' : `over by ${kb(gz - budget)}`;
  console.log(`  wasm + JS glue, gzip: ${kb(gz)} (budget 360 KB: ${verdict})`);
}
