import { afterAll, describe, expect, it } from "vitest";
import { checkAnswer } from "../../test/contract";
import { testApp } from "../../test/harness";

const t = await testApp();
afterAll(() => t.cleanup());

const request = (path: string, method = "GET") => new Request(`http://localhost${path}`, { method });
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("every answer in the API tests is checked against /api/openapi.json", () => {
  it("passes an answer the document describes", async () => {
    await expect(checkAnswer(t.app, request("/api/health"), json({ status: "ok" }))).resolves.toBeUndefined();
  });

  it("fails an answer with a field the document does not name, as a leak would", async () => {
    await expect(
      checkAnswer(t.app, request("/api/health"), json({ status: "ok", phone: "13800000001" })),
    ).rejects.toThrow(/does not match its schema/);
  });

  it("fails an answer whose field has another type than declared", async () => {
    const res = json({ items: [{ id: "7" }], nextCursor: null });
    await expect(checkAnswer(t.app, request("/api/me/requests"), res)).rejects.toThrow(/does not match/);
  });

  it("fails a status the operation does not declare", async () => {
    await expect(checkAnswer(t.app, request("/api/health"), json({ status: "ok" }, 202))).rejects.toThrow(
      /not a declared answer/,
    );
  });

  it("fails a refusal reason the operation is not documented to give", async () => {
    const refusal = json({ error: { code: "conflict", message: "x", reason: "shift_full" } }, 409);
    await expect(checkAnswer(t.app, request("/api/requests/1/claim", "POST"), refusal)).rejects.toThrow(
      /does not match/,
    );
  });

  it("reads the answers of the real app: a signed-in list passes", async () => {
    const agent = await t.agent().login("13800000007");
    const res = await agent.get("/api/me/requests");
    expect(res.status).toBe(200);
  });
});
