import { Hono } from "hono";
import * as v from "valibot";
import { issuePoints, publicChain, verifyLedger } from "../services/points/points";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { id, shortText } from "../http/schemas";

const issueBody = v.strictObject({ communityId: id, amount: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000_000)), reason: shortText(200) });
const idempotencyHeader = v.object({ "idempotency-key": v.optional(v.pipe(v.string(), v.minLength(8), v.maxLength(100))) });

export const pointRoutes = new Hono<AppEnv>()
  .post("/points/issuance", doc("points", "Issue points from the street to a community fund (street admin); Idempotency-Key"), valid("header", idempotencyHeader), valid("json", issueBody), async (c) => {
    const { ok: _, ...issued } = unwrap(await issuePoints(callOf(c), { ...c.req.valid("json"), idempotencyKey: c.req.valid("header")["idempotency-key"] }));
    return c.json(issued, issued.replayed ? 200 : 201);
  })
  .get("/points/verify", doc("points", "Recompute every balance from the entries and check the hash chain (staff)"), async (c) => {
    const { ok: _, ...report } = unwrap(await verifyLedger(callOf(c)));
    return c.json(report, 200);
  })
  .get("/public/points/chain", doc("public", "The ledger's chain head, entry count and supply per community (no sign-in)"), async (c) => {
    const { ok: _, ...chain } = unwrap(await publicChain(callOf(c)));
    return c.json(chain, 200);
  });
