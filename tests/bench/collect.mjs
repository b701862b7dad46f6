// Adds the bundle sizes and the criterion medians to bench-results/bench.json, so that one file
// holds every figure of a benchmark run. Run by scripts/bench.sh after criterion.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const file = 'bench-results/bench.json';
const out = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
out.bundle = JSON.parse(execFileSync('node', ['scripts/sizes.mjs', process.env.BENCH_DIST ?? 'dist', '--json']));

// target/criterion/<group>/<function>/<deals>/new/estimates.json → median in milliseconds.
const root = join(process.env.CARGO_TARGET_DIR ?? 'target', 'criterion');
const criterion = {};
const found = [];
if (existsSync(root)) {
  for (const group of readdirSync(root).filter((g) => g !== 'report')) {
    for (const fn of readdirSync(join(root, group)).filter((f) => f !== 'report')) {
      for (const n of readdirSync(join(root, group, fn)).filter((d) => /^\d+$/.test(d))) {
        const estimates = join(root, group, fn, n, 'new', 'estimates.json');
        if (!existsSync(estimates)) continue;
        const ns = JSON.parse(readFileSync(estimates, 'utf8')).median.point_estimate;
        found.push({ name: `${group}/${fn}`, n, ms: ns / 1e6, at: statSync(estimates).mtimeMs });
      }
    }
  }
}
// Only the last run's benchmarks (criterion keeps the results of benchmarks since removed).
const newest = Math.max(0, ...found.map((f) => f.at));
for (const f of found.filter((f) => newest - f.at < 3600 * 1000)) {
  criterion[f.name] ??= {};
  criterion[f.name][f.n] = Number(f.ms.toPrecision(3));
}
out.criterion_median_ms = criterion;
writeFileSync(file, JSON.stringify(out, null, 2));
console.log(`bundle sizes and ${Object.keys(criterion).length} criterion medians added to ${file}`);
