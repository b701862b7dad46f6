// Adds the bundle sizes and the criterion medians to bench-results/bench.json, so that one file
// holds every figure of a benchmark run. Run by scripts/bench.sh after criterion.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const file = 'bench-results/bench.json';
const out = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
out.bundle = JSON.parse(execFileSync('node', ['scripts/sizes.mjs', process.env.BENCH_DIST ?? 'dist', '--json']));

// target/criterion/<group>/<function>/<deals>/new/estimates.json → median in milliseconds.
const root = join(process.env.CARGO_TARGET_DIR ?? 'target', 'criterion');
const criterion = {};
if (existsSync(root)) {
  for (const group of readdirSync(root).filter((g) => g !== 'report')) {
    for (const fn of readdirSync(join(root, group)).filter((f) => f !== 'report')) {
      for (const n of readdirSync(join(root, group, fn)).filter((d) => /^\d+$/.test(d))) {
        const estimates = join(root, group, fn, n, 'new', 'estimates.json');
        if (!existsSync(estimates)) continue;
        const ns = JSON.parse(readFileSync(estimates, 'utf8')).median.point_estimate;
        criterion[`${group}/${fn}`] ??= {};
        criterion[`${group}/${fn}`][n] = Math.round(ns / 1e3) / 1e3;
      }
    }
  }
}
out.criterion_median_ms = criterion;
writeFileSync(file, JSON.stringify(out, null, 2));
console.log(`bundle sizes and ${Object.keys(criterion).length} criterion medians added to ${file}`);
