import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, or, isNull, notInArray, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import {
  activities,
  commitments,
  communities,
  households,
  partnerUnits,
  projectEvents,
  projects,
  ratingCycles,
  redemptions,
  requests,
  roleGrants,
  shifts,
  teams,
  users,
  offers,
  volunteers,
  buildings,
  certificates,
  grids,
  topics,
  meetings,
  streets,
  wallLinks,
} from "../db/schema";
import { DEMO_CERTIFICATE_CODE } from "../seed/certificates";
import { wallTokenHash } from "../services/wall/link";
import { testApp, DEMO, type Agent, type TestApp } from "../../test/harness";
import { must } from "@tongxin/core";

let t: TestApp;
/** A wall link to community 1, made in the table: its token is known only here. */
const WALL_TOKEN = "w".repeat(43);
beforeAll(async () => {
  t = await testApp();
  const [maker] = await t.database.db.select({ id: users.id }).from(users).limit(1);
  await t.database.db.insert(wallLinks).values({
    placeKind: "community",
    placeId: 1,
    tokenHash: wallTokenHash(WALL_TOKEN),
    createdBy: must(maker).id,
    createdAt: t.deps.now(),
  });
});
afterAll(() => t.cleanup());

/** Every answer anyone can read without signing in, over the demo street (with its published ratings and notice). */
const PUBLIC = [
  "/api/public/notices?communityId=1",
  "/api/public/honor-roll?communityId=1",
  "/api/public/communities/1/board",
  "/api/public/points/chain",
  `/api/public/certificates/${DEMO_CERTIFICATE_CODE}`,
  `/api/public/walls/${WALL_TOKEN}`,
  "/api/communities/1/offers",
  "/api/communities/1/projects",
  "/api/communities/1/partner-units",
  "/api/public/communities/1/topics",
  // The demo's first topic is 和平社区's done one: its history shows every step, meeting counts and the result.
  "/api/public/communities/1/topics/1",
  "/api/public/communities/1/commitments",
];

const PHONE = /(?<![\da-zA-Z])1[3-9]\d{9}(?![\da-zA-Z])/;

/** What no stranger may read: the full names of people who did not consent, any phone, any door. */
async function secrets(except: { name?: string; household?: string } = {}) {
  const db = t.database.db;
  const consenting = new Set(
    (
      await db
        .select({ name: users.name })
        .from(users)
        .innerJoin(volunteers, eq(volunteers.userId, users.id))
        .where(eq(volunteers.publicNameConsent, true))
    ).map((p) => p.name),
  );
  const private_ = await db
    .select({ name: users.name })
    .from(users)
    .leftJoin(volunteers, eq(volunteers.userId, users.id))
    .where(or(isNull(volunteers.userId), eq(volunteers.publicNameConsent, false)));
  // A namesake who consented may be shown; the test cannot tell the two apart.
  const names = [...new Set(private_.map((p) => p.name))].filter(
    (n) => Array.from(n).length >= 2 && !consenting.has(n) && n !== except.name,
  );
  const doors = [...new Set((await db.select({ name: households.name }).from(households)).map((h) => h.name))].filter(
    (d) => d !== except.household,
  );
  return { names, doors };
}

function leaksIn(text: string, { names, doors }: Awaited<ReturnType<typeof secrets>>, ownPhone?: string) {
  const phones = (text.match(new RegExp(PHONE, "g")) ?? []).filter((p) => p !== ownPhone);
  return [...phones, ...names.filter((n) => text.includes(n)), ...doors.filter((d) => text.includes(d))];
}

