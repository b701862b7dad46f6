// Prints the clock sweep as a table at the end of a run: every moment and zone tried, with
// its tests passed, and writes the same table to test-results/clock-sweep.md.
import { mkdirSync, writeFileSync } from 'node:fs';

export default class SweepReporter {
  constructor() {
    this.rows = new Map();
  }

  onTestEnd(test, result) {
    const project = test.parent.project();
    if (!project?.use?.moment || !project.name.startsWith('clock: ')) return;
    const row = this.rows.get(project.name) ?? {
      moment: project.use.moment,
      zone: project.use.timezoneId,
      name: project.name.slice('clock: '.length).replace(/ \(.*\)$/, ''),
      passed: 0,
      failed: 0,
    };
    // A retried test counts once, by its last result.
    if (result.retry === test.retries || result.status === 'passed') {
      if (result.status === 'passed' || result.status === 'skipped') row.passed += 1;
      else row.failed += 1;
    }
    this.rows.set(project.name, row);
  }

  onEnd() {
    if (this.rows.size === 0) return;
    const lines = [
      '| moment | local time | zone | tests | result |',
      '|---|---|---|---|---|',
      ...[...this.rows.values()].map(
        (r) => `| ${r.name} | ${r.moment.replace('T', ' ')} | ${r.zone} | ${r.passed + r.failed} | ${r.failed ? `${r.failed} failed` : 'all passed'} |`,
      ),
    ];
    const table = lines.join('\n');
    console.log(`\nClock sweep (tests tagged @clock at each moment):\n${table}\n`);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/clock-sweep.md', `${table}\n`);
  }
}
