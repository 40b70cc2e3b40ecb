import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDatabase } from "../../../test/harness";
import type { Database } from "../../db/client";
import { sealChain } from "./seal";

/*
 * Verification must stream: on a ledger whose entries, as objects, would not
 * fit in the heap it is given, it still answers, and finds a tampered entry or
 * a wrong cached balance that lies far past the first chunk.
 */

const TRANSFERS = 120_000; // 240,000 entries: several hundred MB as row objects, against a 64 MB heap
const ACCOUNTS = 3_000;
const HEAP_MB = 64;
const CHILD = fileURLToPath(new URL("../../../test/verify-child.ts", import.meta.url));

async function verifyInSmallHeap(path: string) {
  const tsx = fileURLToPath(new URL("../../../node_modules/.bin/tsx", import.meta.url));
  const { stdout } = await promisify(execFile)(tsx, [CHILD, path], { env: { ...process.env, NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` }, maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as { ok: boolean; entries: number; transfers: number; sum: number; negative: string[]; unbalanced: number[]; chainBreaks: number[]; cacheMismatches: string[]; sound: boolean; heapUsedMb: number };
}

/** Transfers from the street's issuance to volunteers, two entries each, written by one recursive statement; then sealed as the server does. */
async function bulkLedger(database: Database) {
  await database.client.executeMultiple(`
    BEGIN;
    WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ${TRANSFERS})
    INSERT INTO ledger_transfers (debit, credit, amount, state, reason, idempotency_key, two_phase, created_at)
    SELECT 'issuance:1', 'volunteer:' || (n % ${ACCOUNTS} + 1), n % 7 + 1, 'posted', '测试', 'bulk-' || n, 0, n FROM k;
    INSERT INTO ledger_entries (transfer_id, account, amount, created_at)
    SELECT t.id, CASE s.side WHEN 1 THEN t.debit ELSE t.credit END, CASE s.side WHEN 1 THEN -t.amount ELSE t.amount END, t.created_at
    FROM ledger_transfers t, (SELECT 1 AS side UNION ALL SELECT 2) s WHERE t.idempotency_key LIKE 'bulk-%' ORDER BY t.id, s.side;
    COMMIT;`);
  await sealChain(database.client);
}

describe("ledger verification on a ledger larger than its heap", () => {
  let database: Database;
  let path: string;
  let cleanup: () => void;

  beforeAll(async () => {
    ({ database, path, cleanup } = await tempDatabase());
    await bulkLedger(database);
  }, 300_000);
  afterAll(() => cleanup());

  it("verifies a sound ledger of 240,000 entries within a 64 MB heap", async () => {
    const report = await verifyInSmallHeap(path);
    expect(report).toMatchObject({ ok: true, entries: TRANSFERS * 2, transfers: TRANSFERS, sum: 0, negative: [], unbalanced: [], chainBreaks: [], cacheMismatches: [], sound: true });
  }, 120_000);

  it("finds an entry edited far down the ledger and a cached balance that no longer matches", async () => {
    const [row] = (await database.client.execute(`select id, transfer_id, account from ledger_entries where id = ${TRANSFERS + 8}`)).rows;
    const entryId = Number(row?.id);
    // Someone with the file drops the guards and edits an entry and a cached balance.
    await database.client.executeMultiple(`
      DROP TRIGGER ledger_entries_immutable;
      UPDATE ledger_entries SET amount = amount + 1 WHERE id = ${entryId};
      UPDATE ledger_balances SET posted = posted + 5 WHERE account = 'volunteer:${ACCOUNTS}';`);
    const report = await verifyInSmallHeap(path);
    expect(report).toMatchObject({ ok: true, sum: 1, unbalanced: [Number(row?.transfer_id)], chainBreaks: [entryId], sound: false });
    expect(report.cacheMismatches.sort()).toEqual([String(row?.account), `volunteer:${ACCOUNTS}`].sort());
  }, 120_000);
});
