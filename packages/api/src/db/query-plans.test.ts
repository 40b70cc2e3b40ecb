import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { must, shanghaiDate } from "@tongxin/core";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { refreshFigures } from "../services/dashboard/figures";
import { sealChain } from "../services/points/seal";
import { closeUnconfirmed } from "../services/request/sweep";
import { expireReservations } from "../services/store/expire";
import { refreshDueWarnings } from "../services/warning/refresh";
import { notify } from "../services/notify";
import { dispatchOutbox } from "../services/outbox/dispatch";

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
const GROWING = [
  "requests",
  "request_events",
  "request_holds",
  "ledger_entries",
  "ledger_transfers",
  "earnings",
  "users",
  "volunteers",
  "activities",
  "shifts",
  "signups",
  "audit_log",
  "access_log",
  "notifications",
  "redemptions",
  "donations",
  "offers",
  "projects",
  "project_milestones",
  "hours",
  "certificates",
  "warnings",
  "wall_links",
  "topics",
  "topic_steps",
  "meetings",
  "meeting_votes",
  "topic_supports",
  "topic_comments",
  "topic_objections",
  "commitments",
  "commitment_reports",
  "commitment_report_photos",
  "meeting_invitations",
  "care_profiles",
  "care_profile_categories",
  "care_pairings",
  "care_visits",
  "service_hours",
  "outbox",
  "message_channels",
  "api_tokens",
];

let captured: string[] | null = null;

function captureStatements() {
  const prepare = NativeDatabase.prototype.prepare;
  NativeDatabase.prototype.prepare = function (this: NativeDatabase, sql: string) {
    captured?.push(sql);
    return prepare.call(this, sql);
  };
  return () => (NativeDatabase.prototype.prepare = prepare);
}

/** Partial indexes that hold only a queue's due rows (what the sealer has yet to chain), not a table's history. */
const QUEUES = ["ledger_entries_unsealed"];

/* A range on the primary key alone (`rowid>?`, a cursor) walks the whole table from the cursor on: a scan by another name. */

/** A statement whose rows an index already narrows to one person, one page or one search may sort them (never a community's rows). */
const problemsOf = (plan: { detail: string }[], maySort: boolean) =>
  plan
    .map((step) => step.detail)
    .filter(
      (detail) =>
        (!maySort && detail.includes("USE TEMP B-TREE")) ||
        (GROWING.some((table) =>
          new RegExp(`^(SCAN ${table}\\b|SEARCH ${table} USING INTEGER PRIMARY KEY \\(rowid[<>])`).test(detail),
        ) &&
          !QUEUES.some((queue) => new RegExp(`USING (COVERING )?INDEX ${queue}\\b`).test(detail))),
    );

/**
 * `sorts`: the statements allowed to sort their narrowed rows; `uses`: a plan step one of the statements must show;
 * `open`: makes the address to read (`path` then only names it).
 */
type Row = {
  list: string;
  as: keyof typeof DEMO;
  path: string;
  sorts?: RegExp;
  uses?: RegExp;
  open?: (agent: Agent) => Promise<string>;
  /** An address `open` makes is read signed out unless the row says it is read with the session. */
  signedIn?: true;
};

