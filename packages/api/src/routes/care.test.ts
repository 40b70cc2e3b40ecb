import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, inArray, isNotNull, isNull, notInArray } from "drizzle-orm";
import { must, PAIRING_ENDED_WITH_ROLE, shanghaiDate } from "@tongxin/core";
import {
  accessLog,
  buildings,
  carePairings,
  careProfiles,
  earnings,
  grids,
  households,
  requests,
  roleGrants,
  serviceHours,
  users,
  volunteers,
} from "../db/schema";
import { gridSubtree } from "../services/scope";
import { gatherEvidence } from "../services/rating/subjects";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { makeVolunteers, userIdOf } from "../../test/volunteering";
import { Sessions } from "../auth/session";

// Community 1 (和平社区) is home to every demo account; community 2 (幸福里社区) is "another community".
const DAY_MS = 86_400_000;
const PNG = `data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(0)]).toString("base64")}`;
/** Care words no answer outside the care routes may carry. */
const NEEDS = "行动不便需要助行器MARK1";
const CONTACT = { name: "王建国", relation: "儿子", phone: "13912345678" };
const VISIT_NEEDS = "助行器坏了MARK2";

let t: TestApp;
let staff: Agent;
let gridWorker: Agent;
let volunteer: Agent;
let resident: Agent;
let admin: Agent;
let otherGridWorker: Agent;
let otherStaff: Agent;
let stranger: Agent;
let volunteerId: number;
/** A household of the grid worker's grid with a registered resident. */
let home: { id: number; residentId: number };
/** A household of the grid worker's grid nobody of which has an account. */
let empty: number;
/** A household of community 2. */
let elsewhere: number;

const reasonOf = (res: { json: any }) => res.json?.error?.reason;
const today = () => shanghaiDate(t.clock.ms);
const dayOffset = (n: number) => shanghaiDate(t.clock.ms + n * DAY_MS);
const profile = (over: Record<string, unknown> = {}) => ({
  categories: ["livingAlone"],
  level: "weekly",
  needs: NEEDS,
  emergencyContact: CONTACT,
  ...over,
});
const visit = (over: Record<string, unknown> = {}) => ({
  visitedOn: today(),
  mode: "inPerson",
  wellbeing: "fair",
  needs: "",
  ...over,
});

/** Someone signed in with one grant, made in the tables. */
async function personWith(
  phone: string,
  role: "gridWorker" | "communityStaff",
  scopeKind: "grid" | "community",
  scopeId: number,
) {
  const db = t.database.db;
  const [user] = await db
    .insert(users)
    .values({ phone, name: "外来者", passwordHash: "x", communityId: 2, createdAt: t.clock.ms })
    .returning({ id: users.id });
  await db.insert(roleGrants).values({ userId: must(user).id, role, scopeKind, scopeId, createdAt: t.clock.ms });
  const cookie = await new Sessions(t.database).create(must(user).id);
  const agent = t.agent();
  agent.cookie = `${cookie.name}=${cookie.value}`;
  return agent;
}

/** Households of the given grids, with their first resident when `withResident`, else with none. */
async function householdsIn(gridIds: number[], withResident: boolean) {
  const db = t.database.db;
  const housed = db.select({ id: users.householdId }).from(users).where(isNotNull(users.householdId));
  const rows = await db
    .select({ id: households.id })
    .from(households)
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .where(
      and(
        inArray(buildings.gridId, gridIds),
        withResident ? inArray(households.id, housed) : notInArray(households.id, housed),
        // The demo seed's cared-for households are not these tests' to start from.
        notInArray(households.id, db.select({ id: careProfiles.householdId }).from(careProfiles)),
      ),
    )
    .orderBy(asc(households.id))
    .limit(5);
  return rows.map((r) => r.id);
}

async function firstResident(householdId: number) {
  const [row] = await t.database.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.householdId, householdId))
    .orderBy(asc(users.id))
    .limit(1);
  return must(row).id;
}