/** Where a path's {id} comes from: the word before it; a list's items are of the kind its path ends with. */
const KIND_OF_SEGMENT: Record<string, string> = {
  communities: "communities",
  buildings: "buildings",
  volunteers: "users",
  teams: "teams",
  "partner-units": "partnerUnits",
  activities: "activities",
  shifts: "shifts",
  requests: "requests",
  "request-feed": "requests",
  projects: "projects",
  "rating-cycles": "ratingCycles",
  offers: "offers",
  certificates: "certificates",
  street: "streets",
  grids: "grids",
  topics: "topics",
  commitments: "commitments",
  meetings: "meetings",
  households: "households",
};
/** Where an id found in an answer belongs: by its key (teamId: 3) or by the key holding its object (teams: [{ id: 3 }]). */
const KIND_OF_KEY: Record<string, string> = {
  communityId: "communities",
  buildingId: "buildings",
  userId: "users",
  volunteerId: "users",
  teamId: "teams",
  partnerUnitId: "partnerUnits",
  activityId: "activities",
  shiftId: "shifts",
  requestId: "requests",
  projectId: "projects",
  cycleId: "ratingCycles",
  offerId: "offers",
  topicId: "topics",
  meetingId: "meetings",
  householdId: "households",
  communities: "communities",
  buildings: "buildings",
  teams: "teams",
  team: "teams",
  units: "partnerUnits",
  partnerUnits: "partnerUnits",
  activities: "activities",
  shifts: "shifts",
  requests: "requests",
  projects: "projects",
  cycles: "ratingCycles",
  offers: "offers",
  volunteers: "users",
  volunteer: "users",
  members: "users",
  leaders: "users",
};
const PER_KIND = 16;
/** The crawl must read at least this many 200 answers, or it checked too little to mean anything. */
const MIN_ANSWERS = 80;

type Pools = Map<string, Set<string>>;

const kindOfPath = (url: string) =>
  KIND_OF_SEGMENT[
    must(
      must(url.split("?")[0])
        .split("/")
        .filter((part) => !/^\d+$/.test(part))
        .at(-1),
    )
  ];

/** Adds every id in an answer to the pool of its kind; `kind` is what an `id` at this level stands for. */
function collect(pools: Pools, value: unknown, kind: string | undefined) {
  if (Array.isArray(value)) return value.forEach((v) => collect(pools, v, kind));
  if (!value || typeof value !== "object") return;
  for (const [key, v] of Object.entries(value)) {
    const idKind = key === "id" ? kind : KIND_OF_KEY[key];
    if (idKind && (typeof v === "number" || typeof v === "string") && /^\d+$/.test(String(v)))
      add(pools, idKind, String(v));
    else collect(pools, v, key === "items" ? kind : KIND_OF_KEY[key]);
  }
}

function add(pools: Pools, kind: string, id: string) {
  const pool = pools.get(kind) ?? new Set<string>();
  if (pool.size < PER_KIND * 3) pool.add(id);
  pools.set(kind, pool);
}

/** Real objects of every kind, first and last (so other communities too), to start the walk. */
async function seedPools(): Promise<Pools> {
  const db = t.database.db;
  const pools: Pools = new Map();
  const tables: [string, SQLiteTable, SQLiteColumn][] = [
    ["communities", communities, communities.id],
    ["buildings", buildings, buildings.id],
    ["users", users, users.id],
    ["teams", teams, teams.id],
    ["partnerUnits", partnerUnits, partnerUnits.id],
    ["activities", activities, activities.id],
    ["shifts", shifts, shifts.id],
    ["requests", requests, requests.id],
    ["projects", projects, projects.id],
    ["ratingCycles", ratingCycles, ratingCycles.id],
    ["offers", offers, offers.id],
    ["certificates", certificates, certificates.id],
    ["streets", streets, streets.id],
    ["grids", grids, grids.id],
    ["topics", topics, topics.id],
    ["commitments", commitments, commitments.id],
    ["meetings", meetings, meetings.id],
    ["households", households, households.id],
  ];
  for (const [kind, table, id] of tables) {
    const first = await db.select({ id }).from(table).orderBy(asc(id)).limit(2);
    const last = await db.select({ id }).from(table).orderBy(sql`${id} desc`).limit(2);
    const spread = await db.select({ id }).from(table).where(sql`${id} % 7 = 3`).orderBy(asc(id)).limit(6);
    for (const row of [...first, ...last, ...spread]) add(pools, kind, String(row.id));
  }
  for (const r of await db.select({ id: redemptions.communityId, code: redemptions.code }).from(redemptions).limit(2))
    add(pools, "pickups", `${r.id}/${r.code}`);
  return pools;
}

