// `npm run bench`: every figure beside its baseline and budget (PRODUCT.md), from one run.
import { cpus } from 'node:os';
import { measureCliStart } from './measure-cli-start.ts';
import { measureCoach } from './measure-coach.ts';
import { measureErase } from './measure-erase.ts';
import { type LoadFigures, measureExchangePage } from './measure-exchange-page.ts';
import { measureImport } from './measure-import.ts';
import { measureImportLoad } from './measure-import-load.ts';
import { measureMoment } from './measure-moment.ts';
import { measureUnreadUpload } from './measure-unread-upload.ts';
import { measureVCardParse } from './measure-vcard-parse.ts';
import { measureWebBundle, webBundleRows } from './measure-web-bundle.ts';
import { measureWebLatency, type Timings } from './measure-web-latency.ts';

const rows: { what: string; measured: string; baseline: string; budget: string; ok: boolean }[] = [];
const count = (value: number) => Math.round(value).toLocaleString('en-US');

const coach = measureCoach();
rows.push({
  what: `message coach (${count(coach.messages)} messages)`,
  measured: `${count(coach.coachPerSecond)} msg/s`,
  baseline: `write-good ${count(coach.writeGoodPerSecond)} msg/s (×${(coach.coachPerSecond / coach.writeGoodPerSecond).toFixed(1)})`,
  budget: '≥ 50,000 msg/s and faster than write-good',
  ok: coach.coachPerSecond >= 50_000 && coach.coachPerSecond > coach.writeGoodPerSecond,
});

const moment = measureMoment();
rows.push({
  what: 'moment advisor (10,000 moments)',
  measured: `${count(moment.verdictsPerSecond)} verdicts/s`,
  baseline: '—',
  budget: '≥ 500,000 verdicts/s',
  ok: moment.verdictsPerSecond >= 500_000,
});

const cli = measureCliStart();
rows.push({
  what: 'CLI: rapport moment … --json (median of 21)',
  measured: `${cli.rapportMomentMs.toFixed(0)} ms`,
  baseline: `bare node -e '' ${cli.bareNodeMs.toFixed(0)} ms`,
  budget: '≤ 200 ms',
  ok: cli.rapportMomentMs <= 200,
});

const imported = await measureImport();
rows.push({
  what: `vCard import over HTTP, SQLite (${count(imported.cards)} cards)`,
  measured: `${count(imported.cardsPerSecond)} cards/s`,
  baseline: '—',
  budget: '≥ 5,000 cards/s',
  ok: imported.cardsPerSecond >= 5_000,
});

const erased = await measureErase();
rows.push({
  what: `DELETE /api/people/:id, SQLite, WAL truncated (${erased.deletes} deletes)`,
  measured: `median ${erased.routeMedianMs.toFixed(1)} ms, p95 ${erased.routeP95Ms.toFixed(1)} ms`,
  baseline: `store delete alone, WAL kept: median ${erased.storeDeleteMedianMs.toFixed(1)} ms`,
  budget: '— (figure only)',
  ok: true,
});

for (const scaling of measureVCardParse()) {
  const ratio = scaling.tenTimesMs / scaling.onceMs;
  rows.push({
    what: `vCard parse, 10x input: ${scaling.input}`,
    measured: `${scaling.tenTimesMs.toFixed(1)} ms (×${ratio.toFixed(1)})`,
    baseline: `1x input ${scaling.onceMs.toFixed(1)} ms`,
    budget: 'linear: ≤ ×12',
    ok: ratio <= 12,
  });
}

const upload = await measureUnreadUpload();
rows.push({
  what: `unauthenticated 5 MB upload to the import, refused (median of ${upload.samples})`,
  measured: `${upload.refuseMedianMs.toFixed(1)} ms, RSS +${upload.rssGrowthMb} MB`,
  baseline: `small signed-in GET ${upload.smallRequestMedianMs.toFixed(1)} ms`,
  budget: '≤ 50 ms, memory unchanged (≤ +5 MB)',
  ok: upload.refuseMedianMs <= 50 && upload.rssGrowthMb <= 5,
});

const load = await measureImportLoad();
rows.push({
  what: `signed-in GET every 10 ms during a ${count(load.cards)}-card import, SQLite (${load.samples} reads)`,
  measured: `p99 ${load.duringP99Ms.toFixed(0)} ms, max ${load.duringMaxMs.toFixed(0)} ms (import ${load.importSeconds.toFixed(1)} s)`,
  baseline: `no import: p99 ${load.quietP99Ms.toFixed(0)} ms`,
  budget: 'p99 ≤ 50 ms',
  ok: load.duringP99Ms <= 50,
});
rows.push({
  what: `RSS around a ${count(load.cards)}-card import`,
  measured: `peak ${load.rssPeakMb} MB, a second after ${load.rssAfterMb} MB`,
  baseline: `before ${load.rssBeforeMb} MB`,
  budget: '—',
  ok: true,
});

rows.push(...webBundleRows(await measureWebBundle()));

const web = await measureWebLatency();
const timings = (figures: Timings) =>
  `median ${figures.medianMs.toFixed(1)} ms, p95 ${figures.p95Ms.toFixed(1)} ms`;
rows.push({
  what: `web Moment in Chromium: tap → new verdict (${web.moment.taps.samples} taps)`,
  measured: timings(web.moment.taps),
  baseline: `empty rAF round-trip ${timings(web.moment.frame)}`,
  budget: '≤ 16 ms (one frame)',
  ok: web.moment.taps.p95Ms <= 16,
});
rows.push({
  what: `web Compose in Chromium: keystroke → coach flags (${web.compose.keystrokes.samples} keys)`,
  measured: timings(web.compose.keystrokes),
  baseline: `empty rAF round-trip ${timings(web.compose.frame)}`,
  budget: '≤ 16 ms (one frame)',
  ok: web.compose.keystrokes.p95Ms <= 16,
});

const page = await measureExchangePage();
const rps = (figures: LoadFigures) => `${count(figures.requestsPerSecond)} req/s, p99 ${figures.p99Ms} ms`;
rows.push({
  what: 'public page GET /x/<token>, SQLite, 50 connections',
  measured: rps(page.sqlite),
  baseline: `bare Fastify hello-world ${rps(page.helloWorld)} (${Math.round((100 * page.sqlite.requestsPerSecond) / page.helloWorld.requestsPerSecond)}%)`,
  budget: '≥ 50% of hello-world, p99 ≤ 10 ms',
  ok:
    page.sqlite.requestsPerSecond >= page.helloWorld.requestsPerSecond / 2 &&
    page.sqlite.p99Ms <= 10 &&
    page.sqlite.non2xx === 0,
});
if (page.postgresOne && page.postgresTwo) {
  rows.push({
    what: 'public page, PostgreSQL: two processes vs one',
    measured: `two: ${rps(page.postgresTwo)}`,
    baseline: `one: ${rps(page.postgresOne)}`,
    budget: 'two behave as one (no errors)',
    ok: page.postgresOne.non2xx === 0 && page.postgresTwo.non2xx === 0,
  });
}

console.log(
  `Rapport benchmarks — node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, one core each\n`,
);
const headers = ['what', 'measured', 'baseline (same run)', 'budget', ''];
const table = rows.map((row) => [row.what, row.measured, row.baseline, row.budget, row.ok ? 'ok' : 'MISSED']);
const widths = headers.map((header, column) =>
  Math.max(header.length, ...table.map((cells) => cells[column]?.length ?? 0)),
);
for (const cells of [headers, ...table]) {
  console.log(
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}
process.exitCode = rows.every((row) => row.ok) ? 0 : 1;
