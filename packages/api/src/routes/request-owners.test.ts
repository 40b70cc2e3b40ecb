import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, isNotNull, ne } from "drizzle-orm";
import { accessLog, buildings, grids, users } from "../db/schema";
import { DEMO, testApp, type TestApp } from "../../test/harness";
import { userIdOf } from "../../test/volunteering";
import { must } from "@tongxin/core";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

type Person = { id: number; name: string; phone: string };

/** A resident at home in a building of the given community whose top-level grid is (or is not) the demo grid worker's. */
async function residentWhere(communityId: number, inWorkersGrid: boolean): Promise<Person> {
  const worker = await (await t.agent().login(DEMO.gridWorker)).get("/api/me");
  const gridId = worker.json.roles.find((r: { role: string }) => r.role === "gridWorker").scopeId as number;
  const rows = await t.database.db
    .select({ id: users.id, name: users.name, phone: users.phone, parentId: grids.parentId, gridId: grids.id })
    .from(users)
    .innerJoin(buildings, eq(buildings.id, users.buildingId))
    .innerJoin(grids, eq(grids.id, buildings.gridId))
    .where(and(eq(users.communityId, communityId), isNotNull(users.buildingId), ne(users.phone, DEMO.gridWorker)))
    .orderBy(asc(users.id));
  const found = must(rows.find((r) => (r.gridId === gridId || r.parentId === gridId) === inWorkersGrid));
  return { id: found.id, name: found.name, phone: found.phone };
}

const search = async (phone: string, q: string) =>
  (await t.agent().login(phone)).get(`/api/me/residents?q=${encodeURIComponent(q)}`);
const ids = (res: { json: { items: { id: number }[] } }) => res.json.items.map((i) => i.id);

describe("the residents a person may post a request for (代发)", () => {
  it("a grid worker finds a resident of their grid by phone, with a masked phone and the building, and the read is in the access log", async () => {
    const residentId = await userIdOf(t, DEMO.resident);
    const found = await search(DEMO.gridWorker, DEMO.resident);
    expect(found.status).toBe(200);
    expect(found.json.items).toEqual([
      { id: residentId, name: "郑桂兰", phone: "138****0007", building: expect.any(String) },
    ]);
    expect(JSON.stringify(found.json)).not.toContain(DEMO.resident);
    const reads = await t.database.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.subjectUserId, residentId), eq(accessLog.entity, "residents")));
    expect(reads).toEqual([
      expect.objectContaining({ actorUserId: await userIdOf(t, DEMO.gridWorker), fields: "address" }),
    ]);
  });

  it("a grid worker finds nobody of another grid or another community, and cannot post for them", async () => {
    const otherGrid = await residentWhere(1, false);
    const otherCommunity = await residentWhere(2, false);
    for (const person of [otherGrid, otherCommunity]) {
      expect(ids(await search(DEMO.gridWorker, person.phone))).toEqual([]);
      expect(ids(await search(DEMO.gridWorker, person.name))).not.toContain(person.id);
    }
    const worker = await t.agent().login(DEMO.gridWorker);
    const posted = await worker.post("/api/requests", {
      kind: "wish",
      category: "item",
      description: "助行器",
      ownerUserId: otherGrid.id,
    });
    expect(posted.status).toBe(403);
  });

  it("a grid worker posts for the resident the picker found", async () => {
    const [found] = (await search(DEMO.gridWorker, DEMO.resident)).json.items;
    const worker = await t.agent().login(DEMO.gridWorker);
    const posted = await worker.post("/api/requests", {
      kind: "wish",
      category: "item",
      description: "想要一个助行器",
      ownerUserId: found.id,
    });
    expect(posted.status).toBe(201);
    const seen = await (await t.agent().login(DEMO.resident)).get(`/api/requests/${posted.json.id}`);
    expect(seen.json).toMatchObject({ myRoles: ["owner"], proxyRole: "gridWorker" });
  });

  it("community staff reach every grid of their community but not another community", async () => {
    const otherGrid = await residentWhere(1, false);
    const otherCommunity = await residentWhere(2, false);
    expect(ids(await search(DEMO.communityStaff, otherGrid.phone))).toEqual([otherGrid.id]);
    expect(ids(await search(DEMO.communityStaff, otherCommunity.phone))).toEqual([]);
  });

  it("the street admin reaches every community of the street", async () => {
    const otherCommunity = await residentWhere(2, false);
    expect(ids(await search(DEMO.streetAdmin, otherCommunity.phone))).toEqual([otherCommunity.id]);
  });

  it.each([
    { typed: "138 0000 0007" },
    { typed: "138-0000-0007" },
    { typed: "+86 13800000007" },
    { typed: "１３８０００００００７" },
    { typed: "0007" },
  ])("finds the resident typed as $typed", async ({ typed }) => {
    expect(ids(await search(DEMO.communityStaff, typed))).toContain(await userIdOf(t, DEMO.resident));
  });

  it("finds nobody by a part of the hidden middle of a phone, so the masked digits cannot be read back by trying", async () => {
    for (const part of ["1380000", "00000", "8000000", "138"])
      expect(ids(await search(DEMO.communityStaff, part))).toEqual([]);
  });

  it("pages by cursor without repeating anyone", async () => {
    const first = await (await t.agent().login(DEMO.communityStaff)).get("/api/me/residents?q=田&limit=2");
    expect(first.json.items).toHaveLength(2);
    const second = await (await t.agent().login(DEMO.communityStaff)).get(
      `/api/me/residents?q=田&limit=2&cursor=${first.json.nextCursor}`,
    );
    expect(second.json.items.length).toBeGreaterThan(0);
    expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);
  });

  it.each([
    { who: "a resident", phone: DEMO.resident },
    { who: "a volunteer", phone: DEMO.volunteer },
    { who: "a team leader", phone: DEMO.teamLeader },
    { who: "a committee member", phone: DEMO.committeeMember },
  ])("$who may not look residents up (403)", async ({ phone }) => {
    expect((await search(phone, DEMO.resident)).status).toBe(403);
  });

  it("asks for something to search by and nobody signed in gets 401", async () => {
    expect((await (await t.agent().login(DEMO.gridWorker)).get("/api/me/residents")).status).toBe(400);
    expect((await t.agent().get(`/api/me/residents?q=${DEMO.resident}`)).status).toBe(401);
  });
});
