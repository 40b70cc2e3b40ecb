import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";
import { must } from "@tongxin/core";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

const idOf = async (phone: string) => (await (await t.agent().login(phone)).get("/api/me")).json.user.id as number;

/** A resident the street admin finds in another community (幸福里社区, id 2). */
const residentOfCommunity2 = async () => {
  const admin = await t.agent().login(DEMO.streetAdmin);
  const list = await admin.get("/api/accounts?communityId=2&limit=50");
  return list.json.items.find((a: { roles: { role: string }[] }) => a.roles.every((r) => r.role === "resident")) as {
    id: number;
    phone: string;
  };
};

/** A plain resident of 和平社区 living outside the demo grid worker's grid. */
const residentOutsideTheGrid = async () => {
  const worker = await t.agent().login(DEMO.gridWorker);
  const gridId = (await worker.get("/api/me")).json.roles.find((r: { role: string }) => r.role === "gridWorker")
    .scopeId as number;
  const staff = await t.agent().login(DEMO.communityStaff);
  const inGrid = new Set(
    (await staff.get(`/api/accounts?communityId=1&gridId=${gridId}&limit=100`)).json.items.map(
      (a: { id: number }) => a.id,
    ),
  );
  const all = (await staff.get("/api/accounts?communityId=1&limit=100")).json.items as {
    id: number;
    roles: { role: string }[];
  }[];
  return must(all.find((a) => !inGrid.has(a.id) && a.roles.every((r) => r.role === "resident")));
};

const reset = (agent: Agent, userId: number) => agent.post(`/api/accounts/${userId}/password-reset`);

describe("staff reset a forgotten password", () => {
  it("community staff reset a resident's password: a one-time password, the old one and every session end, and the audit records it without the password", async () => {
    const residentId = await idOf(DEMO.resident);
    const signedIn = await t.agent().login(DEMO.resident);
    const staff = await t.agent().login(DEMO.communityStaff);
    const res = await reset(staff, residentId);
    expect(res.status).toBe(200);
    expect(res.json.temporaryPassword).toMatch(/^[a-hj-km-np-z2-9]{6}[2-9][a-hj-km-np-z]$/);

    expect((await signedIn.get("/api/me")).status).toBe(401);
    expect((await t.agent().post("/api/auth/login", { phone: DEMO.resident, password: "demo12345" })).status).toBe(401);
    const resident = await t.agent().login(DEMO.resident, res.json.temporaryPassword);
    expect((await resident.get("/api/me")).json.user.mustChangePassword).toBe(true);

    const log = await staff.get("/api/audit?communityId=1&limit=1");
    expect(log.json.items[0]).toMatchObject({
      action: "account.passwordReset",
      entity: "user",
      entityId: residentId,
      actorName: "陈雅琴",
    });
    expect(JSON.stringify(log.json.items[0])).not.toContain(res.json.temporaryPassword);
    // Back to the demo password for the other tests.
    expect(
      (
        await resident.post("/api/auth/password", {
          currentPassword: res.json.temporaryPassword,
          newPassword: "demo12345",
        })
      ).status,
    ).toBe(200);
  });

  it("staff of another community, residents and anonymous callers are refused", async () => {
    const other = await residentOfCommunity2();
    expect((await reset(await t.agent().login(DEMO.communityStaff), other.id)).status).toBe(403);
    expect((await reset(await t.agent().login(DEMO.gridWorker), other.id)).status).toBe(403);
    const residentId = await idOf(DEMO.resident);
    expect((await reset(await t.agent().login(DEMO.volunteer), residentId)).status).toBe(403);
    expect((await reset(await t.agent().login(DEMO.committeeMember), residentId)).status).toBe(403);
    expect((await reset(t.agent(), residentId)).status).toBe(401);
    expect((await reset(await t.agent().login(DEMO.communityStaff), 999_999)).status).toBe(404);
    // The refused resets changed nothing.
    const row = await t.database.client.execute({
      sql: "select must_change_password from users where id = ?",
      args: [other.id],
    });
    expect(Number(must(row.rows[0])[0])).toBe(0);
  });

  it("the street admin resets anyone in the street, community staff included", async () => {
    const admin = await t.agent().login(DEMO.streetAdmin);
    const other = await residentOfCommunity2();
    expect((await reset(admin, other.id)).status).toBe(200);
    expect((await reset(admin, await idOf(DEMO.committeeMember2))).status).toBe(200);
  });

  it("a grid worker resets residents of their grid only, and no one holding a staff or leader role", async () => {
    const worker = await t.agent().login(DEMO.gridWorker);
    expect((await reset(worker, (await residentOutsideTheGrid()).id)).status).toBe(403);
    expect((await reset(worker, await idOf(DEMO.communityStaff))).status).toBe(403);
    expect((await reset(worker, await idOf(DEMO.teamLeader))).status).toBe(403);
    const staff = await t.agent().login(DEMO.communityStaff);
    const gridId = (await worker.get("/api/me")).json.roles.find((r: { role: string }) => r.role === "gridWorker")
      .scopeId as number;
    const neighbours = (await staff.get(`/api/accounts?communityId=1&gridId=${gridId}&limit=100`)).json.items as {
      id: number;
      roles: { role: string }[];
    }[];
    const plain = must(neighbours.find((a) => a.roles.every((r) => r.role === "resident")));
    expect((await reset(worker, plain.id)).status).toBe(200);
  });

  it("community staff may not reset the street admin, and nobody resets their own password this way", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    expect((await reset(staff, await idOf(DEMO.streetAdmin))).status).toBe(403);
    const own = await reset(staff, await idOf(DEMO.communityStaff));
    expect(own.status).toBe(422);
    expect(own.json.error.reason).toBe("own_account");
  });
});

