import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, testApp, type TestApp } from "../../test/harness";

/*
 * A list must cost a page, not a community: every SELECT an endpoint runs is
 * explained against the test database with its statistics removed (so the
 * planner assumes big tables, as at city scale) and must neither sort in a
 * temporary B-tree nor scan a table that grows with the city.
 */

type NativeStatement = { all: (...args: unknown[]) => { detail: string }[] };
type NativeDatabase = { prepare: (sql: string) => NativeStatement; exec: (sql: string) => void; close: () => void };
type NativeDatabaseClass = { new (path: string): NativeDatabase; prototype: NativeDatabase };

const requireFromClient = createRequire(createRequire(import.meta.url).resolve("@libsql/client"));
const NativeDatabase = requireFromClient("libsql") as NativeDatabaseClass;

/** Tables whose rows grow with people, requests, activities or points; the rest (structure, catalogues) stay small. */
const GROWING = ["requests", "request_events", "request_holds", "ledger_entries", "ledger_transfers", "earnings", "users", "volunteers", "activities", "shifts", "signups", "audit_log", "access_log", "notifications", "redemptions", "donations", "offers", "projects", "hours"];

let captured: string[] | null = null;

function captureStatements() {
  const prepare = NativeDatabase.prototype.prepare;
  NativeDatabase.prototype.prepare = function (this: NativeDatabase, sql: string) {
    captured?.push(sql);
    return prepare.call(this, sql);
  };
  return () => (NativeDatabase.prototype.prepare = prepare);
}

/** `sortsMatches`: a search whose matches an index range narrows may sort those matches (never the community). */
const problemsOf = (plan: { detail: string }[], sortsMatches: boolean) =>
  plan
    .map((step) => step.detail)
    .filter((detail) => (!sortsMatches && detail.includes("USE TEMP B-TREE")) || GROWING.some((table) => new RegExp(`^SCAN ${table}\\b`).test(detail)));

type Row = { list: string; as: keyof typeof DEMO; path: string; sortsMatches?: boolean; uses?: RegExp };

const LISTS: Row[] = [
  { list: "requests, staff", as: "communityStaff", path: "/api/requests?communityId=1" },
  { list: "requests, staff, by status", as: "communityStaff", path: "/api/requests?communityId=1&status=submitted" },
  { list: "requests, staff, overdue", as: "communityStaff", path: "/api/requests?communityId=1&overdue=1" },
  { list: "public board", as: "resident", path: "/api/public/communities/1/board" },
  { list: "honor roll", as: "resident", path: "/api/public/honor-roll?communityId=1" },
  { list: "my points", as: "volunteer", path: "/api/me/points" },
  { list: "volunteers by pinyin", as: "communityStaff", path: "/api/volunteers?communityId=1&q=zs", sortsMatches: true, uses: /volunteers_community_initials \(community_id=\? AND name_initials>\? AND name_initials<\?\)/ },
];

describe("every list is served by an index in its order", () => {
  let t: TestApp;
  let restore: () => void;
  let explainer: NativeDatabase;

  beforeAll(async () => {
    t = await testApp();
    restore = captureStatements();
  });
  afterAll(() => {
    restore();
    explainer?.close();
    t.cleanup();
  });

  it.each(LISTS)("$list ($path) neither sorts nor scans a growing table", async ({ as, path, sortsMatches = false, uses }) => {
    const agent = await t.agent().login(DEMO[as]);
    captured = [];
    const res = await agent.get(path);
    const statements = captured.filter((sql) => /^\s*(select|with)\b/i.test(sql));
    captured = null;
    expect(res.status).toBe(200);
    expect(statements.length).toBeGreaterThan(0);
    explainer ??= await openExplainer(t);
    const plans = statements.map((sql) => ({ sql, plan: explainer.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() }));
    expect(plans.flatMap(({ sql, plan }) => problemsOf(plan, sortsMatches).map((p) => `${p} in: ${sql}`))).toEqual([]);
    if (uses) expect(plans.some(({ plan }) => plan.some((step) => uses.test(step.detail)))).toBe(true);
  });
});

/** A connection of its own that sees no statistics: the planner then assumes every table is large. */
async function openExplainer(t: TestApp): Promise<NativeDatabase> {
  const { rows } = await t.database.client.execute("select file from pragma_database_list where name = 'main'");
  const path = String(rows[0]?.file);
  const cleaner = new NativeDatabase(path);
  cleaner.exec("DROP TABLE IF EXISTS sqlite_stat1");
  cleaner.close();
  return new NativeDatabase(path);
}
