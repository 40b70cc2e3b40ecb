import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, testApp, type TestApp } from "../../test/harness";
import { must } from "@tongxin/core";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

const gridsOf = async (communityId: number, query = "") =>
  (await t.agent().get(`/api/communities/${communityId}/grids?limit=100${query}`)).json.items as {
    id: number;
    name: string;
    parentId: number | null;
    level: number;
  }[];

describe("public structure", () => {
  it("lists live communities and a community's nested grids without signing in", async () => {
    const communities = await t.agent().get("/api/communities");
    expect(communities.status).toBe(200);
    expect(communities.json.items.map((c: { name: string }) => c.name)).toEqual([
      "和平社区",
      "幸福里社区",
      "春晖社区",
      "锦绣社区",
      "柳湾村",
    ]);
    const grids = await gridsOf(1);
    expect(grids.filter((g) => g.level === 1)).toHaveLength(3);
    expect(grids.filter((g) => g.level === 2).every((g) => grids.some((p) => p.id === g.parentId))).toBe(true);
  });

  it("lists a community's volunteer teams", async () => {
    const teams = await t.agent().get("/api/communities/1/teams");
    expect(teams.json.items.map((team: { kind: string }) => team.kind)).toEqual([
      "医疗保健",
      "环境卫生",
      "政策宣传",
      "矛盾调解",
      "治安维稳",
      "暖心帮扶",
    ]);
  });

  it("pages with an opaque cursor in a stable order", async () => {
    const first = await t.agent().get("/api/communities?limit=2");
    expect(first.json.items).toHaveLength(2);
    const second = await t.agent().get(`/api/communities?limit=2&cursor=${first.json.nextCursor}`);
    expect(second.json.items[0].id).toBeGreaterThan(first.json.items[1].id);
    expect((await t.agent().get("/api/communities?limit=0")).status).toBe(400);
    expect((await t.agent().get("/api/communities?limit=101")).status).toBe(400);
    expect((await t.agent().get("/api/communities?cursor=garbage")).status).toBe(400);
  });

  it("answers 400 for a malformed id and 404 for an unknown route", async () => {
    expect((await t.agent().get("/api/communities/abc/grids")).status).toBe(400);
    expect((await t.agent().get("/api/nothing-here")).status).toBe(404);
  });
});

describe("managing grids", () => {
  it("a street admin creates a grid, a child grid and a grandchild, but not a fourth level", async () => {
    const admin = await t.agent().login(DEMO.streetAdmin);
    const top = await admin.post("/api/communities/2/grids", { name: "新建网格" });
    expect(top.status).toBe(201);
    expect(top.json).toMatchObject({ name: "新建网格", level: 1, version: 1 });
    const child = await admin.post("/api/communities/2/grids", { name: "子网格", parentId: top.json.id });
    const grandchild = await admin.post("/api/communities/2/grids", { name: "孙网格", parentId: child.json.id });
    expect(grandchild.json.level).toBe(3);
    const tooDeep = await admin.post("/api/communities/2/grids", { name: "太深", parentId: grandchild.json.id });
    expect(tooDeep.status).toBe(422);
    expect(tooDeep.json.error).toMatchObject({ code: "rule_violation", reason: "grid_too_deep" });
    expect((await gridsOf(2)).map((g) => g.name)).toContain("孙网格");
  });

  it("refuses a duplicate sibling name with 409 but allows it under another parent", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    expect((await staff.post("/api/communities/1/grids", { name: "第一网格" })).status).toBe(409);
    const parent = must((await gridsOf(1)).find((g) => g.name === "第二网格"));
    expect((await staff.post("/api/communities/1/grids", { name: "第一网格", parentId: parent.id })).status).toBe(201);
  });

  it("a parent grid from another community reads as not found", async () => {
    const admin = await t.agent().login(DEMO.streetAdmin);
    const foreignParent = must((await gridsOf(2))[0]);
    expect((await admin.post("/api/communities/1/grids", { name: "错挂", parentId: foreignParent.id })).status).toBe(
      404,
    );
  });

  it.each([
    { who: "anonymous", phone: null, status: 401 },
    { who: "a resident", phone: DEMO.resident, status: 403 },
    { who: "a grid worker", phone: DEMO.gridWorker, status: 403 },
    { who: "a committee member", phone: DEMO.committeeMember, status: 403 },
  ])("$who may not create a grid ($status)", async ({ phone, status }) => {
    const agent = phone ? await t.agent().login(phone) : t.agent();
    expect((await agent.post("/api/communities/1/grids", { name: "不该有" })).status).toBe(status);
  });

  it("community staff cannot touch another community's grids", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const other = must((await gridsOf(3))[0]);
    expect((await staff.post("/api/communities/3/grids", { name: "越权" })).status).toBe(403);
    expect((await staff.patch(`/api/grids/${other.id}`, { name: "越权", version: 1 })).status).toBe(403);
    expect((await staff.post(`/api/grids/${other.id}/archive`, { version: 1 })).status).toBe(403);
  });

  it("renames with the version seen and refuses a stale one with 409", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const created = await staff.post("/api/communities/1/grids", { name: "待改名" });
    const renamed = await staff.patch(`/api/grids/${created.json.id}`, { name: "已改名", version: 1 });
    expect(renamed.json).toMatchObject({ name: "已改名", version: 2 });
    const stale = await staff.patch(`/api/grids/${created.json.id}`, { name: "覆盖", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.error.reason).toBe("stale_version");
  });

  it("archives only empty grids; archived ones leave the public list but staff still see them", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const withChildren = must((await gridsOf(1)).find((g) => g.name === "第三网格"));
    const refused = await staff.post(`/api/grids/${withChildren.id}/archive`, { version: 1 });
    expect(refused.status).toBe(422);
    expect(refused.json.error.reason).toBe("has_active_children");
    const empty = await staff.post("/api/communities/1/grids", { name: "临时网格" });
    const archived = await staff.post(`/api/grids/${empty.json.id}/archive`, { version: 1 });
    expect(archived.status).toBe(200);
    expect(archived.json.archivedAt).toMatch(/\+08:00$/);
    expect((await gridsOf(1)).map((g) => g.id)).not.toContain(empty.json.id);
    expect((await t.agent().get("/api/communities/1/grids?includeArchived=1")).status).toBe(401);
    const all = await staff.get("/api/communities/1/grids?includeArchived=1&limit=100");
    expect(all.json.items.map((g: { id: number }) => g.id)).toContain(empty.json.id);
    expect((await staff.patch(`/api/grids/${empty.json.id}`, { name: "复活", version: 2 })).status).toBe(409);
  });

  it("answers 404 for a grid that does not exist", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    expect((await staff.patch("/api/grids/99999", { name: "无", version: 1 })).status).toBe(404);
  });
});

