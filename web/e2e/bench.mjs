// Dashboard first load in headless Chromium: navigation start to every chart drawn, against a running service.
//   node e2e/bench.mjs <base URL> <API key> [loads=5]
// Each load opens a fresh browser context (empty HTTP cache: a first visit), then loads the page once more in that
// context (a return visit, cached files). "Drawn" is the first animation frame after the page holds every chart's
// marks (channel bars, funnel bars, timeline areas, a distribution row), taken inside the page by a
// MutationObserver, so the harness's own polling adds nothing. One load before them is not counted (warm-up).
// Prints per load the phases from the browser's own timings, the JavaScript transferred per file (compressed on the
// wire and decoded), the load average, and the built files' sizes (raw, gzip, brotli).
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const [base, apiKey, loadsText] = process.argv.slice(2);
if (!base || !apiKey) {
  console.error('usage: node e2e/bench.mjs <base URL> <API key> [loads]');
  process.exit(2);
}
const loads = Number(loadsText ?? 5);
const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHARTS = ['[data-chart="channels"] .recharts-bar-rectangle', '[data-chart="funnel"] .recharts-bar-rectangle',
  '[data-chart="timeline"] .recharts-area', 'tr[data-distribution]'];
const DASHBOARD_CALLS = ['/overview', '/funnel', '/timeline', '/distributions'];

/** Runs in the page before its own scripts: notes the frame in which every chart is present. */
function watchCharts({ key, selectors }) {
  sessionStorage.setItem('funnelstream.apiKey', key);
  const observer = new MutationObserver(() => {
    if (!selectors.every((s) => document.querySelector(s))) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      window.__chartsDrawn = performance.now();
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function measure(context) {
  const page = await context.newPage();
  await page.goto(base, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__chartsDrawn !== undefined, null, { timeout: 60_000, polling: 50 });
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource').map((r) => ({
      name: new URL(r.name).pathname,
      type: r.initiatorType,
      start: r.startTime,
      end: r.responseEnd,
      transfer: r.transferSize,
      encoded: r.encodedBodySize,
      decoded: r.decodedBodySize,
    }));
    return { drawn: window.__chartsDrawn, html: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, resources };
  });
  const source = await page.evaluate(async (key) => {
    const r = await fetch('/api/analytics/delivery/overview', { headers: { 'X-API-Key': key } });
    return { source: r.headers.get('X-Funnelstream-Source'), sent: (await r.json()).total.counts.messages.sent };
  }, apiKey);
  await page.close();
  const files = t.resources.filter((r) => r.name.startsWith('/assets/'));
  // The first answer of each call (a live update later fetches them again).
  const calls = DASHBOARD_CALLS.map((c) => t.resources.find((r) => r.name.endsWith(c))).filter(Boolean);
  return {
    ...t,
    source,
    files,
    scriptsEnd: Math.max(...files.map((r) => r.end)),
    callsStart: Math.min(...calls.map((r) => r.start)),
    callsEnd: Math.max(...calls.map((r) => r.end)),
  };
}

function phases(m) {
  return `html ${m.html.toFixed(0)}, files ${m.scriptsEnd.toFixed(0)}, DOMContentLoaded ${m.dcl.toFixed(0)}, `
    + `API ${m.callsStart.toFixed(0)}-${m.callsEnd.toFixed(0)}, drawn ${m.drawn.toFixed(0)} ms`;
}

const browser = await chromium.launch({
  executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-gpu',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
// One load not counted: after a restart the service's first answers wait for its JIT, which no visitor of a
// running service sees.
{
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.addInitScript(watchCharts, { key: apiKey, selectors: CHARTS });
  await measure(context);
  await context.close();
}
console.log(`load average at start: ${load()}`);
const cold = [];
const warm = [];
for (let i = 0; i < loads; i++) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.addInitScript(watchCharts, { key: apiKey, selectors: CHARTS });
  const first = await measure(context);
  const again = await measure(context);
  await context.close();
  cold.push(first.drawn);
  warm.push(again.drawn);
  console.log(`load ${i + 1}: first visit ${first.drawn.toFixed(0)} ms, return visit ${again.drawn.toFixed(0)} ms `
    + `(load average ${load()}; figures from ${first.source.source}, `
    + `${first.source.sent} sent in the API's default range)`);
  console.log(`  first visit:  ${phases(first)}`);
  console.log(`  return visit: ${phases(again)}`);
  if (i === 0) {
    for (const f of first.files) {
      console.log(`  ${f.name}: ${kib(f.transfer)} transferred (body ${kib(f.encoded)} on the wire, `
        + `${kib(f.decoded)} decoded), ${f.start.toFixed(0)}-${f.end.toFixed(0)} ms`);
    }
    const js = first.files.filter((f) => f.name.endsWith('.js'));
    console.log(`  JavaScript, first visit: ${kib(js.reduce((n, f) => n + f.encoded, 0))} on the wire, `
      + `${kib(js.reduce((n, f) => n + f.decoded, 0))} decoded; return visit: `
      + `${kib(again.files.reduce((n, f) => n + f.transfer, 0))} transferred`);
  }
}
await browser.close();
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const median = s[Math.floor((s.length - 1) / 2)];
  return `median ${median.toFixed(0)} ms, min ${s[0].toFixed(0)}, max ${s.at(-1).toFixed(0)}`;
};
console.log(`first visit (${cold.length}): ${stats(cold)}; return visit (${warm.length}): ${stats(warm)}`);
console.log(`load average at end: ${load()}`);
const assets = join(web, 'dist', 'assets');
for (const file of readdirSync(assets).filter((f) => /\.(js|css)$/.test(f)).sort()) {
  const bytes = readFileSync(join(assets, file));
  console.log(`bundle ${file}: ${kib(bytes.length)}, gzip ${kib(gzipSync(bytes, { level: 9 }).length)}, `
    + `brotli ${kib(brotliCompressSync(bytes).length)}`);
}
