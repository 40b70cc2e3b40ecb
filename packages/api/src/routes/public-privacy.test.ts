import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, or, isNull } from "drizzle-orm";
import { users, volunteers } from "../db/schema";
import { testApp, type TestApp } from "../../test/harness";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

/** Every answer anyone can read without signing in, over the demo street (with its published ratings and notice). */
const PUBLIC = [
  "/api/public/notices?communityId=1",
  "/api/public/honor-roll?communityId=1",
  "/api/public/communities/1/board",
  "/api/public/points/chain",
  "/api/communities/1/offers",
  "/api/communities/1/projects",
  "/api/communities/1/partner-units",
];

describe("public answers", () => {
  it("the list above covers every /api/public route in the OpenAPI document", async () => {
    const doc = (await t.agent().get("/api/openapi.json")).json as { paths: Record<string, unknown> };
    // Paths are relative to the document's server, /api.
    const publicPaths = Object.keys(doc.paths).filter((p) => p.startsWith("/public"));
    expect(publicPaths.length).toBeGreaterThanOrEqual(4);
    for (const path of publicPaths) expect(PUBLIC.some((url) => url.split("?")[0]!.replace(/\/1\//, "/{id}/") === `/api${path}`)).toBe(true);
  });

  it.each(PUBLIC)("%s holds no phone number and no full name of anyone who did not consent", async (url) => {
    const res = await t.agent().get(url);
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.json);
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    const private_ = await t.database.db.select({ name: users.name }).from(users).leftJoin(volunteers, eq(volunteers.userId, users.id)).where(or(isNull(volunteers.userId), eq(volunteers.publicNameConsent, false)));
    const leaked = private_.map((p) => p.name).filter((name) => Array.from(name).length >= 2 && text.includes(name));
    expect(leaked).toEqual([]);
  });
});
