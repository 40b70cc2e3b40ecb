import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { REFUSALS } from "@tongxin/core";
import { DomainError, mapError } from "./errors";

const app = new Hono().get("/refuse/:reason", (c) => {
  throw new DomainError(c.req.param("reason") as (typeof REFUSALS)[number]);
});
app.onError(mapError);

describe("the one error mapper", () => {
  it.each(REFUSALS)("answers the refusal %s with a 4xx naming it, never a 500", async (reason) => {
    const res = await app.request(`/refuse/${reason}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const body = (await res.json()) as { error: { reason: string; message: string } };
    expect(body.error.reason).toBe(reason);
    expect(body.error.message.length).toBeGreaterThan(0);
  });

  it("answers a full slot with 409 slot_full, not the generic conflict a race gets", async () => {
    const res = await app.request("/refuse/slot_full");
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe("The slot is fully booked.");
  });
});
