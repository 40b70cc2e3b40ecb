/**
 * `pnpm bench:books`: the books (台账) at bench size. Builds the demo street with
 * 200,000 requests (100,000 in community 1, which is half of everything) and
 * S's other tables, starts the built server as `pnpm start` runs it, and
 * downloads community 1's requests book (100,000 rows) as XLSX and as CSV and
 * its volunteers book, printing the seconds, the bytes and the server's RSS
 * before, at its highest during and after each download. Target: < 10 s, and
 * memory flat (the peak does not grow with the rows).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import { migrateDatabase, openDatabase } from "../src/db/client";
import { seedDemoIfEmpty } from "../src/seed/demo";
import { buildSized, SIZES } from "./sized-data";
import { login, rssMb, start, stop, waitFor } from "./measure";

const PORT = 18790;
const BASE = `http://127.0.0.1:${PORT}`;
const SIZE = { ...SIZES.S, requests: 200_000 };
const RSS_SAMPLE_MS = 50;
/** Start-up jobs (sweeps over the new requests) finish before anything is timed. */
const JOBS_SETTLE_MS = 15_000;

const BOOKS = [
  { name: "requests book, XLSX", path: "/api/requests/export?communityId=1&format=xlsx" },
  { name: "requests book, CSV", path: "/api/requests/export?communityId=1&format=csv" },
  {
    name: "requests book, XLSX, lang=en, status=closed",
    path: "/api/requests/export?communityId=1&status=closed&lang=en",
  },
  { name: "volunteers book, XLSX", path: "/api/volunteers/export?communityId=1" },
];

/** One download read to its end as a browser would, the server's RSS sampled meanwhile. */
async function download(api: ChildProcess, cookie: string, path: string) {
  const before = rssMb(api);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(api));
  }, RSS_SAMPLE_MS);
  const startMs = performance.now();
  let bytes = 0;
  let firstByteMs = 0;
  let lines = 0;
  try {
    const res = await fetch(BASE + path, { headers: { cookie } });
    if (!res.ok || !res.body) throw new Error(`${path}: ${res.status}`);
    for await (const chunk of res.body) {
      if (bytes === 0) firstByteMs = performance.now() - startMs;
      bytes += chunk.byteLength;
      for (const byte of chunk) if (byte === 10) lines++;
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - startMs) / 1000;
  return { seconds, firstByteMs, bytes, lines, before, peak, after: rssMb(api) };
}

const dir = mkdtempSync(join(tmpdir(), "tongxin-books-"));
try {
  const now = Date.now();
  const file = join(dir, "books.db");
  const database = openDatabase(`file:${file}`);
  await migrateDatabase(database);
  await seedDemoIfEmpty(database.db, now);
  const buildStart = performance.now();
  const { counts } = await buildSized(database, file, SIZE, now);
  database.close();
  console.log(`built in ${Math.round((performance.now() - buildStart) / 1000)} s: ${JSON.stringify(counts)}`);
  const api = start("api", PORT, `file:${file}`);
  try {
    await waitFor(`${BASE}/api/health`, 300_000);
    await new Promise((resolve) => setTimeout(resolve, JOBS_SETTLE_MS));
    const staff = await login(BASE, "13800000002");
    const rows = [];
    for (const book of BOOKS) {
      const figure = await download(api, staff, book.path);
      rows.push({
        book: book.name,
        s: figure.seconds.toFixed(2),
        "first byte ms": Math.round(figure.firstByteMs),
        MB: (figure.bytes / 1e6).toFixed(1),
        "CSV lines": book.path.includes("csv") ? figure.lines : "",
        "RSS before MB": Math.round(figure.before),
        "RSS peak MB": Math.round(figure.peak),
        "RSS after MB": Math.round(figure.after),
      });
    }
    console.table(rows);
  } finally {
    await stop(api);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