describe("a one-time password must be changed at the next sign-in", () => {
  it("after a reset, every route but the change refuses with password_change_required until the person sets their own", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const volunteerId = await idOf(DEMO.volunteer);
    const { temporaryPassword } = (await reset(staff, volunteerId)).json;
    const volunteer = await t.agent().login(DEMO.volunteer, temporaryPassword);

    for (const [method, path] of [
      ["GET", "/api/me/shifts"],
      ["GET", "/api/me/notifications"],
      ["GET", "/api/activities?communityId=1"],
      ["POST", "/api/requests"],
    ] as const) {
      const refused = await volunteer.request(method, path, method === "POST" ? {} : undefined);
      expect(refused.status, path).toBe(403);
      expect(refused.json.error.reason, path).toBe("password_change_required");
    }

    const same = await volunteer.post("/api/auth/password", {
      currentPassword: temporaryPassword,
      newPassword: temporaryPassword,
    });
    expect(same.json.error.reason).toBe("same_password");
    expect((await volunteer.get("/api/me/shifts")).status).toBe(403);

    expect(
      (await volunteer.post("/api/auth/password", { currentPassword: temporaryPassword, newPassword: "demo12345" }))
        .status,
    ).toBe(200);
    expect((await volunteer.get("/api/me")).json.user.mustChangePassword).toBe(false);
    expect((await volunteer.get("/api/me/shifts")).status).toBe(200);
  });

  it("a proxy-registered resident must change the one-time password before anything else", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const created = await staff.post("/api/accounts", { phone: "13600000501", name: "冯奶奶", communityId: 1 });
    const resident = await t.agent().login("13600000501", created.json.temporaryPassword);
    expect((await resident.get("/api/me")).json.user.mustChangePassword).toBe(true);
    const refused = await resident.get("/api/me/requests");
    expect(refused.status).toBe(403);
    expect(refused.json.error.reason).toBe("password_change_required");
    expect(
      (
        await resident.post("/api/auth/password", {
          currentPassword: created.json.temporaryPassword,
          newPassword: "mine2026a",
        })
      ).status,
    ).toBe(200);
    expect((await resident.get("/api/me/requests")).status).toBe(200);
  });

  it("a person who registered themself is never limited", async () => {
    const agent = t.agent();
    await agent.post("/api/auth/register", {
      phone: "13600000502",
      password: "secret123",
      name: "林小雨",
      communityId: 1,
    });
    expect((await agent.get("/api/me")).json.user.mustChangePassword).toBe(false);
    expect((await agent.get("/api/me/shifts")).status).toBe(200);
  });
});
