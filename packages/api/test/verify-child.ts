/*
 * Verifies the ledger of the database file named by argv[2] and prints the
 * report as JSON: run by verify.test.ts in a process with a small heap.
 */
import { Sessions } from "../src/auth/session";
import { openDatabase } from "../src/db/client";
import { verifyLedger } from "../src/services/points/verify";

const database = openDatabase(`file:${process.argv[2]}`);
const actor = { userId: 1, grants: [{ role: "streetAdmin" as const, scopeKind: "street" as const, scopeId: 1 }] };
const report = await verifyLedger({
  deps: {
    database,
    sessions: new Sessions(database),
    now: () => Date.now(),
    log: () => {},
    config: { trustProxy: false, allowedOrigins: [] },
  },
  actor,
  requestId: "verify-child",
});
database.close();
process.stdout.write(JSON.stringify(report));
