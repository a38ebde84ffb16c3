// Dashboard first load in headless Chromium: navigation start to every chart drawn, against a running service.
//   node e2e/bench.mjs <base URL> <API key> [runs=10]
// The first run is cold (empty browser cache), the others warm (a fresh page in the same browser). Also prints the
// built bundle's size (dist/assets, raw and gzip).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const [base, apiKey, runsText] = process.argv.slice(2);
if (!base || !apiKey) {
  console.error('usage: node e2e/bench.mjs <base URL> <API key> [runs]');
  process.exit(2);
}
const runs = Number(runsText ?? 10);
const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHARTS = ['[data-chart="channels"] .recharts-bar-rectangle', '[data-chart="funnel"] .recharts-bar-rectangle',
  '[data-chart="timeline"] .recharts-area', 'tr[data-distribution]'];

const browser = await chromium.launch({
  executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-gpu',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
await context.addInitScript((key) => sessionStorage.setItem('funnelstream.apiKey', key), apiKey);
const times = [];
for (let i = 0; i < runs; i++) {
  const page = await context.newPage();
  await page.goto(base, { waitUntil: 'commit' });
  await Promise.all(CHARTS.map((selector) => page.locator(selector).first().waitFor({ timeout: 60_000 })));
  const ms = await page.evaluate(() => performance.now());
  const source = await page.evaluate(async (key) => {
    const r = await fetch('/api/analytics/delivery/overview', { headers: { 'X-API-Key': key } });
    const body = await r.json();
    return { source: r.headers.get('X-Funnelstream-Source'), sent: body.total.counts.messages.sent };
  }, apiKey);
  times.push(ms);
  console.log(`run ${i + 1}${i === 0 ? ' (cold)' : ''}: ${ms.toFixed(0)} ms to every chart drawn`
    + ` (figures from ${source.source}, ${source.sent} sent in the default 24 h)`);
  await page.close();
}
await browser.close();
const warm = times.slice(1).sort((a, b) => a - b);
const pct = (q) => warm[Math.min(warm.length - 1, Math.floor(q * warm.length))];
console.log(`cold ${times[0].toFixed(0)} ms; warm median ${pct(0.5)?.toFixed(0)} ms, max ${warm.at(-1)?.toFixed(0)} ms`);
const assets = join(web, 'dist', 'assets');
for (const file of readdirSync(assets)) {
  const bytes = statSync(join(assets, file)).size;
  const gz = gzipSync(readFileSync(join(assets, file))).length;
  console.log(`bundle ${file}: ${(bytes / 1024).toFixed(1)} KiB, gzip ${(gz / 1024).toFixed(1)} KiB`);
}