const PAGE_SIGNUPS = /from "signups" where \("signups"."shift_id" in/;
const DASHBOARD_SORTS = /group by|count\(distinct/i;

const LISTS: Row[] = [
  { list: "meetings", as: "communityStaff", path: "/api/communities/1/meetings", uses: /meetings_community_starts/ },
  { list: "my meetings", as: "committeeMember", path: "/api/me/meetings", uses: /meeting_invitations_user/ },
  {
    list: "agenda topics",
    as: "communityStaff",
    path: "/api/communities/1/agenda-topics",
    uses: /topics_community_status \(community_id=\? AND status=\?/,
  },
  { list: "requests, staff", as: "communityStaff", path: "/api/requests?communityId=1" },
  { list: "requests, staff, by status", as: "communityStaff", path: "/api/requests?communityId=1&status=submitted" },
  {
    list: "requests, staff, overdue",
    as: "communityStaff",
    path: "/api/requests?communityId=1&overdue=1",
    uses: /requests_open \(community_id=\?/,
  },
  { list: "public board", as: "resident", path: "/api/public/communities/1/board" },
  { list: "honor roll", as: "resident", path: "/api/public/honor-roll?communityId=1" },
  { list: "my points", as: "volunteer", path: "/api/me/points" },
  { list: "my requests", as: "resident", path: "/api/me/requests" },
  { list: "request feed", as: "volunteer", path: "/api/me/request-feed" },
  { list: "my request tasks", as: "volunteer", path: "/api/me/tasks/requests" },
  {
    list: "my shift tasks",
    as: "volunteer",
    path: "/api/me/tasks/shifts",
    sorts: /from "signups"/,
    uses: /signups_user_status \(user_id=\?/,
  },
  {
    list: "my shifts",
    as: "volunteer",
    path: "/api/me/shifts",
    sorts: /from "signups"/,
    uses: /signups_user_status \(user_id=\?/,
  },
  { list: "my notifications", as: "volunteer", path: "/api/me/notifications" },
  {
    list: "deliveries outside the app",
    as: "communityStaff",
    path: "/api/communities/1/deliveries",
    uses: /outbox_community \(community_id=\?/,
  },
  {
    list: "failed deliveries outside the app",
    as: "communityStaff",
    path: "/api/communities/1/deliveries?state=failed",
    uses: /outbox_community_state \(community_id=\? AND state=\?/,
  },
  { list: "my access log", as: "resident", path: "/api/me/access-log" },
  {
    list: "API tokens of the street",
    as: "streetAdmin",
    path: "/api/streets/1/api-tokens",
    uses: /api_tokens_street \(street_id=\?/,
  },
  {
    list: "my awards",
    as: "volunteer",
    path: "/api/me/awards",
    sorts: /from "rating_awards"/,
    uses: /rating_awards_subject \(subject_key=\?/,
  },
  { list: "my points, a month", as: "volunteer", path: "/api/me/points?month=2026-12" },
  { list: "activities", as: "volunteer", path: "/api/activities?communityId=1" },
  { list: "activities by category", as: "volunteer", path: "/api/activities?communityId=1&category=elderly" },
  { list: "volunteers", as: "communityStaff", path: "/api/volunteers?communityId=1" },
  { list: "accounts", as: "communityStaff", path: "/api/accounts?communityId=1" },
  { list: "audit", as: "communityStaff", path: "/api/audit?communityId=1" },
  { list: "access log", as: "communityStaff", path: "/api/communities/1/access-log" },
  { list: "requests book", as: "communityStaff", path: "/api/requests/export?communityId=1&format=csv" },
  { list: "requests book, overdue", as: "communityStaff", path: "/api/requests/export?communityId=1&overdue=1" },
  {
    list: "requests book, closed: the last holders of a page",
    as: "communityStaff",
    path: "/api/requests/export?communityId=1&status=closed&format=csv",
    uses: /request_holds_request \(request_id=\?/,
  },
  { list: "volunteers book", as: "communityStaff", path: "/api/volunteers/export?communityId=1" },
  // A page's shifts' attendance is grouped from those shifts' sign-ups only.
  {
    list: "activity shifts",
    as: "communityStaff",
    path: "/api/communities/1/activity-shifts",
    sorts: PAGE_SIGNUPS,
  },
  {
    list: "activity shifts, finished",
    as: "communityStaff",
    path: "/api/communities/1/activity-shifts?status=finished",
    sorts: PAGE_SIGNUPS,
    uses: /shifts_community_start \(community_id=\?/,
  },
  {
    list: "activities book",
    as: "communityStaff",
    path: "/api/communities/1/activity-shifts/export?format=csv",
    sorts: PAGE_SIGNUPS,
    uses: /service_hours_shift \(shift_id=\?/,
  },
  { list: "points ledger", as: "communityStaff", path: "/api/communities/1/points/transfers?month=2026-11" },
  { list: "store redemptions", as: "communityStaff", path: "/api/communities/1/store/redemptions?month=2026-11" },
  {
    list: "points ledger book",
    as: "communityStaff",
    path: "/api/communities/1/points/export?kind=statement&month=2026-11&format=csv",
  },
  {
    list: "store redemptions book",
    as: "communityStaff",
    path: "/api/communities/1/points/export?kind=redemptions&month=2026-11&format=csv",
  },
  { list: "audit book", as: "communityStaff", path: "/api/audit/export?communityId=1&format=csv" },
  {
    list: "teams book",
    as: "communityStaff",
    path: "/api/communities/1/teams/export?format=csv",
    sorts: /from "team_members" where \("team_members"."team_id" in/,
  },
  { list: "partner units book", as: "communityStaff", path: "/api/communities/1/partner-units/export?format=csv" },
  {
    list: "offers",
    as: "communityStaff",
    path: "/api/communities/1/offers",
    sorts: /from "offer_slots" where \("offer_slots"."offer_id" in/,
  },
  {
    list: "projects",
    as: "communityStaff",
    path: "/api/communities/1/projects",
    sorts: /from "project_milestones" where "project_milestones"."project_id" in/,
  },
  { list: "partner units", as: "communityStaff", path: "/api/communities/1/partner-units" },
  { list: "teams", as: "communityStaff", path: "/api/communities/1/teams" },
  { list: "store items", as: "volunteer", path: "/api/communities/1/store/items" },
  {
    list: "community points",
    as: "communityStaff",
    path: "/api/communities/1/points",
    sorts: /from "ledger_transfers" where \(\("ledger_transfers"."debit" in/,
  },
  { list: "rating cycles", as: "communityStaff", path: "/api/communities/1/rating-cycles" },
  { list: "a rating cycle's entries", as: "committeeMember", path: "/api/rating-cycles/1/entries" },
  {
    list: "ratings book",
    as: "committeeMember",
    path: "/api/rating-cycles/1/entries/export?format=csv",
    uses: /rating_nominations_cycle \(cycle_id=\? AND id>\?\)/,
  },
  { list: "public notices", as: "resident", path: "/api/public/notices?communityId=1" },
  // 两公开: a community's topics newest first through (community_id, id); one topic's votes counted per meeting.
  { list: "public topics", as: "resident", path: "/api/public/communities/1/topics", uses: /topics_community_id/ },
  {
    list: "a topic's public history",
    as: "resident",
    path: "/api/public/communities/1/topics/<done>",
    open: async (agent) => {
      const items = (await agent.get("/api/public/communities/1/topics?limit=100")).json.items as {
        id: number;
        status: string;
      }[];
      return `/api/public/communities/1/topics/${must(items.find((i) => i.status === "done")).id}`;
    },
    sorts: /from "topic_steps"|from "meeting_votes"/,
  },
  // The demo volunteer's certificate (the only one seeded) by id to print, and by its code to verify.
  { list: "a certificate, to print", as: "volunteer", path: "/api/certificates/1" },
  { list: "certificate verification", as: "resident", path: "/api/public/certificates/QFHP26ZYCS" },
  {
    list: "public chain",
    as: "resident",
    path: "/api/public/points/chain",
    sorts: /from "ledger_transfers" where \(\("ledger_transfers"."debit" >= \?/,
    uses: /ledger_entries_(unsealed|hash) \(hash=\?\)|ledger_entries_unsealed/,
  },
  {
    list: "residents picker",
    as: "gridWorker",
    path: "/api/me/residents?q=%E7%94%B0",
    sorts: /from "users" left join "buildings"/,
    uses: /SEARCH users USING INDEX users_building \(building_id=\?/,
  },
  {
    list: "volunteers by pinyin",
    as: "communityStaff",
    path: "/api/volunteers?communityId=1&q=zs",
    uses: /volunteers_community_initials \(community_id=\? AND name_initials>\? AND name_initials<\?\)/,
  },
  {
    list: "volunteers by pinyin, a later page: the rest of the cursor's key is a seek, not a walk from the key's start",
    as: "communityStaff",
    path: `/api/volunteers?communityId=1&q=z&cursor=${Buffer.from(JSON.stringify([1, "zs", 1])).toString("base64url")}`,
    uses: /volunteers_community_initials \(community_id=\? AND name_initials=\? AND rowid>\?\)/,
  },
  {
    list: "volunteers by full pinyin, after the initials' matches",
    as: "communityStaff",
    path: "/api/volunteers?communityId=1&q=zhang&limit=100",
    uses: /volunteers_community_full \(community_id=\? AND name_full>\? AND name_full<\?\)/,
  },
  {
    list: "my calendar feed",
    as: "volunteer",
    path: "/api/calendar/<token>.ics",
    open: async (agent) => new URL((await agent.post("/api/me/calendar")).json.url).pathname,
    sorts: /from "signups"/,
    uses: /signups_user_status \(user_id=\?/,
  },
  // 预警: each scope's warnings through its own index, open first and newest first; a grid's subtree may sort its few.
  { list: "warnings, street", as: "streetAdmin", path: "/api/warnings?scope=street&id=1", uses: /warnings_street/ },
  {
    list: "warnings, community",
    as: "communityStaff",
    path: "/api/warnings?scope=community&id=1",
    uses: /warnings_community \(community_id=\?/,
  },
  {
    list: "warnings, grid",
    as: "gridWorker",
    path: "/api/warnings?scope=grid&id=1",
    sorts: /from "warnings"/,
    uses: /warnings_grid \(grid_id=\?/,
  },
  {
    list: "wall links of a community",
    as: "communityStaff",
    path: "/api/walls?kind=community&id=1",
    uses: /wall_links_place \(place_kind=\? AND place_id=\?/,
  },
  {
    list: "a wall by its link, signed out",
    as: "communityStaff",
    path: "/api/public/walls/<token>",
    open: async (agent) =>
      (await agent.post("/api/walls", { kind: "community", id: 1 })).json.path.replace(
        "/wall/t/",
        "/api/public/walls/",
      ),
    sorts: DASHBOARD_SORTS,
    uses: /wall_links_token_hash_unique/,
  },
  // 承诺践诺: each filter through its own index, in its order.
  {
    list: "commitments, staff",
    as: "communityStaff",
    path: "/api/communities/1/commitments",
    uses: /commitments_community_id \(community_id=\?/,
  },
  {
    list: "commitments, staff, by state",
    as: "communityStaff",
    path: "/api/communities/1/commitments?state=kept",
    uses: /commitments_community_state \(community_id=\? AND state=\?/,
  },
  {
    list: "commitments, staff, by kind",
    as: "communityStaff",
    path: "/api/communities/1/commitments?committerKind=branch",
    uses: /commitments_community_kind \(community_id=\? AND committer_kind=\?/,
  },
  {
    list: "commitments, staff, due soon",
    as: "communityStaff",
    path: "/api/communities/1/commitments?due=soon",
    uses: /commitments_open_due \(community_id=\? AND due_on>\? AND due_on<\?/,
  },
  {
    list: "commitments, staff, overdue",
    as: "communityStaff",
    path: "/api/communities/1/commitments?due=overdue",
    uses: /commitments_open_due \(community_id=\? AND due_on<\?/,
  },
  { list: "my commitments", as: "volunteer", path: "/api/me/commitments", uses: /commitments_created_by/ },
  {
    list: "commitments, public",
    as: "resident",
    path: "/api/public/communities/1/commitments",
    uses: /commitments_community_id \(community_id=\?/,
  },
  // 红色汇治: grouped aggregates over a place's rows in an index range (months, groups) may sort those rows.
  { list: "dashboard, street", as: "streetAdmin", path: "/api/dashboards/street/1", sorts: DASHBOARD_SORTS },
  {
    list: "dashboard, community",
    as: "communityStaff",
    path: "/api/dashboards/communities/1",
    sorts: DASHBOARD_SORTS,
    uses: /requests_community_created \(community_id=\? AND created_at>\? AND created_at<\?\)/,
  },
  { list: "dashboard, grid", as: "gridWorker", path: "/api/dashboards/grids/1", sorts: DASHBOARD_SORTS },
  // 议题: a community's topics newest first, each filter through its own index.
  { list: "topics", as: "resident", path: "/api/communities/1/topics", uses: /topics_community_id \(community_id=\?/ },
  {
    list: "topics by status",
    as: "resident",
    path: "/api/communities/1/topics?status=deliberating",
    uses: /topics_community_status \(community_id=\? AND status=\?/,
  },
  {
    list: "topics at a step",
    as: "committeeMember",
    path: "/api/communities/1/topics?step=announce",
    uses: /topics_community_step \(community_id=\? AND current_step=\?/,
  },
  // A topic's discussion oldest first through (topic_id, id): the demo's consultation, 健身器材维修, is seeded 11th.
  {
    list: "a topic's comments",
    as: "resident",
    path: "/api/topics/11/comments?limit=10",
    uses: /topic_comments_topic \(topic_id=\? AND id>\?\)/,
  },
  {
    list: "a topic's objections",
    as: "resident",
    path: "/api/topics/11/objections",
    uses: /topic_objections_topic \(topic_id=\? AND id>\?\)/,
  },
  // 民情账: a household's visits newest first, the confirmations waiting oldest first, a visitor's own households.
  {
    list: "a household's care",
    as: "communityStaff",
    path: "/api/households/<cared>/care",
    open: caredHousehold,
    signedIn: true,
    // The page's requests are those of the household's few residents, newest first.
    sorts: /from "requests" where "requests"."owner_user_id" in/,
    uses: /care_visits_household \(household_id=\?/,
  },
  {
    list: "a household's visits, a later page",
    as: "communityStaff",
    path: "/api/households/<cared>/care/visits",
    signedIn: true,
    open: async (agent) =>
      `${await caredHousehold(agent)}/visits?cursor=${Buffer.from(JSON.stringify({ a: 999999 })).toString("base64url")}`,
    uses: /care_visits_household \(household_id=\?/,
  },
  {
    list: "care visits waiting for confirmation",
    as: "gridWorker",
    path: "/api/communities/1/care/unconfirmed",
    uses: /care_visits_unconfirmed \(community_id=\?/,
  },
  {
    list: "my care households",
    as: "volunteer",
    path: "/api/me/care/households",
    sorts: /from "care_pairings"/,
    uses: /care_pairings_visitor \(visitor_user_id=\?/,
  }, // The grid's book: each grid's profiles in household order; a page's residents' requests are counted by owner.
  {
    list: "the grid's care book",
    as: "gridWorker",
    path: "/api/grids/1/care/book",
    sorts: /from "requests" where "requests"."owner_user_id" in/,
    uses: /care_profiles_grid \(grid_id=\? AND household_id>\?\)/,
  },
  {
    list: "the grid's care book, downloaded",
    as: "gridWorker",
    path: "/api/grids/1/care/book/export?format=csv",
    sorts: /from "requests" where "requests"."owner_user_id" in/,
    uses: /care_profiles_grid \(grid_id=\? AND household_id>\?\)/,
  },
  {
    list: "care counts of the street",
    as: "streetAdmin",
    path: "/api/streets/1/care/counts",
    sorts: /from "care_profile_categories"/,
    uses: /care_profile_categories_grid \(grid_id=\?/,
  },
];

/** The first household of the demo's grid with a care profile (one is written when the seed has none). */
async function caredHousehold(agent: Agent): Promise<string> {
  const path = "/api/households/1/care";
  const page = await agent.get(path);
  if (!page.json.profile)
    await agent.put(path, { categories: ["livingAlone"], level: "weekly", emergencyContact: null });
  await agent.post("/api/households/1/care/visits", {
    visitedOn: shanghaiDate(t.clock.ms),
    mode: "phone",
    wellbeing: "good",
  });
  return path;
}

// One demo database for both tables below; its statistics are dropped on a connection of the explainer's own.
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

/** A read whose answer is no JSON (a calendar feed), as a client without a session makes it. */
const fetchText = async (path: string) => ({ status: (await t.app.request(`http://localhost${path}`)).status });

/** The SELECTs `work` runs, captured from the native driver. */
async function selectsDuring<R>(work: () => Promise<R>): Promise<{ result: R; statements: string[] }> {
  captured = [];
  const result = await work();
  const statements = captured.filter((sql) => /^\s*(select|with)\b/i.test(sql));
  captured = null;
  return { result, statements };
}

/** A book (台账) read to its end: its statements run as the download streams. */
async function downloaded(agent: Agent, path: string) {
  const res = await t.app.request(`http://localhost${path}`, {
    headers: { ...agent.headers, cookie: must(agent.cookie) },
  });
  await res.arrayBuffer();
  return res;
}

describe("every list is served by an index in its order", () => {
  it.each(LISTS)("$list ($path) neither sorts nor scans a growing table", async (row) => {
    const { as, path, sorts, uses, open, signedIn } = row;
    const agent = await t.agent().login(DEMO[as]);
    const target = open ? await open(agent) : path;
    const { result: res, statements } = await selectsDuring(() =>
      open && !signedIn ? fetchText(target) : path.includes("/export?") ? downloaded(agent, path) : agent.get(target),
    );
    expect(res.status).toBe(200);
    expect(statements.length).toBeGreaterThan(0);
    explainer ??= await openExplainer(t);
    const plans = statements.map((sql) => ({ sql, plan: explainer.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() }));
    expect(
      plans.flatMap(({ sql, plan }) => problemsOf(plan, sorts?.test(sql) ?? false).map((p) => `${p} in: ${sql}`)),
    ).toEqual([]);
    if (uses)
      expect(plans.flatMap(({ plan }) => plan.map((step) => step.detail))).toContainEqual(expect.stringMatching(uses));
  });
});

const SWEEPS: { sweep: string; run: (t: TestApp) => Promise<unknown>; sorts?: RegExp }[] = [
  { sweep: "request auto-close", run: (t) => closeUnconfirmed(t.deps) },
  { sweep: "store reservation expiry", run: (t) => expireReservations(t.deps) },
  { sweep: "ledger sealing", run: (t) => sealChain(t.database.client) },
  // 预警: each community's facts are grouped counts over an index range (a shift's waiting volunteers, a grid's active ones).
  { sweep: "warnings", run: (t) => refreshDueWarnings(t.deps), sorts: DASHBOARD_SORTS },
  // The dashboards read above are kept: the job recomputes their current month (and closed months a day later).
  {
    sweep: "dashboard figures refresh",
    run: async (t) => {
      t.clock.ms += 24 * 3_600_000;
      return refreshFigures(t.deps);
    },
    sorts: DASHBOARD_SORTS,
  },
];

describe("the outbox dispatcher", () => {
  it("claims its due rows by an index, neither sorting nor scanning the outbox", async () => {
    const volunteerId = await t
      .agent()
      .login(DEMO.volunteer)
      .then(async (a) => (await a.get("/api/me")).json.user.id);
    await t.database.db.transaction((tx) =>
      notify(tx, [volunteerId], "points_donated", { amount: 1, message: "", path: "/points" }, t.clock.ms),
    );
    captured = [];
    expect(await dispatchOutbox(t.deps)).toBeGreaterThan(0);
    const statements = captured.filter((sql) => /^\s*(select|update "outbox")/i.test(sql));
    captured = null;
    explainer ??= await openExplainer(t);
    const claim = statements.find((sql) => /^update "outbox" set "state" = \?, "attempts"/.test(sql));
    const claimPlan = explainer
      .prepare(`EXPLAIN QUERY PLAN ${must(claim)}`)
      .all()
      .map((s) => s.detail);
    expect(claimPlan).toContainEqual(expect.stringMatching(/outbox_due \(next_attempt_at<\?\)/));
    expect(
      statements.flatMap((sql) =>
        problemsOf(explainer.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(), false).map((p) => `${p} in: ${sql}`),
      ),
    ).toEqual([]);
  });
});

describe("a call with an API token", () => {
  it("finds its token by the secret's hash and its issuer's standing by index, neither sorting nor scanning", async () => {
    const admin = await t.agent().login(DEMO.streetAdmin);
    const { secret } = (
      await admin.post("/api/streets/1/api-tokens", { name: "区平台", access: "read", expiresInDays: 1 })
    ).json;
    const { result: res, statements } = await selectsDuring(async () =>
      t.app.request("http://localhost/api/communities/1/teams", { headers: { authorization: `Bearer ${secret}` } }),
    );
    expect(res.status).toBe(200);
    explainer ??= await openExplainer(t);
    const lookup = must(statements.find((sql) => /from "api_tokens"/.test(sql)));
    const plan = explainer
      .prepare(`EXPLAIN QUERY PLAN ${lookup}`)
      .all()
      .map((s) => s.detail);
    expect(plan).toContainEqual(expect.stringMatching(/api_tokens_token_hash \(token_hash=\?\)/));
    expect(plan).toContainEqual(expect.stringMatching(/role_grants_live \(user_id=\? AND role=\? AND scope_kind=\?/));
    expect(problemsOf(explainer.prepare(`EXPLAIN QUERY PLAN ${lookup}`).all(), false)).toEqual([]);
  });
});

describe("every sweep finds its due rows by an index", () => {
  it.each(SWEEPS)("$sweep neither sorts nor scans a growing table", async ({ run, sorts }) => {
    const { statements } = await selectsDuring(() => run(t));
    expect(statements.length).toBeGreaterThan(0);
    explainer ??= await openExplainer(t);
    expect(
      statements.flatMap((sql) =>
        problemsOf(explainer.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(), sorts?.test(sql) ?? false).map(
          (p) => `${p} in: ${sql}`,
        ),
      ),
    ).toEqual([]);
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