describe("buildings and households", () => {
  it("staff add a building and a door; a grid worker reads doors only in their grid", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const grid = must((await gridsOf(1)).find((g) => g.name === "1号微网格"));
    const building = await staff.post(`/api/grids/${grid.id}/buildings`, { name: "99栋", estate: "和平花园" });
    expect(building.status).toBe(201);
    const door = await staff.post(`/api/buildings/${building.json.id}/households`, { name: "3单元502" });
    expect(door.status).toBe(201);
    const worker = await t.agent().login(DEMO.gridWorker);
    const doors = await worker.get(`/api/buildings/${building.json.id}/households`);
    expect(doors.status).toBe(200);
    expect(doors.json.items.map((h: { name: string }) => h.name)).toContain("3单元502");
    // The demo grid worker holds 第一网格; a building under 第二网格 is outside their scope.
    const grids = await gridsOf(1);
    const second = must(grids.find((g) => g.name === "第二网格"));
    const underSecond = grids.filter((g) => g.parentId === second.id).map((g) => g.id);
    const foreignBuilding = (await t.agent().get("/api/communities/1/buildings?limit=100")).json.items.find(
      (b: { gridId: number }) => underSecond.includes(b.gridId),
    );
    expect((await worker.get(`/api/buildings/${foreignBuilding.id}/households`)).status).toBe(403);
    expect((await t.agent().get(`/api/buildings/${building.json.id}/households`)).status).toBe(401);
  });

  it("a building with live households cannot be archived", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const res = await staff.post("/api/buildings/1/archive", { version: 1 });
    expect(res.status).toBe(422);
  });
});

describe("communities", () => {
  it("only a street admin creates and renames communities", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    expect((await staff.post("/api/communities", { streetId: 1, name: "新社区", kind: "community" })).status).toBe(403);
    const admin = await t.agent().login(DEMO.streetAdmin);
    const created = await admin.post("/api/communities", { streetId: 1, name: "新社区", kind: "community" });
    expect(created.status).toBe(201);
    expect((await admin.patch(`/api/communities/${created.json.id}`, { name: "新建社区", version: 1 })).status).toBe(
      200,
    );
    expect((await admin.post("/api/communities", { streetId: 1, name: "x", kind: "town" })).status).toBe(400);
  });
});

describe("audit log", () => {
  it("records who changed what, before and after; community staff read their own community's log only", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const created = await staff.post("/api/communities/1/grids", { name: "审计网格" });
    await staff.patch(`/api/grids/${created.json.id}`, { name: "审计网格二", version: 1 });
    const log = await staff.get("/api/audit?communityId=1&limit=5");
    expect(log.status).toBe(200);
    const [rename, create] = log.json.items;
    expect(rename).toMatchObject({
      action: "grid.rename",
      entityId: created.json.id,
      actorName: "陈雅琴",
      before: { name: "审计网格" },
      after: { name: "审计网格二" },
    });
    expect(create).toMatchObject({ action: "grid.create", before: null, after: { name: "审计网格" } });
    expect((await staff.get("/api/audit?communityId=2")).status).toBe(403);
    expect((await (await t.agent().login(DEMO.gridWorker)).get("/api/audit?communityId=1")).status).toBe(403);
  });

  it("asked for a community and a street at once, or neither, names both fields in its 400", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    for (const query of ["communityId=1&streetId=1", "limit=5"]) {
      const res = await staff.get(`/api/audit?${query}`);
      expect(res.status).toBe(400);
      const fields = res.json.error.issues.map((i: { path: string }) => i.path).sort();
      expect(fields).toEqual(["communityId", "streetId"]);
    }
  });
});
