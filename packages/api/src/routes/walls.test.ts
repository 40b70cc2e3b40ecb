import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { auditLog, users, wallLinks } from "../db/schema";
import { DEMO, testApp, type Agent, type TestApp } from "../../test/harness";

let t: TestApp;
let staff: Agent;
let admin: Agent;
let resident: Agent;
let neighbour: Agent;
let signedOut: Agent;

beforeAll(async () => {
  t = await testApp();
  staff = await t.agent().login(DEMO.communityStaff);
  admin = await t.agent().login(DEMO.streetAdmin);
  resident = await t.agent().login(DEMO.resident);
  signedOut = t.agent();
  // Staff of 幸福里社区 (community 2), made by the street admin.
  const account = await admin.post("/api/accounts", { phone: "13600007777", name: "邻社区干部", communityId: 2 });
  await admin.post(`/api/accounts/${account.json.user.id}/roles`, { role: "communityStaff", scopeId: 2 });
  await t.agent().firstLogin("13600007777", account.json.temporaryPassword, "neighbour2026");
  neighbour = await t.agent().login("13600007777", "neighbour2026");
});
afterAll(() => t.cleanup());

const create = (agent: Agent, kind: string, id: number) => agent.post("/api/walls", { kind, id });

describe("a wall link", () => {
  it("made by community staff shows the community's name and dashboard figures to a reader with no session", async () => {
    const made = await create(staff, "community", 1);
    expect(made.status).toBe(201);
    expect(made.json.path).toBe(`/wall/t/${made.json.token}`);
    expect(made.json.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const wall = await signedOut.get(`/api/public/walls/${made.json.token}`);
    expect(wall.status).toBe(200);
    const board = await staff.get("/api/dashboards/communities/1");
    expect(wall.json).toEqual({ ...board.json, name: expect.any(String) });
    expect(wall.json.name.length).toBeGreaterThan(0);
    expect(wall.headers.get("cache-control")).toBe("no-store");
  });

  it("answers figures only: no phone and no person's name, whoever made it", async () => {
    const made = await create(admin, "street", 1);
    const text = JSON.stringify((await signedOut.get(`/api/public/walls/${made.json.token}`)).json);
    expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    const names = (await t.database.db.select({ name: users.name }).from(users)).map((u) => u.name);
    expect(names.filter((name) => Array.from(name).length >= 2 && text.includes(name))).toEqual([]);
  });

  it("made by the street admin shows the street", async () => {
    const made = await create(admin, "street", 1);
    expect(made.status).toBe(201);
    const wall = await signedOut.get(`/api/public/walls/${made.json.token}`);
    expect(wall.status).toBe(200);
    expect(wall.json.scope).toEqual({ kind: "street", id: 1 });
  });

  it("is kept as a SHA-256 of its token, never the token itself", async () => {
    const made = await create(staff, "community", 1);
    const [row] = await t.database.db.select().from(wallLinks).where(eq(wallLinks.id, made.json.id));
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.tokenHash).not.toContain(made.json.token);
    expect(JSON.stringify(row)).not.toContain(made.json.token);
  });

  it("once revoked answers 404, the same as an unknown or malformed token, and revoking again changes nothing", async () => {
    const made = await create(staff, "community", 1);
    const revoked = await staff.post(`/api/walls/${made.json.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt).toEqual(expect.any(String));
    const gone = await signedOut.get(`/api/public/walls/${made.json.token}`);
    expect(gone.status).toBe(404);
    const unknown = await signedOut.get(`/api/public/walls/${"A".repeat(43)}`);
    expect(unknown).toMatchObject({ status: 404, json: gone.json });
    expect((await signedOut.get("/api/public/walls/short")).status).toBe(404);

    t.clock.ms += 60_000;
    const again = await staff.post(`/api/walls/${made.json.id}/revoke`);
    expect(again).toMatchObject({ status: 200, json: revoked.json });
  });

  it("leaves audit rows of its creation and its revocation, once each", async () => {
    const made = await create(staff, "community", 1);
    await staff.post(`/api/walls/${made.json.id}/revoke`);
    await staff.post(`/api/walls/${made.json.id}/revoke`);
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "wall_link"), eq(auditLog.entityId, made.json.id)))
      .orderBy(auditLog.id);
    expect(rows.map((r) => [r.action, r.communityId])).toEqual([
      ["wall.create", 1],
      ["wall.revoke", 1],
    ]);
    expect(JSON.stringify(rows)).not.toContain(made.json.token);
  });
});

describe("the place's list of wall links", () => {
  it("runs newest first by cursor, with the creator's name and no token", async () => {
    const made = [await create(staff, "community", 1), await create(staff, "community", 1)];
    const first = await staff.get("/api/walls?kind=community&id=1&limit=1");
    expect(first.status).toBe(200);
    expect(first.json.items).toHaveLength(1);
    expect(first.json.items[0]).toEqual({
      id: made[1]?.json.id,
      createdAt: expect.any(String),
      createdBy: expect.any(String),
      revokedAt: null,
    });
    const next = await staff.get(`/api/walls?kind=community&id=1&limit=1&cursor=${first.json.nextCursor}`);
    expect(next.json.items[0].id).toBe(made[0]?.json.id);
    const all = await staff.get("/api/walls?kind=community&id=1&limit=100");
    const ids: number[] = all.json.items.map((i: { id: number }) => i.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const rows = await t.database.db.select().from(wallLinks).where(inArray(wallLinks.id, ids));
    expect(rows.every((r) => r.placeKind === "community" && r.placeId === 1)).toBe(true);
    expect(JSON.stringify(all.json)).not.toMatch(/token/i);
  });

  it("refuses a bad kind with the field named", async () => {
    const res = await staff.get("/api/walls?kind=grid&id=1");
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json)).toContain("kind");
  });
});

describe("another community's staff and residents", () => {
  it("cannot create, list or revoke community 1's wall links", async () => {
    const made = await create(staff, "community", 1);
    expect((await create(neighbour, "community", 1)).status).toBe(403);
    expect((await neighbour.get("/api/walls?kind=community&id=1")).status).toBe(403);
    expect((await neighbour.post(`/api/walls/${made.json.id}/revoke`)).status).toBe(403);
    expect((await create(neighbour, "street", 1)).status).toBe(403);
    expect((await signedOut.get(`/api/public/walls/${made.json.token}`)).status).toBe(200);
    // Their own community's wall is theirs to make.
    expect((await create(neighbour, "community", 2)).status).toBe(201);
  });

  it("a resident cannot create or list, and no one signed out can", async () => {
    expect((await create(resident, "community", 1)).status).toBe(403);
    expect((await resident.get("/api/walls?kind=community&id=1")).status).toBe(403);
    expect((await create(signedOut, "community", 1)).status).toBe(401);
    expect((await create(staff, "community", 999)).status).toBe(404);
  });
});
