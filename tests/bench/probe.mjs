// The benchmark's observers, shared by `bench.mjs` and `reload.mjs`.
// Installed in every page before its scripts: the first painted card (and Analytics' first
// chart), long tasks, slow
// interactions (Event Timing: input to next paint, reported from 16 ms), and the time of the
// last DOM change (to time a render that happens over several microtasks).
export const probe = () => {
  window.__bench = { longTasks: [], events: [], lastMutation: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.events.push({ name: e.name, start: e.startTime, duration: e.duration });
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  const first = new MutationObserver(() => {
    if (document.querySelector('.deal-card')) {
      window.__bench.firstCard = performance.now();
      first.disconnect();
    }
  });
  first.observe(document, { childList: true, subtree: true });
  const chart = new MutationObserver(() => {
    if (document.querySelector('section[data-view=analytics] .chart')) {
      window.__bench.firstChart = performance.now();
      chart.disconnect();
    }
  });
  chart.observe(document, { childList: true, subtree: true });
  // The header's save indicator changes on its own after a change (autosave): not part of
  // what is being timed.
  const inHeader = (node) => (node.nodeType === 1 ? node : node.parentElement)?.closest('header.header');
  new MutationObserver((records) => {
    if (records.some((r) => !inHeader(r.target))) window.__bench.lastMutation = performance.now();
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
};
