/**
 * `pnpm bench`: builds database files, starts the real server in a child
 * process and loads it from this process with autocannon. Prints figures;
 * asserts nothing (targets are read by people, not by unit tests).
 *   1. the hot paths: sign-ups beside a bare Hono route doing one insert,
 *      redemptions and transfers beside a bare two-row insert (each bracketed
 *      by two runs of its yardstick, so a machine that slows down mid-run
 *      does not decide the ratio); a read idle and while 50 clients sign up;
 *      the first page's bytes on the wire;
 *   2. issue 12's sizes (BENCH_SIZES, default S,M): every list's p50/p99 with
 *      10 connections (the street dashboard among them), the ledger's
 *      verification, and p99(large)/p99(S); the street dashboard's first
 *      reading and the figures' refresh time per place (current month, closed months).
 * BENCH_SECONDS (hot-path runs), BENCH_LIST_SECONDS, BENCH_SIZES (none: hot
 * paths only), BENCH_HOT_PATHS=0 (sizes only), BENCH_CPU_PROF=<folder>.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrateDatabase, openDatabase } from "../src/db/client";
import { seedDemoIfEmpty } from "../src/seed/demo";
import { hotPaths } from "./hot-paths";
import { runSize, type SizedResult } from "./sized";
import { SIZES, type Size } from "./sized-data";
import { DURATION_S } from "./measure";

const RATIO_TARGET = 1.5;

function sizesAsked(): Size[] {
  const names = (process.env.BENCH_SIZES ?? "S,M").split(",").map((s) => s.trim().toUpperCase());
  return names.filter((n): n is Size["name"] => n in SIZES).map((n) => SIZES[n]);
}

/** The demo street, seeded once (its passwords take seconds to hash) and copied for every size. */
async function seededTemplate(file: string, now: number): Promise<void> {
  const database = openDatabase(`file:${file}`);
  await migrateDatabase(database);
  await seedDemoIfEmpty(database.db, now);
  database.close();
}

function printSize(r: SizedResult): void {
  const { name, volunteers, activities, requests, ledgerEntries } = r.size;
  console.log(
    `\nsize ${name} (${volunteers.toLocaleString()} volunteers, ${activities.toLocaleString()} activities, ${requests.toLocaleString()} requests, ${ledgerEntries.toLocaleString()} ledger entries) built in ${r.buildS} s; rows: ${JSON.stringify(r.counts)}`,
  );
  console.table(
    r.lists.map((l) => ({ list: l.list, "p50 ms": l.p50, "p99 ms": l.p99, "non-2xx": l.non2xx, reads: l.reads })),
  );
  console.log(`GET /api/points/verify: ${r.verify}`);
  console.log(`API server RSS after size ${name}: ${r.rssEndMb.toFixed(0)} MB (target ≤ 300)`);
  console.log(
    `street dashboard: first reading ${r.dashboardFirstMs} ms (computed on reading unless the figures job, started with the server, has kept it already); then p99 above (target < 200 ms). The refresh job's work per place (decision 0013):`,
  );
  console.table(r.refresh);
}

function printRatios(results: SizedResult[]): void {
  const small = results[0];
  if (!small || results.length < 2) return;
  console.log(`\np99 ratio per list against size ${small.size.name} (target ≤ ${RATIO_TARGET})`);
  console.table(
    small.lists.map((l, i) => ({
      list: l.list,
      [`p99 ${small.size.name} ms`]: l.p99,
      ...Object.fromEntries(
        results.slice(1).flatMap((r) => {
          const p99 = r.lists[i]?.p99 ?? NaN;
          return [
            [`p99 ${r.size.name} ms`, p99],
            [`${r.size.name}/${small.size.name}`, (p99 / Math.max(1, l.p99)).toFixed(2)],
          ];
        }),
      ),
    })),
  );
}

const dir = mkdtempSync(join(tmpdir(), "tongxin-bench-"));
try {
  const now = Date.now();
  if (process.env.BENCH_HOT_PATHS !== "0") await hotPaths(dir, now);
  const sizes = sizesAsked();
  if (sizes.length > 0 && !sizes.some((s) => s.name === "L"))
    console.log(
      "\nsize L (200k volunteers, 1M activities, 1M requests, 5M ledger entries) is not built by default: on a 2-core machine its data alone takes well over the few minutes the bench may use; M stands in for it. BENCH_SIZES=S,L runs it.",
    );
  const template = join(dir, "template.db");
  if (sizes.length > 0) await seededTemplate(template, now);
  const results: SizedResult[] = [];
  if (sizes.length > 0)
    console.log(
      `\nlists: 10 connections, ${process.env.BENCH_LIST_SECONDS ?? 3} s per list; hot paths: ${DURATION_S} s per run`,
    );
  for (const size of sizes) {
    const result = await runSize(size, template, join(dir, `${size.name}.db`), now);
    printSize(result);
    results.push(result);
  }
  printRatios(results);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