/** Every GET of the OpenAPI document, its path ids taken from the pools, with communityId tried on lists that take it. */
async function urls(agent: Agent, pools: Pools) {
  const doc = (await agent.get("/api/openapi.json")).json as {
    paths: Record<string, { get?: { parameters?: { in: string; name: string }[] } }>;
  };
  const out: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!ops.get) continue;
    const takesCommunity = (ops.get.parameters ?? []).some((p) => p.in === "query" && p.name === "communityId");
    const queries = takesCommunity
      ? ["", ...[...(pools.get("communities") ?? [])].slice(0, 3).map((id) => `?communityId=${id}`)]
      : [""];
    if (path.includes("{code}")) {
      for (const pick of [...(pools.get("pickups") ?? [])])
        out.push(
          `/api${path.replace("{id}/store/pickups/{code}", `${pick.split("/")[0]}/store/pickups/${pick.split("/")[1]}`)}`,
        );
      continue;
    }
    const match = /\/([a-z-]+)\/\{id\}/.exec(path);
    const ids = match ? [...(pools.get(must(KIND_OF_SEGMENT[must(match[1])])) ?? [])].slice(0, PER_KIND) : [""];
    for (const id of ids) for (const q of queries) out.push(`/api${path.replace("{id}", id)}${q}`);
  }
  return out;
}

/** Reads every GET twice: the first pass fills the pools from the answers, the second visits what it found. */
async function crawl(agent: Agent, except: { name?: string; household?: string; phone?: string } = {}) {
  const forbidden = await secrets(except);
  const pools = await seedPools();
  const seen = new Set<string>();
  const leaks: string[] = [];
  let answered = 0;
  for (let pass = 0; pass < 2; pass++) {
    for (const url of await urls(agent, pools)) {
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await agent.get(url);
      if (res.status !== 200) continue;
      answered++;
      collect(pools, res.json, kindOfPath(url));
      for (const leak of leaksIn(JSON.stringify(res.json), forbidden, except.phone)) leaks.push(`${url}: ${leak}`);
    }
  }
  return { leaks, answered, seen };
}

/**
 * An ordinary volunteer of another community than the demo accounts', signed in with the demo password:
 * no role and holding no request (a holder is entrusted with its resident's details, and 我的任务 lists
 * what they hold, so the walk would rightly find them).
 */
async function outsider() {
  const db = t.database.db;
  const [demo] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.phone, DEMO.volunteer));
  const staffIds = db
    .select({ id: roleGrants.userId })
    .from(roleGrants)
    .where(notInArray(roleGrants.role, ["resident", "volunteer"]));
  const holderIds = db
    .select({ id: sql<number>`cast(substr(${requests.holderKey}, 11) as integer)` })
    .from(requests)
    .where(sql`${requests.holderKey} like 'volunteer:%'`);
  const [someone] = await db
    .select({ id: users.id, phone: users.phone, name: users.name, household: households.name })
    .from(users)
    .innerJoin(volunteers, eq(volunteers.userId, users.id))
    .innerJoin(households, eq(households.id, users.householdId))
    .where(and(sql`${users.communityId} <> 1`, notInArray(users.id, staffIds), notInArray(users.id, holderIds)))
    .orderBy(asc(users.id))
    .limit(1);
  await db
    .update(users)
    .set({ passwordHash: must(demo).hash })
    .where(eq(users.id, must(someone).id));
  return { ...must(someone), agent: await t.agent().login(must(someone).phone) };
}

