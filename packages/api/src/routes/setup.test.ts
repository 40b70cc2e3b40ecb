import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/harness";

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ seed: false });
});
afterAll(() => t.cleanup());

describe("first start without demo data (SEED=none)", () => {
  it("asks for the first admin, creates the street, signs them in, and then refuses a second setup", async () => {
    const agent = t.agent();
    expect((await agent.get("/api/setup")).json).toEqual({ needed: true });
    expect((await agent.get("/api/communities")).json.items).toEqual([]);
    const res = await agent.post("/api/setup", {
      streetName: "示例街道",
      name: "管理员",
      phone: "13500000000",
      password: "firstAdmin1",
    });
    expect(res.status).toBe(201);
    const me = await agent.get("/api/me");
    expect(me.json.roles).toEqual([
      expect.objectContaining({ role: "streetAdmin", scopeKind: "street", scopeName: "示例街道" }),
    ]);
    expect((await agent.get("/api/setup")).json).toEqual({ needed: false });
    const again = await t
      .agent()
      .post("/api/setup", { streetName: "夺权街道", name: "他人", phone: "13500000001", password: "secondAdmin1" });
    expect(again.status).toBe(409);
    expect((await t.agent().post("/api/auth/login", { phone: "13800000001", password: "demo12345" })).status).toBe(401);
  });
});

describe("service endpoints", () => {
  it("health answers ok with the database reachable", async () => {
    expect((await t.agent().get("/api/health")).json).toEqual({ status: "ok" });
  });

  it("openapi.json describes the routes with their input schemas, and /api/docs renders a page", async () => {
    const spec = (await t.agent().get("/api/openapi.json")).json;
    expect(spec.openapi).toMatch(/^3\./);
    expect(spec.servers).toEqual([{ url: "/api" }]);
    const register = spec.paths["/auth/register"].post;
    expect(register.requestBody.content["application/json"].schema.required).toEqual([
      "phone",
      "password",
      "name",
      "communityId",
    ]);
    expect(register.responses["400"].content["application/json"].schema.allOf[0]).toEqual({
      $ref: "#/components/schemas/Error",
    });
    expect(register.responses["201"].content["application/json"].schema.required).toContain("user");
    for (const path of ["/auth/login", "/me", "/communities", "/communities/{id}/grids", "/accounts"])
      expect(spec.paths).toHaveProperty([path]);
    const exportFormat = spec.paths["/communities/{id}/points/export"].get.parameters.find(
      (p: { name: string }) => p.name === "format",
    );
    expect(exportFormat).toMatchObject({ in: "query", schema: { enum: ["xlsx", "csv"], default: "xlsx" } });
    const docs = await t.app.request("http://localhost/api/docs");
    expect(docs.headers.get("content-type")).toMatch(/text\/html/);
    expect(await docs.text()).toContain("/api/openapi.json");
  });
});