beforeAll(async () => {
  t = await testApp();
  staff = await t.agent().login(DEMO.communityStaff);
  gridWorker = await t.agent().login(DEMO.gridWorker);
  volunteer = await t.agent().login(DEMO.volunteer);
  resident = await t.agent().login(DEMO.resident);
  admin = await t.agent().login(DEMO.streetAdmin);
  volunteerId = await userIdOf(t, DEMO.volunteer);
  // The demo seed pairs the demo volunteer with households of its own: these tests start from a volunteer paired with none.
  await t.database.db
    .update(carePairings)
    .set({ endedAt: t.clock.ms, endReason: "测试从未结对开始" })
    .where(and(eq(carePairings.visitorUserId, volunteerId), isNull(carePairings.endedAt)));
  [stranger] = await makeVolunteers(t, 1, "7711", { vouched: true }).then((a) => a);
  const db = t.database.db;
  const [grant] = await db
    .select({ gridId: roleGrants.scopeId })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(users.phone, DEMO.gridWorker), eq(roleGrants.role, "gridWorker")));
  const covered = await gridSubtree(db, must(grant).gridId);
  const [homeId] = await householdsIn(covered, true);
  home = { id: must(homeId), residentId: await firstResident(must(homeId)) };
  empty = must((await householdsIn(covered, false))[0]);
  const [otherGrid] = await db
    .select({ id: grids.id })
    .from(grids)
    .where(and(eq(grids.communityId, 1), notInArray(grids.id, covered)))
    .limit(1);
  otherGridWorker = await personWith("13700000901", "gridWorker", "grid", must(otherGrid).id);
  otherStaff = await personWith("13700000902", "communityStaff", "community", 2);
  const [away] = await db.select({ id: households.id }).from(households).where(eq(households.communityId, 2)).limit(1);
  elsewhere = must(away).id;
  await db.update(volunteers).set({ partyStatus: "active" }).where(eq(volunteers.userId, volunteerId));
});
afterAll(() => t.cleanup());

describe("care profiles", () => {
  it("staff write a profile; the grid's worker reads it, and the read is in the access log with who and when", async () => {
    expect((await staff.put(`/api/households/${home.id}/care`, profile())).status).toBe(200);
    const page = await gridWorker.get(`/api/households/${home.id}/care`);
    expect(page.status).toBe(200);
    expect(page.json.reader).toBe("gridWorker");
    expect(page.json.profile).toMatchObject({
      categories: [{ key: "livingAlone", name: null }],
      level: "weekly",
      needs: NEEDS,
      emergencyContact: CONTACT,
      consent: null,
      sinceOn: today(),
      nextVisitOn: dayOffset(7),
      due: "ok",
    });
    expect(page.json.residents.map((r: { id: number }) => r.id)).toContain(home.residentId);
    const gridWorkerId = await userIdOf(t, DEMO.gridWorker);
    const logged = await t.database.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.subjectHouseholdId, home.id), eq(accessLog.actorUserId, gridWorkerId)));
    expect(logged).toEqual([
      expect.objectContaining({ fields: "care", entity: "care", entityId: home.id, createdAt: t.clock.ms }),
    ]);
  });

  it("refuses unknown categories, too many, and a bad emergency contact, keeping what was stored", async () => {
    const unknown = await staff.put(`/api/households/${home.id}/care`, profile({ categories: ["custom:999999"] }));
    expect([unknown.status, reasonOf(unknown)]).toEqual([422, "unknown_care_category"]);
    const many = await staff.put(
      `/api/households/${home.id}/care`,
      profile({
        categories: ["livingAlone", "emptyNest", "disability", "seriousIllness", "hardshipFamily", "custom:1"],
      }),
    );
    expect(many.status).toBe(422);
    const contact = await staff.put(
      `/api/households/${home.id}/care`,
      profile({ emergencyContact: { ...CONTACT, phone: "12345" } }),
    );
    expect(contact.status).toBe(400);
    expect(contact.json.error.issues[0].path).toContain("emergencyContact");
    const page = await staff.get(`/api/households/${home.id}/care`);
    expect(page.json.profile.categories).toEqual([{ key: "livingAlone", name: null }]);
  });

  it("a community's own category is named once and another community's key is unknown here", async () => {
    const made = await staff.post("/api/communities/1/care/categories", { name: "退役军人" });
    expect(made.status).toBe(201);
    const again = await staff.post("/api/communities/1/care/categories", { name: "退役军人" });
    expect([again.status, reasonOf(again)]).toEqual([409, "name_taken"]);
    const builtIn = await staff.post("/api/communities/1/care/categories", { name: "独居老人" });
    expect(reasonOf(builtIn)).toBe("name_taken");
    const list = await gridWorker.get("/api/communities/1/care/categories");
    expect(list.json.items).toContainEqual({ key: made.json.key, name: "退役军人" });
    const theirs = await otherStaff.post("/api/communities/2/care/categories", { name: "退役军人" });
    expect(theirs.status).toBe(201);
    const foreign = await staff.put(`/api/households/${home.id}/care`, profile({ categories: [theirs.json.key] }));
    expect(reasonOf(foreign)).toBe("unknown_care_category");
  });
});

