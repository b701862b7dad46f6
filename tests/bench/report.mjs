// Prints the Markdown tables of docs/PERFORMANCE.md from bench-results/bench.json: the budgets
// at 10,000 deals, every browser measure at each size, and the criterion medians.
import { readFileSync } from 'node:fs';

const b = JSON.parse(readFileSync(process.argv[2] ?? 'bench-results/bench.json', 'utf8'));
const sizes = Object.keys(b.results);
const at = b.results['10000'];
const fmt = (v) => (v == null ? '—' : typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 1 }) : v);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const gzip = b.bundle ? (b.bundle.wasm.gzip + b.bundle.js.gzip) / 1024 : null;
const budgets = [
  ['wasm + JS glue, gzip', '150 KB', gzip, (v) => `${v.toFixed(1)} KB`],
  ['navigation to the first painted card, 10,000 stored deals', '300 ms', at?.navigation_to_first_card_ms],
  ['drop to updated page (DOM) at 10,000 deals', '16 ms', at?.drop_to_updated_dom_ms],
  ['the same, to the next paint (Event Timing; 16 ms on an empty page here)', '16 ms', typeof at?.drop_to_next_paint_ms === 'number' ? at.drop_to_next_paint_ms : null],
  ['longest main-thread task during a drag', '50 ms', at?.longest_task_during_drag_ms, (v) => (v === 0 ? 'no task over 50 ms' : `${v} ms`)],
  ['save after a move at 10,000 deals', '20 ms', at?.save_after_move_ms],
  ['load (read and decode) at 10,000 deals', '15 ms', at?.load_decode_ms],
  ['import of a 10,000-deal export: parse and validate, first import of the page', '150 ms', b.runs_ms?.['10000']?.import_validate?.[0]],
  ['the same, median of the imports (code optimized after the first)', '150 ms', at?.import_validate_ms],
  ['the same, from choosing the file to the painted board', '150 ms', at?.import_to_first_painted_board_ms],
];
console.log('| budget | limit | measured | |');
console.log('|---|---|---|---|');
for (const [name, limit, value, show] of budgets) {
  if (value == null) continue;
  const met = value <= parseFloat(limit);
  const shown = show ? show(value) : `${fmt(value)} ms`;
  console.log(`| ${name} | ${limit} | ${shown} | ${met ? '✓ met' : `**missed** (×${(value / parseFloat(limit)).toFixed(1)})`} |`);
}

console.log(`\n| measure (median of ${b.runs} runs) | ${sizes.map((s) => `${Number(s).toLocaleString('en-US')} deals`).join(' | ')} |`);
console.log(`|---|${sizes.map(() => '---').join('|')}|`);
for (const key of Object.keys(b.results[sizes[0]]).filter((k) => k !== 'deals')) {
  console.log(`| ${key.replaceAll('_', ' ')} | ${sizes.map((s) => fmt(b.results[s][key])).join(' | ')} |`);
}

if (b.bundle) {
  console.log('\n| file | raw | gzip -9 | brotli |');
  console.log('|---|---|---|---|');
  for (const [part, f] of Object.entries(b.bundle)) console.log(`| ${part} | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.brotli)} |`);
}
if (b.criterion_median_ms) {
  const ns = [...new Set(Object.values(b.criterion_median_ms).flatMap((v) => Object.keys(v)))].sort((x, y) => x - y);
  console.log(`\n| criterion (median) | ${ns.map((n) => `${Number(n).toLocaleString('en-US')} deals`).join(' | ')} |`);
  console.log(`|---|${ns.map(() => '---').join('|')}|`);
  for (const [name, v] of Object.entries(b.criterion_median_ms)) {
    const time = (ms) => (ms == null ? '—' : ms < 1 ? `${(ms * 1000).toPrecision(3)} µs` : `${ms.toPrecision(3)} ms`);
    console.log(`| ${name} | ${ns.map((n) => time(v[n])).join(' | ')} |`);
  }
}