describe("public answers", () => {
  it("the list above covers every /api/public route in the OpenAPI document", async () => {
    const doc = (await t.agent().get("/api/openapi.json")).json as { paths: Record<string, unknown> };
    // Paths are relative to the document's server, /api.
    const publicPaths = Object.keys(doc.paths).filter((p) => p.startsWith("/public"));
    expect(publicPaths.length).toBeGreaterThanOrEqual(4);
    for (const path of publicPaths)
      expect(
        PUBLIC.some(
          (url) =>
            must(url.split("?")[0])
              .replace(/\/1\//, "/{id}/")
              .replace(DEMO_CERTIFICATE_CODE, "{code}")
              .replace(WALL_TOKEN, "{token}")
              .replace(/\/topics\/\d+$/, "/topics/{topicId}") === `/api${path}`,
        ),
      ).toBe(true);
  });

  it.each(PUBLIC)("%s holds no phone number and no full name of anyone who did not consent", async (url) => {
    const res = await t.agent().get(url);
    expect(res.status).toBe(200);
    expect(leaksIn(JSON.stringify(res.json), await secrets())).toEqual([]);
  });

  it("no GET of the whole API shows a stranger a private name, a phone or a door, whatever object it is asked about", async () => {
    const { leaks, answered, seen } = await crawl(t.agent());
    console.log(`anonymous crawl: ${seen.size} reads, ${answered} answered`);
    expect(answered).toBeGreaterThanOrEqual(MIN_ANSWERS);
    expect(leaks).toEqual([]);
  }, 120_000);

  it("no GET shows a volunteer of another community a private name, a phone or a door of anyone but themselves", async () => {
    const me = await outsider();
    const { leaks, answered, seen } = await crawl(me.agent, {
      name: me.name,
      household: me.household,
      phone: me.phone,
    });
    console.log(`volunteer crawl: ${seen.size} reads, ${answered} answered`);
    expect(answered).toBeGreaterThanOrEqual(MIN_ANSWERS);
    expect(leaks).toEqual([]);
  }, 120_000);
});

describe("names of organisers, leaders and actors", () => {
  let u: TestApp;
  beforeAll(async () => {
    u = await testApp();
  });
  afterAll(() => u.cleanup());

  /** Where the demo team leader (赵志刚) and street admin (周文斌) are named: an activity he organises, his team, a project's history. */
  async function pages() {
    const db = u.database.db;
    const [leader] = await db.select({ id: users.id }).from(users).where(eq(users.phone, DEMO.teamLeader));
    const [activity] = await db
      .select({ id: activities.id })
      .from(activities)
      .where(eq(activities.organiserUserId, must(leader).id))
      .limit(1);
    const [team] = await db
      .select({ id: roleGrants.scopeId })
      .from(roleGrants)
      .where(and(eq(roleGrants.userId, must(leader).id), eq(roleGrants.role, "teamLeader")));
    // A project of community 1 whose history names the street admin (an unordered "first project" depends on the plan).
    const [project] = await db
      .select({ id: projects.id })
      .from(projects)
      .innerJoin(projectEvents, eq(projectEvents.projectId, projects.id))
      .innerJoin(users, eq(users.id, projectEvents.actorUserId))
      .where(and(eq(projects.communityId, 1), eq(users.phone, DEMO.streetAdmin)))
      .limit(1);
    return {
      leaderId: must(leader).id,
      read: async (agent: Agent) => ({
        organiser: (await agent.get(`/api/activities/${must(activity).id}`)).json.organiserName,
        leaders: (await agent.get(`/api/teams/${must(team).id}`)).json.leaders.map((l: { name: string }) => l.name),
        actors: [
          ...new Set(
            (await agent.get(`/api/projects/${must(project).id}/events`)).json.events.map(
              (e: { actor: string }) => e.actor,
            ),
          ),
        ],
      }),
    };
  }

  it("are masked for strangers and ordinary volunteers, and in full for the community's staff", async () => {
    const { read } = await pages();
    const masked = { organiser: "赵*刚", leaders: ["赵*刚"], actors: ["周*斌"] };
    expect(await read(u.agent())).toEqual(masked);
    expect(await read(await u.agent().login(DEMO.volunteer))).toEqual(masked);
    expect(await read(await u.agent().login(DEMO.communityStaff))).toEqual({
      organiser: "赵志刚",
      leaders: ["赵志刚"],
      actors: ["周文斌"],
    });
  });

  it("are in full for everyone once the person consents on their volunteer profile", async () => {
    const { read, leaderId } = await pages();
    await u.database.db.update(volunteers).set({ publicNameConsent: true }).where(eq(volunteers.userId, leaderId));
    expect(await read(u.agent())).toEqual({ organiser: "赵志刚", leaders: ["赵志刚"], actors: ["周*斌"] });
  });
});
