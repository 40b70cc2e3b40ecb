import { Hono } from "hono";
import * as v from "valibot";
import { REQUEST_CATEGORY_CODES } from "@tongxin/core";
import { issuePoints, publicChain } from "../services/points/points";
import { verifyLedger } from "../services/points/verify";
import { donate } from "../services/points/donate";
import { myPoints } from "../services/points/statement";
import { communityPoints, getEarningRules, setEarningRules } from "../services/points/community";
import { communityLedger, communityRedemptions } from "../services/points/community-lists";
import { pointsBook } from "../services/points/book";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { bookQuery, bookRequestOf, downloadHeaders } from "../http/download";
import { pageQuery } from "../services/page";
import { valid } from "../http/validate";
import { id, idParams, phone, singleLineText } from "../http/schemas";

const issueBody = v.strictObject({
  communityId: id,
  amount: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000_000)),
  reason: singleLineText(200, { required: true }),
});
const idempotencyKey = v.pipe(v.string(), v.minLength(8), v.maxLength(100));
const idempotencyHeader = v.object({ "idempotency-key": v.optional(idempotencyKey) });
/** Spending points needs a key: a second tap, or a retry after a lost answer, must not spend twice. */
export const requiredKeyHeader = v.object({ "idempotency-key": idempotencyKey });
const month = v.pipe(v.string(), v.regex(/^20\d\d-(0[1-9]|1[0-2])$/));
const monthQuery = v.strictObject({ month: v.optional(month) });
const points = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max));
const rulesBody = v.strictObject({
  pointsPerHour: points(1_000),
  perRequest: v.record(v.picklist(REQUEST_CATEGORY_CODES), points(1_000)),
  requestDefault: points(1_000),
  fiveStarBonus: points(1_000),
  dailyCap: points(10_000),
});
const donationBody = v.strictObject({
  to: v.union([v.literal("fund"), v.strictObject({ householdId: id }), v.strictObject({ phone })]),
  amount: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000)),
  message: singleLineText(100),
});
const exportQuery = v.strictObject({ kind: v.picklist(["statement", "redemptions"]), month, ...bookQuery });
const monthListQuery = v.strictObject({ month, ...pageQuery });

export const pointRoutes = new Hono<AppEnv>()
  .post(
    "/points/issuance",
    doc("points", "Issue points from the street to a community fund (street admin); Idempotency-Key"),
    valid("header", idempotencyHeader),
    valid("json", issueBody),
    async (c) => {
      const { ok: _, ...issued } = unwrap(
        await issuePoints(callOf(c), {
          ...c.req.valid("json"),
          idempotencyKey: c.req.valid("header")["idempotency-key"],
        }),
      );
      return c.json(issued, issued.replayed ? 200 : 201);
    },
  )
  .get(
    "/points/verify",
    doc("points", "Recompute every balance from the entries and check the hash chain (staff)"),
    async (c) => {
      const { ok: _, ...report } = unwrap(await verifyLedger(callOf(c)));
      return c.json(report, 200);
    },
  )
  .get(
    "/public/points/chain",
    doc("public", "The ledger's chain head, entry count and supply per community (no sign-in)"),
    async (c) => {
      const { ok: _, ...chain } = unwrap(await publicChain(callOf(c)));
      return c.json(chain, 200);
    },
  )
  .get(
    "/me/points",
    doc("points", "My balance, reserved and owed points, the month's statement and my redemptions"),
    valid("query", monthQuery),
    async (c) => {
      const { ok: _, ...mine } = unwrap(await myPoints(callOf(c), c.req.valid("query").month));
      return c.json(mine, 200);
    },
  )
  .post(
    "/points/donations",
    doc(
      "points",
      "转赠: give points to a household of my community (by id or a member's phone) or to its fund, with a message; Idempotency-Key required",
    ),
    valid("header", requiredKeyHeader),
    valid("json", donationBody),
    async (c) => {
      const body = c.req.valid("json");
      const target =
        body.to === "fund"
          ? ({ kind: "fund" } as const)
          : "phone" in body.to
            ? ({ kind: "phone", phone: body.to.phone } as const)
            : ({ kind: "household", householdId: body.to.householdId } as const);
      const { ok: _, ...done } = unwrap(
        await donate(callOf(c), {
          target,
          amount: body.amount,
          message: body.message,
          idempotencyKey: c.req.valid("header")["idempotency-key"],
        }),
      );
      return c.json(done, done.replayed ? 200 : 201);
    },
  )
  .get(
    "/communities/:id/points",
    doc(
      "points",
      "A community's fund, store account, waiting earnings, issuances, monthly summary and donations (staff)",
    ),
    valid("param", idParams),
    valid("query", monthQuery),
    async (c) => {
      const { ok: _, ...overview } = unwrap(
        await communityPoints(callOf(c), c.req.valid("param").id, c.req.valid("query").month),
      );
      return c.json(overview, 200);
    },
  )
  .get(
    "/communities/:id/earning-rules",
    doc("points", "The community's earning rules (staff)"),
    valid("param", idParams),
    async (c) => {
      const { rules } = unwrap(await getEarningRules(callOf(c), c.req.valid("param").id));
      return c.json({ rules }, 200);
    },
  )
  .put(
    "/communities/:id/earning-rules",
    doc("points", "Set the community's earning rules (staff, audited)"),
    valid("param", idParams),
    valid("json", rulesBody),
    async (c) => {
      const { rules } = unwrap(await setEarningRules(callOf(c), c.req.valid("param").id, c.req.valid("json")));
      return c.json({ rules }, 200);
    },
  )
  .get(
    "/communities/:id/points/transfers",
    doc("points", "积分流水: a month's transfers of the community's fund, store and households, oldest first (staff)"),
    valid("param", idParams),
    valid("query", monthListQuery),
    async (c) => {
      const input = { ...c.req.valid("query"), communityId: c.req.valid("param").id };
      const page = unwrap(await communityLedger(callOf(c), input));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .get(
    "/communities/:id/store/redemptions",
    doc("store", "兑换记录: a month's redemptions at the community's store, oldest first (staff)"),
    valid("param", idParams),
    valid("query", monthListQuery),
    async (c) => {
      const input = { ...c.req.valid("query"), communityId: c.req.valid("param").id };
      const page = unwrap(await communityRedemptions(callOf(c), input));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .get(
    "/communities/:id/points/export",
    doc(
      "points",
      "积分流水 (kind=statement) or 兑换记录 (kind=redemptions) of a month as a book: XLSX (default) or CSV, header row in lang (zh|en) (staff)",
    ),
    valid("param", idParams),
    valid("query", exportQuery),
    async (c) => {
      const { kind, month: chosen, format, lang } = c.req.valid("query");
      const input = { communityId: c.req.valid("param").id, month: chosen };
      const file = unwrap(await pointsBook(callOf(c), kind, input, bookRequestOf(c, format, lang)));
      return c.body(file.body, 200, downloadHeaders(file));
    },
  );
