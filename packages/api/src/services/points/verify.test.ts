import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDatabase } from "../../../test/harness";
import type { InStatement } from "@libsql/client";
import type { Database } from "../../db/client";
import { GENESIS, entryHash } from "./seal";

/*
 * Verification must stream: on a ledger whose entries, as objects, would not
 * fit in the heap it is given, it still answers, and finds a tampered entry or
 * a wrong cached balance that lies far past the first chunk.
 */

const TRANSFERS = 120_000; // 240,000 entries: several hundred MB as row objects, against a 64 MB heap
const ACCOUNTS = 3_000;
const TRANSFERS_PER_INSERT = 2_000;
const HEAP_MB = 64;
const CHILD = fileURLToPath(new URL("../../../test/verify-child.ts", import.meta.url));

async function verifyInSmallHeap(path: string) {
  const tsx = fileURLToPath(new URL("../../../node_modules/.bin/tsx", import.meta.url));
  const { stdout } = await promisify(execFile)(tsx, [CHILD, path], {
    env: { ...process.env, NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout) as {
    ok: boolean;
    entries: number;
    transfers: number;
    sum: number;
    negative: string[];
    unbalanced: number[];
    chainBreaks: number[];
    cacheMismatches: string[];
    sound: boolean;
  };
}

/** Transfers from the street's issuance to volunteers by one recursive statement; their entries, already chained, in multi-row inserts of one transaction. */
async function bulkLedger(database: Database) {
  await database.client.execute(`
    WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ${TRANSFERS})
    INSERT INTO ledger_transfers (debit, credit, amount, state, reason, idempotency_key, two_phase, created_at)
    SELECT 'issuance:1', 'volunteer:' || (n % ${ACCOUNTS} + 1), n % 7 + 1, 'posted', '测试', 'bulk-' || n, 0, n FROM k`);
  const statements: InStatement[] = [];
  let prev = GENESIS;
  for (let first = 1; first <= TRANSFERS; first += TRANSFERS_PER_INSERT) {
    const args: (string | number)[] = [];
    for (let n = first; n < first + TRANSFERS_PER_INSERT && n <= TRANSFERS; n++) {
      const amount = (n % 7) + 1;
      for (const entry of [
        { transferId: n, account: "issuance:1" as const, amount: -amount },
        { transferId: n, account: `volunteer:${(n % ACCOUNTS) + 1}` as const, amount },
      ]) {
        const hash = entryHash(prev, { ...entry, createdAt: n });
        args.push(entry.transferId, entry.account, entry.amount, n, prev, hash);
        prev = hash;
      }
    }
    statements.push({
      sql: `INSERT INTO ledger_entries (transfer_id, account, amount, created_at, prev_hash, hash) VALUES ${Array(
        args.length / 6,
      )
        .fill("(?, ?, ?, ?, ?, ?)")
        .join(", ")}`,
      args,
    });
  }
  await database.client.batch(statements, "write");
}

describe("ledger verification on a ledger larger than its heap", () => {
  let database: Database;
  let path: string;
  let cleanup: () => void;

  beforeAll(async () => {
    ({ database, path, cleanup } = await tempDatabase());
    await bulkLedger(database);
  }, 120_000);
  afterAll(() => cleanup());

  it("verifies a sound ledger of 240,000 entries within a 64 MB heap", async () => {
    const report = await verifyInSmallHeap(path);
    expect(report).toMatchObject({
      ok: true,
      entries: TRANSFERS * 2,
      transfers: TRANSFERS,
      sum: 0,
      negative: [],
      unbalanced: [],
      chainBreaks: [],
      cacheMismatches: [],
      sound: true,
    });
  }, 120_000);

  it("finds an entry edited far down the ledger and a cached balance that no longer matches", async () => {
    const [row] = (
      await database.client.execute(`select id, transfer_id, account from ledger_entries where id = ${TRANSFERS + 8}`)
    ).rows;
    const entryId = Number(row?.id);
    // Someone with the file drops the guards and edits an entry and a cached balance.
    await database.client.executeMultiple(`
      DROP TRIGGER ledger_entries_immutable;
      UPDATE ledger_entries SET amount = amount + 1 WHERE id = ${entryId};
      UPDATE ledger_balances SET posted = posted + 5 WHERE account = 'volunteer:${ACCOUNTS}';`);
    const report = await verifyInSmallHeap(path);
    expect(report).toMatchObject({
      ok: true,
      sum: 1,
      unbalanced: [Number(row?.transfer_id)],
      chainBreaks: [entryId],
      sound: false,
    });
    expect(report.cacheMismatches.sort()).toEqual([String(row?.account), `volunteer:${ACCOUNTS}`].sort());
  }, 120_000);
});
