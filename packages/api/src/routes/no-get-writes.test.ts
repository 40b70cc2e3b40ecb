import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client, InStatement, Transaction } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { Sessions } from "../auth/session";
import { createApp } from "../app";
import * as schema from "../db/schema";
import { DEMO, testApp, type TestApp } from "../../test/harness";

/**
 * A GET reads: several instances may answer it at once and a crawler may
 * repeat it, so none may write (sealing the chain is the sealing job's, not
 * the chain page's). The one write a read may cause is its audit: reading
 * people's data is logged (decision 0008), and a session is kept alive;
 * and a public lookup by code counts its tries, so codes cannot be guessed cheaply.
 */
const ALLOWED =
  /^(insert into "access_log"|update "sessions"|delete from "sessions"|insert into "rate_counters"|update "rate_counters")/i;
const WRITE = /^\s*(insert|update|delete|replace)\b/i;

let t: TestApp;
let app: ReturnType<typeof createApp>;
const writes: string[] = [];
let recording = false;

const sqlOf = (s: InStatement) => (typeof s === "string" ? s : s.sql);
const record = (statements: InStatement[]) => {
  if (recording) writes.push(...statements.map(sqlOf).filter((sql) => WRITE.test(sql) && !ALLOWED.test(sql.trim())));
};

/** The client with every statement it runs (directly, in batches and in transactions) recorded. */
function recorded(client: Client): Client {
  const watch = <T extends Client | Transaction>(target: T): T =>
    new Proxy(target, {
      get(inner, prop, receiver) {
        const value = Reflect.get(inner, prop, receiver) as unknown;
        if (typeof value !== "function") return value;
        if (prop === "execute")
          return (s: InStatement, ...rest: unknown[]) => (
            record([s]), (value as (...a: unknown[]) => unknown).call(inner, s, ...rest)
          );
        if (prop === "batch")
          return (ss: InStatement[], ...rest: unknown[]) => (
            record(ss), (value as (...a: unknown[]) => unknown).call(inner, ss, ...rest)
          );
        if (prop === "transaction")
          return async (...args: unknown[]) =>
            watch(await (value as (...a: unknown[]) => Promise<Transaction>).apply(inner, args));
        return (value as (...a: unknown[]) => unknown).bind(inner);
      },
    });
  return watch(client);
}

beforeAll(async () => {
  t = await testApp();
  const client = recorded(t.database.client);
  const database = { ...t.database, client, db: drizzle(client, { schema }) };
  app = createApp({ ...t.deps, database, sessions: new Sessions(database) });
});
afterAll(() => t.cleanup());

describe("no GET writes", () => {
  it("no GET route writes, for anyone: not the public chain, not verification, not a list", async () => {
    const routes = Object.entries(
      (await t.agent().get("/api/openapi.json")).json.paths as Record<string, Record<string, unknown>>,
    )
      // Health writes on purpose: a load balancer asks whether this instance can still write.
      .filter(([path, methods]) => "get" in methods && path !== "/health")
      .map(([path]) => `/api${path}`.replace(/\{code\}/g, "12345678").replace(/\{[^}]+\}/g, "1"));
    expect(routes).toContain("/api/public/points/chain");
    const cookies = [null];
    for (const phone of [DEMO.streetAdmin, DEMO.communityStaff, DEMO.volunteer])
      cookies.push((await t.agent().login(phone)).cookie as never);
    // The demo ledger is unsealed: a GET that sealed would show here.
    expect(
      Number((await t.database.client.execute("select count(*) n from ledger_entries where hash is null")).rows[0]?.n),
    ).toBeGreaterThan(0);
    const writers: string[] = [];
    for (const path of routes) {
      for (const cookie of cookies) {
        writes.length = 0;
        recording = true;
        const res = await app.request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} });
        await res.arrayBuffer();
        recording = false;
        if (writes.length > 0) writers.push(`GET ${path} → ${writes[0]}`);
      }
    }
    expect([...new Set(writers)]).toEqual([]);
  }, 120_000);
});
