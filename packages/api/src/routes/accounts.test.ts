import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, testApp, type TestApp } from "../../test/harness";
import { must } from "@tongxin/core";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

const idOf = async (phone: string) => {
  const agent = await t.agent().login(phone);
  return (await agent.get("/api/me")).json.user.id as number;
};

describe("proxy registration (代注册)", () => {
  it("community staff open an account for a resident, who then signs in with the one-time password", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const res = await staff.post("/api/accounts", {
      phone: "13600000001",
      name: "孙奶奶",
      communityId: 1,
      buildingId: 1,
    });
    expect(res.status).toBe(201);
    expect(res.json.temporaryPassword).toMatch(/^[a-z2-9]{6}\d[a-z]$/);
    await t.agent().login("13600000001", res.json.temporaryPassword);
    const log = await staff.get("/api/audit?communityId=1&limit=1");
    expect(log.json.items[0]).toMatchObject({
      action: "account.proxyRegister",
      entityId: res.json.user.id,
      actorName: "陈雅琴",
    });
  });

  it("a grid worker registers residents in their grid only", async () => {
    const worker = await t.agent().login(DEMO.gridWorker);
    expect(
      (await worker.post("/api/accounts", { phone: "13600000002", name: "钱大爷", communityId: 1, buildingId: 1 }))
        .status,
    ).toBe(201);
    // Without a building the account sits at community level: above a grid worker's scope.
    expect((await worker.post("/api/accounts", { phone: "13600000003", name: "李大妈", communityId: 1 })).status).toBe(
      403,
    );
  });

  it("residents and other communities' staff cannot", async () => {
    const resident = await t.agent().login(DEMO.resident);
    expect((await resident.post("/api/accounts", { phone: "13600000004", name: "某人", communityId: 1 })).status).toBe(
      403,
    );
    const staff = await t.agent().login(DEMO.communityStaff);
    expect((await staff.post("/api/accounts", { phone: "13600000004", name: "某人", communityId: 2 })).status).toBe(
      403,
    );
  });
});

describe("account lists", () => {
  it("staff see full phone numbers and roles in their community; others are refused", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const res = await staff.get("/api/accounts?communityId=1&q=郑桂兰");
    expect(res.status).toBe(200);
    expect(res.json.items).toEqual([
      expect.objectContaining({ phone: DEMO.resident, roles: [expect.objectContaining({ role: "resident" })] }),
    ]);
    expect((await staff.get("/api/accounts?communityId=2")).status).toBe(403);
    expect((await (await t.agent().login(DEMO.resident)).get("/api/accounts?communityId=1")).status).toBe(403);
    expect((await t.agent().get("/api/accounts?communityId=1")).status).toBe(401);
  });

  it("searches text literally: % and _ match only themselves", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    await staff.post("/api/accounts", { phone: "13600000088", name: "百%分", communityId: 1 });
    const percent = await staff.get(`/api/accounts?communityId=1&q=${encodeURIComponent("%分")}`);
    expect(percent.json.items.map((u: { name: string }) => u.name)).toEqual(["百%分"]);
    expect((await staff.get("/api/accounts?communityId=1&q=_")).json.items).toEqual([]);
  });

  it("a grid worker lists the residents of their grid and the grids below it", async () => {
    const worker = await t.agent().login(DEMO.gridWorker);
    const me = await worker.get("/api/me");
    const gridId = me.json.roles.find((r: { role: string }) => r.role === "gridWorker").scopeId;
    const res = await worker.get(`/api/accounts?communityId=1&gridId=${gridId}&limit=100`);
    expect(res.status).toBe(200);
    expect(res.json.items.length).toBeGreaterThan(10);
    expect((await worker.get("/api/accounts?communityId=1")).status).toBe(403);
  });
});

describe("role grants", () => {
  it("community staff grant a grid role in their community, and it takes effect at once", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const userId = await idOf(DEMO.volunteer);
    const grid = (await t.agent().get("/api/communities/1/grids")).json.items[0];
    const granted = await staff.post(`/api/accounts/${userId}/roles`, { role: "gridWorker", scopeId: grid.id });
    expect(granted.status).toBe(201);
    expect((await staff.post(`/api/accounts/${userId}/roles`, { role: "gridWorker", scopeId: grid.id })).status).toBe(
      409,
    );
    const volunteer = await t.agent().login(DEMO.volunteer);
    expect((await volunteer.get(`/api/accounts?communityId=1&gridId=${grid.id}`)).status).toBe(200);
    expect((await staff.delete(`/api/accounts/${userId}/roles/${granted.json.id}`)).status).toBe(200);
    expect((await volunteer.get(`/api/accounts?communityId=1&gridId=${grid.id}`)).status).toBe(403);
  });

  it("community staff may not make a street admin nor grant in another community", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const userId = await idOf(DEMO.volunteer);
    expect((await staff.post(`/api/accounts/${userId}/roles`, { role: "streetAdmin", scopeId: 1 })).status).toBe(403);
    expect((await staff.post(`/api/accounts/${userId}/roles`, { role: "communityStaff", scopeId: 2 })).status).toBe(
      403,
    );
    expect((await staff.post(`/api/accounts/${userId}/roles`, { role: "overlord", scopeId: 1 })).status).toBe(400);
  });

  it("the street keeps at least one admin", async () => {
    const admin = await t.agent().login(DEMO.streetAdmin);
    const me = (await admin.get("/api/me")).json;
    const grant = (await admin.get("/api/accounts?communityId=1")).json;
    expect(grant).toBeDefined();
    const adminGrants = await t.database.client.execute(
      `select id from role_grants where user_id = ${me.user.id} and role = 'streetAdmin'`,
    );
    const res = await admin.delete(`/api/accounts/${me.user.id}/roles/${must(adminGrants.rows[0])[0]}`);
    expect(res.status).toBe(422);
    expect(res.json.error.reason).toBe("last_street_admin");
  });
});
