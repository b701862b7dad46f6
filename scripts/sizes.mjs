// Prints the release bundle's sizes: raw, gzip -9 and brotli (quality 11) of the main wasm, the
// JS glue, the split loader, every module loaded when its view opens, and the CSS in dist/;
// then the first screen (main wasm + glue + loader) and every module together against their
// budgets. `--check` exits with 1 when the first screen is over its budget; `--ceiling N` when
// its gzip is over N KB (the test command's ratchet while the budget is not reached: the
// figure measured last, with a little room, so that no change grows the first screen
// unnoticed). `--json` prints the figures as JSON instead.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const KB = 1024;
/** The budgets of the split modules' issue (docs/PERFORMANCE.md). */
const BUDGET = { firstGzip: 300 * KB, firstBrotli: 235 * KB, allGzip: 680 * KB };

const ceilingAt = process.argv.indexOf('--ceiling');
const ceiling = ceilingAt > 0 ? Number(process.argv[ceilingAt + 1]) * KB : undefined;
const dist = process.argv.find((a, i) => i > 1 && !a.startsWith('--') && i !== ceilingAt + 1) ?? 'dist';
const files = readdirSync(dist);
const glue = files.find((f) => /^voronka-[0-9a-f]+\.js$/.test(f));
if (!glue) {
  console.error(`no release bundle in ${dist}/`);
  process.exit(1);
}
const stem = glue.slice(0, -'.js'.length);
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
  wasm: `${stem}_bg.wasm`,
  js: glue,
  loader: files.includes(`${stem}-split.js`) ? `${stem}-split.js` : undefined,
  css: files.find((f) => f.endsWith('.css')),
};
const result = Object.fromEntries(Object.entries(parts).filter(([, f]) => f).map(([k, f]) => [k, measure(f)]));
// The modules loaded later: a view's own (`split_*`) and the chunks views share (`chunk_*`).
const later = files.filter((f) => f.startsWith(`${stem}-`) && f.endsWith('.wasm')).sort().map(measure);
result.modules = later;
const sum = (list, key) => list.reduce((s, m) => s + m[key], 0);
const first = [result.wasm, result.js, result.loader].filter(Boolean);
result.first_screen = { gzip: sum(first, 'gzip'), brotli: sum(first, 'brotli') };
result.all_modules = { gzip: sum(first, 'gzip') + sum(later, 'gzip') };

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const kb = (n) => `${(n / KB).toFixed(1)} KB`;
  const line = (label, v) =>
    console.log(`  ${label.padEnd(24)} ${kb(v.raw).padStart(9)} / ${kb(v.gzip).padStart(8)} / ${kb(v.brotli).padStart(8)}   ${v.file}`);
  console.log('release bundle sizes (raw / gzip -9 / brotli):');
  line('main wasm', result.wasm);
  line('JS glue', result.js);
  if (result.loader) line('split loader', result.loader);
  for (const m of later) line(m.file.slice(stem.length + 1).replace(/\.wasm$/, ''), m);
  if (result.css) line('css', result.css);
  const verdict = (n, budget) => (n <= budget ? `within ${kb(budget)}` : `OVER ${kb(budget)} by ${kb(n - budget)}`);
  console.log(`  first screen, gzip:   ${kb(result.first_screen.gzip)} (${verdict(result.first_screen.gzip, BUDGET.firstGzip)})`);
  console.log(`  first screen, brotli: ${kb(result.first_screen.brotli)} (${verdict(result.first_screen.brotli, BUDGET.firstBrotli)})`);
  console.log(`  every module, gzip:   ${kb(result.all_modules.gzip)} (${verdict(result.all_modules.gzip, BUDGET.allGzip)})`);
}
if (process.argv.includes('--check') && result.first_screen.gzip > BUDGET.firstGzip) {
  console.error('the first screen is over its budget');
  process.exit(1);
}
if (ceiling !== undefined && !(result.first_screen.gzip <= ceiling)) {
  console.error(`the first screen grew over its ceiling of ${ceiling / KB} KB gzip (scripts/test.sh)`);
  process.exit(1);
}
