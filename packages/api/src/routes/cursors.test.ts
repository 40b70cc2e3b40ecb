import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, testApp, type TestApp } from "../../test/harness";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

const forged = Buffer.from(JSON.stringify({ a: "1 OR 1=1" })).toString("base64url");

describe("a cursor the server did not hand out", () => {
  it.each([
    ["an id-ordered list", "/api/communities?cursor=garbage"],
    ["an id-ordered list with a forged cursor", `/api/communities?cursor=${forged}`],
    ["a time-ordered list", "/api/activities?communityId=1&cursor=garbage"],
  ])("is refused as the field cursor in %s", async (_, path) => {
    const res = await t.agent().get(path);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({
      code: "invalid_input",
      reason: "bad_cursor",
      issues: [{ path: "cursor", code: "bad_cursor" }],
    });
  });

  it("is refused as the field cursor in the inbox", async () => {
    const volunteer = await t.agent().login(DEMO.volunteer);
    const res = await volunteer.get("/api/me/notifications?cursor=not-a-cursor");
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ reason: "bad_cursor", issues: [{ path: "cursor" }] });
  });
});