describe("pairing, consent and visits", () => {
  it("a paired visitor reads the household only while the family's consent stands", async () => {
    const paired = await staff.post(`/api/households/${home.id}/care/pairings`, {
      visitorUserId: volunteerId,
      kind: "partyMember",
    });
    expect(paired.status).toBe(201);
    const twice = await staff.post(`/api/households/${home.id}/care/pairings`, {
      visitorUserId: volunteerId,
      kind: "volunteer",
    });
    expect([twice.status, reasonOf(twice)]).toEqual([409, "already_paired"]);
    // No consent yet: paired, but nothing shows.
    expect((await volunteer.get(`/api/households/${home.id}/care`)).status).toBe(403);
    expect((await volunteer.get("/api/me/care/households")).json.items).toEqual([]);
    const consent = await staff.post(`/api/households/${home.id}/care/consent`, {
      givenBy: "self",
      givenByName: "李秀英",
      photos: false,
    });
    expect(consent.status).toBe(200);
    const page = await volunteer.get(`/api/households/${home.id}/care`);
    expect([page.status, page.json.reader]).toEqual([200, "visitor"]);
    expect(page.json.pairings).toHaveLength(1);
    const mine = await volunteer.get("/api/me/care/households");
    expect(mine.json.items).toEqual([expect.objectContaining({ householdId: home.id, due: "ok" })]);
  });

  it("a visit is recorded for today or before, a photo only with photo consent, and moves the plan on", async () => {
    const future = await volunteer.post(`/api/households/${home.id}/care/visits`, visit({ visitedOn: dayOffset(1) }));
    expect([future.status, reasonOf(future)]).toEqual([422, "visit_in_future"]);
    const photo = await volunteer.post(`/api/households/${home.id}/care/visits`, visit({ photo: PNG }));
    expect([photo.status, reasonOf(photo)]).toEqual([422, "no_photo_consent"]);
    t.clock.ms += 9 * DAY_MS;
    expect((await volunteer.get("/api/me/care/households")).json.items[0].due).toBe("overdue");
    const made = await volunteer.post(`/api/households/${home.id}/care/visits`, visit({ needs: VISIT_NEEDS }));
    expect(made.status).toBe(201);
    const mine = (await volunteer.get("/api/me/care/households")).json.items[0];
    expect(mine).toMatchObject({ lastVisitedOn: today(), nextVisitOn: dayOffset(7), due: "ok" });
    const page = await gridWorker.get(`/api/households/${home.id}/care`);
    expect(page.json.visits.items[0]).toMatchObject({ needs: VISIT_NEEDS, byVolunteer: true, confirmedAt: null });
  });

  it("a need found on a visit becomes a request for the household's resident, once, marked as from a visit", async () => {
    const [v] = (await volunteer.get(`/api/households/${home.id}/care`)).json.visits.items;
    const made = await volunteer.post(`/api/care-visits/${v.id}/request`, {
      category: "companionship",
      description: "助行器坏了，需要维修或更换",
    });
    expect(made.status).toBe(201);
    const [row] = await t.database.db.select().from(requests).where(eq(requests.id, made.json.requestId));
    expect(row).toMatchObject({ ownerUserId: home.residentId, fromVisit: true, createdBy: volunteerId });
    const again = await volunteer.post(`/api/care-visits/${v.id}/request`, {
      category: "companionship",
      description: "再来一次",
    });
    expect([again.status, reasonOf(again)]).toEqual([409, "already_requested"]);
    // The resident's own request is on the officials' page, not on the visitor's: they follow what visits found.
    const [own] = await t.database.db
      .insert(requests)
      .values({
        communityId: 1,
        ownerUserId: home.residentId,
        kind: "wish",
        category: "item",
        description: "想要一台收音机",
        status: "submitted",
        createdAt: t.clock.ms,
      })
      .returning({ id: requests.id });
    const seen = (await volunteer.get(`/api/households/${home.id}/care`)).json.requests.map(
      (r: { id: number }) => r.id,
    );
    expect(seen).toEqual([made.json.requestId]);
    const page = await gridWorker.get(`/api/households/${home.id}/care`);
    expect(page.json.requests.map((r: { id: number }) => r.id)).toContain(must(own).id);
    expect(page.json.visits.items[0].requestId).toBe(made.json.requestId);
    expect(page.json.requests).toContainEqual(
      expect.objectContaining({ id: made.json.requestId, status: "submitted", fromVisit: true }),
    );
  });

  it("a household without a registered resident cannot have a request posted for it", async () => {
    await staff.put(`/api/households/${empty}/care`, profile());
    const made = await gridWorker.post(`/api/households/${empty}/care/visits`, visit({ needs: "屋顶漏水" }));
    expect(made.status).toBe(201);
    const posted = await gridWorker.post(`/api/care-visits/${made.json.id}/request`, {
      category: "plumbing",
      description: "屋顶漏水",
    });
    expect([posted.status, reasonOf(posted)]).toEqual([409, "no_resident"]);
  });

  it("the grid's worker confirms a volunteer's visit as service: hours in the record and points, once", async () => {
    const [v] = (await gridWorker.get(`/api/households/${home.id}/care`)).json.visits.items;
    const waiting = await gridWorker.get("/api/communities/1/care/unconfirmed");
    expect(waiting.json.items.map((w: { id: number }) => w.id)).toContain(v.id);
    expect((await volunteer.post(`/api/care-visits/${v.id}/confirm`, {})).status).toBe(403);
    const corrected = await gridWorker.post(`/api/care-visits/${v.id}/confirm`, { minutes: 45 });
    expect([corrected.status, reasonOf(corrected)]).toEqual([422, "reason_required"]);
    const confirmed = await gridWorker.post(`/api/care-visits/${v.id}/confirm`, {});
    expect(confirmed.json).toEqual({ hoursId: expect.any(Number), minutes: 30, capped: false });
    const again = await gridWorker.post(`/api/care-visits/${v.id}/confirm`, {});
    expect([again.status, reasonOf(again)]).toEqual([409, "already_confirmed"]);
    const [hours] = await t.database.db.select().from(serviceHours).where(eq(serviceHours.visitId, v.id));
    expect(hours).toMatchObject({ userId: volunteerId, minutes: 30, signupId: null, serviceDate: today() });
    const record = await volunteer.get(`/api/volunteers/${volunteerId}/record`);
    expect(record.json.entries).toContainEqual(
      expect.objectContaining({ title: "结对帮扶入户走访", minutes: 30, serviceDate: today() }),
    );
    const earned = await t.database.db
      .select()
      .from(earnings)
      .where(eq(earnings.cause, `hours:${hours?.id}`));
    expect(earned).toHaveLength(1);
    const left = (await gridWorker.get("/api/communities/1/care/unconfirmed")).json.items;
    expect(left.map((w: { id: number }) => w.id)).not.toContain(v.id);
    // The 关爱星's record: the rating desk's evidence counts the confirmed visit and its minutes.
    const subject = { key: `user:${volunteerId}`, kind: "user" as const, id: volunteerId, communityId: 1 };
    const evidence = await gatherEvidence(
      t.database.db,
      { ...subject, name: "", publicName: "", gridId: null, userIds: [volunteerId] },
      t.clock.ms - DAY_MS,
      t.clock.ms + DAY_MS,
    );
    expect(evidence).toMatchObject({ careVisits: 1, serviceMinutes: expect.any(Number) });
    expect(evidence.serviceMinutes).toBeGreaterThanOrEqual(30);
  });

  it("an official's own visit is their work, not volunteer service", async () => {
    const [v] = (await staff.get(`/api/households/${empty}/care`)).json.visits.items;
    const refused = await staff.post(`/api/care-visits/${v.id}/confirm`, {});
    expect([refused.status, reasonOf(refused)]).toEqual([422, "not_volunteer"]);
  });

  it("withdrawing consent hides the profile from the visitor at once; the grid's worker still reads it", async () => {
    expect((await staff.post(`/api/households/${home.id}/care/consent/withdraw`, {})).status).toBe(200);
    expect((await volunteer.get(`/api/households/${home.id}/care`)).status).toBe(403);
    expect((await volunteer.get(`/api/households/${home.id}/care/visits`)).status).toBe(403);
    expect((await volunteer.get("/api/me/care/households")).json.items).toEqual([]);
    const refused = await volunteer.post(`/api/households/${home.id}/care/visits`, visit());
    expect(refused.status).toBe(403);
    expect((await gridWorker.get(`/api/households/${home.id}/care`)).json.profile.consent.withdrawnAt).not.toBeNull();
    const twice = await staff.post(`/api/households/${home.id}/care/consent/withdraw`, {});
    expect([twice.status, reasonOf(twice)]).toEqual([409, "already_withdrawn"]);
    await staff.post(`/api/households/${home.id}/care/consent`, {
      givenBy: "family",
      givenByName: "王建国",
      photos: true,
    });
    const withPhoto = await volunteer.post(`/api/households/${home.id}/care/visits`, visit({ photo: PNG }));
    expect(withPhoto.status).toBe(201);
    const listed = (await volunteer.get(`/api/households/${home.id}/care`)).json.visits.items[0];
    expect(listed).toMatchObject({ id: withPhoto.json.id, hasPhoto: true });
    expect(listed.photo).toBeUndefined();
    expect((await volunteer.get(`/api/care-visits/${withPhoto.json.id}/photo`)).json.photo).toBe(PNG);
    expect((await resident.get(`/api/care-visits/${withPhoto.json.id}/photo`)).status).toBe(403);
  });

  it("an ended pairing keeps its reason and the visitor loses the household", async () => {
    const page = await staff.get(`/api/households/${home.id}/care`);
    const [pairing] = page.json.pairings;
    const noReason = await staff.post(`/api/care-pairings/${pairing.id}/end`, { reason: "" });
    expect(noReason.status).toBe(400);
    expect((await staff.post(`/api/care-pairings/${pairing.id}/end`, { reason: "搬离本社区" })).status).toBe(200);
    expect((await volunteer.get(`/api/households/${home.id}/care`)).status).toBe(403);
    const after = await staff.get(`/api/households/${home.id}/care`);
    expect(after.json.pairings[0]).toMatchObject({ endReason: "搬离本社区", endedAt: expect.any(String) });
    const ended = await staff.post(`/api/care-pairings/${pairing.id}/end`, { reason: "再次" });
    expect([ended.status, reasonOf(ended)]).toEqual([409, "already_ended"]);
  });
});

describe("who may not", () => {
  /** Every care route with the ids of the test's household, its first visit and pairing. */
  async function routes(householdId: number, reader = staff) {
    const page = await reader.get(`/api/households/${householdId}/care`);
    const visitId = page.json.visits.items[0]?.id ?? 1;
    const pairingId = page.json.pairings[0]?.id ?? 1;
    return [
      ["GET", `/api/households/${householdId}/care`],
      ["GET", `/api/households/${householdId}/care/visits`],
      ["GET", `/api/care-visits/${visitId}/photo`],
      ["PUT", `/api/households/${householdId}/care`, profile()],
      ["POST", `/api/households/${householdId}/care/consent`, { givenBy: "self", givenByName: "某某", photos: false }],
      ["POST", `/api/households/${householdId}/care/consent/withdraw`, {}],
      ["POST", `/api/households/${householdId}/care/pairings`, { visitorUserId: volunteerId, kind: "volunteer" }],
      ["POST", `/api/care-pairings/${pairingId}/end`, { reason: "试探" }],
      ["POST", `/api/households/${householdId}/care/visits`, visit()],
      ["POST", `/api/care-visits/${visitId}/request`, { category: "plumbing", description: "试探" }],
      ["POST", `/api/care-visits/${visitId}/confirm`, {}],
    ] as const;
  }

  it("a resident, an unpaired volunteer, another grid's worker, another community's staff and the street get 403/404 on every care route", async () => {
    const before = await staff.get(`/api/households/${home.id}/care`);
    const outsiders = { resident, stranger, otherGridWorker, otherStaff, admin };
    for (const [who, agent] of Object.entries(outsiders))
      for (const [method, path, body] of await routes(home.id)) {
        const res = await agent.request(method, path, body);
        expect([who, method, path, res.status]).toEqual([who, method, path, expect.toBeOneOf([403, 404])]);
      }
    for (const path of ["/api/communities/1/care/unconfirmed", "/api/communities/1/care/categories"])
      for (const agent of [resident, stranger, otherStaff, admin])
        expect((await agent.get(path)).status).toBeOneOf([403, 404]);
    // A grid worker of another community's grid is nobody here.
    const [theirGrid] = await t.database.db
      .select({ id: grids.id })
      .from(grids)
      .where(eq(grids.communityId, 2))
      .limit(1);
    const theirWorker = await personWith("13700000903", "gridWorker", "grid", must(theirGrid).id);
    for (const path of ["/api/communities/1/care/unconfirmed", "/api/communities/1/care/categories"])
      for (const agent of [theirWorker]) expect((await agent.get(path)).status).toBeOneOf([403, 404]);
    expect((await otherStaff.post("/api/communities/1/care/categories", { name: "试探" })).status).toBe(403);
    const after = await staff.get(`/api/households/${home.id}/care`);
    expect(after.json.profile).toEqual(before.json.profile);
    expect(after.json.pairings).toEqual(before.json.pairings);
  });

  it("this community's staff and grid worker get 403 on another community's household", async () => {
    await otherStaff.put(`/api/households/${elsewhere}/care`, profile());
    await otherStaff.post(`/api/households/${elsewhere}/care/visits`, visit());
    const [theirs] = await t.database.db
      .select({ id: volunteers.userId })
      .from(volunteers)
      .where(eq(volunteers.communityId, 2))
      .limit(1);
    const paired = await otherStaff.post(`/api/households/${elsewhere}/care/pairings`, {
      visitorUserId: must(theirs).id,
      kind: "volunteer",
    });
    expect(paired.status).toBe(201);
    for (const agent of [staff, gridWorker])
      for (const [method, path, body] of await routes(elsewhere, otherStaff)) {
        const res = await agent.request(method, path, body);
        expect([method, path, res.status]).toEqual([method, path, expect.toBeOneOf([403, 404])]);
      }
  });

  it("a household that does not exist is 404, and signing out is 401", async () => {
    expect((await staff.get("/api/households/999999/care")).status).toBe(404);
    expect((await t.agent().get(`/api/households/${home.id}/care`)).status).toBe(401);
    expect((await t.agent().get("/api/me/care/households")).status).toBe(401);
  });
});

describe("the privacy crawl", () => {
  it("no public or resident answer carries any care field", async () => {
    // The demo resident's own household gets a profile too: the resident must not read it anywhere either.
    const [me] = await t.database.db.select().from(users).where(eq(users.phone, DEMO.resident));
    if (me?.householdId) await staff.put(`/api/households/${me.householdId}/care`, profile());
    const doc = (await t.agent().get("/api/openapi.json")).json as { paths: Record<string, Record<string, unknown>> };
    const gets = Object.entries(doc.paths)
      .filter(([, methods]) => "get" in methods)
      .map(([path]) => `/api${path}`);
    const [req] = await t.database.db.select().from(requests).where(eq(requests.fromVisit, true));
    const ids = [String(home.id), String(must(req).id), "1", String(me?.householdId ?? 1)];
    const markers = [NEEDS, VISIT_NEEDS, CONTACT.phone, CONTACT.name, "livingAlone", "退役军人", "emergency"];
    const seen: string[] = [];
    for (const agent of [t.agent(), resident, await t.agent().login(DEMO.volunteer)])
      for (const path of gets)
        for (const id of ids) {
          const filled = path.replace(/\{code\}/g, "12345678").replace(/\{[^}]+\}/g, id);
          const res = await agent.get(filled);
          const text = typeof res.json === "string" ? res.json : JSON.stringify(res.json ?? "");
          if (res.status === 200 && path.includes("/care")) seen.push(filled);
          for (const marker of markers) expect([filled, text.includes(marker)]).toEqual([filled, false]);
        }
    // The volunteer is no longer paired: the crawl read no care route with success.
    expect(seen.filter((p) => !p.endsWith("/me/care/households"))).toEqual([]);
    expect(gets.length).toBeGreaterThan(80);
  });
});

describe("care reads are logged", () => {
  it("the visitor's list logs each household it shows", async () => {
    const before = await t.database.db.select().from(accessLog).where(isNull(accessLog.subjectUserId));
    await staff.post(`/api/households/${home.id}/care/pairings`, { visitorUserId: volunteerId, kind: "volunteer" });
    await volunteer.get("/api/me/care/households");
    const after = await t.database.db.select().from(accessLog).where(isNull(accessLog.subjectUserId));
    expect(after.length - before.length).toBe(1);
    expect(after.at(-1)).toMatchObject({ actorUserId: volunteerId, subjectHouseholdId: home.id, entity: "care" });
  });

  it("staff read care reads in the community's access log, the household named", async () => {
    const log = await staff.get("/api/communities/1/access-log");
    expect(log.status).toBe(200);
    expect(
      log.json.items.some((r: { entity: string; subjectName: string }) => r.entity === "care" && r.subjectName),
    ).toBe(true);
  });
});

describe("what an attack found", () => {
  it("nobody is paired with their own home", async () => {
    await makeVolunteers(t, 1, "7712", { vouched: true });
    const me = { id: await userIdOf(t, "17712000000") };
    await t.database.db.update(users).set({ householdId: empty }).where(eq(users.id, me.id));
    const paired = await staff.post(`/api/households/${empty}/care/pairings`, {
      visitorUserId: me.id,
      kind: "volunteer",
    });
    expect([paired.status, reasonOf(paired)]).toEqual([422, "pairing_own_household"]);
  });

  it("revoking someone's volunteer role ends their pairings at once, with the reason, kept in the household's history", async () => {
    const [visitor] = await makeVolunteers(t, 1, "7713", { vouched: true });
    const me = { id: await userIdOf(t, "17713000000") };
    await staff.post(`/api/households/${empty}/care/consent`, {
      givenBy: "family",
      givenByName: "王建国",
      photos: false,
    });
    await staff.post(`/api/households/${empty}/care/pairings`, { visitorUserId: me.id, kind: "volunteer" });
    expect((await must(visitor).get(`/api/households/${empty}/care`)).status).toBe(200);
    const [grant] = await t.database.db
      .select({ id: roleGrants.id })
      .from(roleGrants)
      .where(and(eq(roleGrants.userId, me.id), eq(roleGrants.role, "volunteer")));
    expect((await staff.delete(`/api/accounts/${me.id}/roles/${must(grant).id}`)).status).toBe(200);
    expect((await must(visitor).get(`/api/households/${empty}/care`)).status).toBe(403);
    expect((await must(visitor).get("/api/me/care/households")).json.items).toEqual([]);
    expect((await must(visitor).post(`/api/households/${empty}/care/visits`, visit())).status).toBe(403);
    const history = (await staff.get(`/api/households/${empty}/care`)).json.pairings;
    expect(history.find((p: { visitorUserId: number }) => p.visitorUserId === me.id)).toMatchObject({
      endReason: PAIRING_ENDED_WITH_ROLE,
      endedAt: expect.any(String),
    });
  });

  it("the street admin's audit and access logs carry no care act or read; the community's staff see them", async () => {
    const street = await admin.get("/api/audit?streetId=1&limit=100");
    const community = await admin.get("/api/audit?communityId=1&limit=100");
    for (const res of [street, community]) {
      expect(res.status).toBe(200);
      expect(res.json.items.filter((e: { action: string }) => e.action.startsWith("care."))).toEqual([]);
    }
    const staffAudit = await staff.get("/api/audit?communityId=1&limit=100");
    expect(staffAudit.json.items.some((e: { action: string }) => e.action.startsWith("care."))).toBe(true);
    const reads = await admin.get("/api/communities/1/access-log?limit=100");
    expect(reads.status).toBe(200);
    expect(reads.json.items.filter((r: { entity: string }) => r.entity.startsWith("care"))).toEqual([]);
  });

  it("the confirmations waiting are a read of each household they name, logged", async () => {
    const gridWorkerId = await userIdOf(t, DEMO.gridWorker);
    const count = async () =>
      (await t.database.db.select().from(accessLog).where(eq(accessLog.actorUserId, gridWorkerId))).length;
    const before = await count();
    const page = await gridWorker.get("/api/communities/1/care/unconfirmed");
    const households = new Set(page.json.items.map((v: { householdId: number }) => v.householdId));
    expect(households.size).toBeGreaterThan(0);
    expect((await count()) - before).toBe(households.size);
  });

  it("a visit counts for a campaign only on a day it runs, at a household it targets", async () => {
    const over = await staff.post("/api/communities/1/care/campaigns", {
      kind: "law",
      title: "已结束的送法律",
      categories: ["livingAlone"],
      startsOn: dayOffset(-30),
      endsOn: dayOffset(-20),
    });
    expect(over.status).toBe(201);
    const late = await gridWorker.post(`/api/households/${empty}/care/visits`, visit({ campaignId: over.json.id }));
    expect([late.status, reasonOf(late)]).toEqual([422, "campaign_not_for_visit"]);
    const children = await staff.post("/api/communities/1/care/campaigns", {
      kind: "culture",
      title: "送文化进留守儿童家",
      categories: ["leftBehindChild"],
      startsOn: dayOffset(-1),
      endsOn: dayOffset(5),
    });
    const elsewhere = await gridWorker.post(
      `/api/households/${empty}/care/visits`,
      visit({ campaignId: children.json.id }),
    );
    expect(reasonOf(elsewhere)).toBe("campaign_not_for_visit");
    const warmth = await staff.post("/api/communities/1/care/campaigns", {
      kind: "warmth",
      title: "冬日送温暖",
      categories: ["livingAlone"],
      startsOn: dayOffset(-1),
      endsOn: dayOffset(5),
    });
    const counted = await gridWorker.post(
      `/api/households/${empty}/care/visits`,
      visit({ campaignId: warmth.json.id }),
    );
    expect(counted.status).toBe(201);
  });
});
