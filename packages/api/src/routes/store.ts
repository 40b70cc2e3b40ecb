import { Hono } from "hono";
import * as v from "valibot";
import { createItem, listItems, updateItem } from "../services/store/items";
import { handOver, lookupPickup } from "../services/store/pickup";
import { redeem } from "../services/store/redeem";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { humanName, idParam, idParams, photoDataUrl, singleLineText, version } from "../http/schemas";
import { requiredKeyHeader } from "./points";

const name = humanName(40);
const description = singleLineText(200);
const price = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000));
const monthlyLimit = v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)));
const photo = v.nullable(photoDataUrl);
const itemBody = v.strictObject({
  name,
  description: v.optional(description, ""),
  pointsPrice: price,
  stock: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)),
  monthlyLimit: v.optional(monthlyLimit, null),
  photo: v.optional(photo),
});
const itemChange = v.strictObject({
  version,
  name: v.optional(name),
  description: v.optional(description),
  pointsPrice: v.optional(price),
  monthlyLimit: v.optional(monthlyLimit),
  active: v.optional(v.boolean()),
  photo: v.optional(photo),
  addStock: v.optional(v.pipe(v.number(), v.integer(), v.minValue(-100_000), v.maxValue(100_000))),
});
const redeemBody = v.strictObject({
  quantity: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10)), 1),
});
const code = v.pipe(v.string(), v.regex(/^\d{8}$/));
const pickupParams = v.strictObject({ id: idParam, code });

export const storeRoutes = new Hono<AppEnv>()
  .get(
    "/communities/:id/store/items",
    doc(
      "store",
      "The 爱心超市 of a community: what I can afford first (residents of the community; staff also see withdrawn items)",
    ),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...store } = unwrap(await listItems(callOf(c), c.req.valid("param").id));
      return c.json(store, 200);
    },
  )
  .post(
    "/communities/:id/store/items",
    doc("store", "Add an item to the store (store staff, audited)"),
    valid("param", idParams),
    valid("json", itemBody),
    async (c) => {
      const { ok: _, ...item } = unwrap(await createItem(callOf(c), c.req.valid("param").id, c.req.valid("json")));
      return c.json(item, 201);
    },
  )
  .patch(
    "/store/items/:id",
    doc("store", "Change an item: fields with the version seen, stock by a delta (store staff, audited)"),
    valid("param", idParams),
    valid("json", itemChange),
    async (c) => {
      const { ok: _, ...item } = unwrap(await updateItem(callOf(c), c.req.valid("param").id, c.req.valid("json")));
      return c.json(item, 200);
    },
  )
  .post(
    "/store/items/:id/redemptions",
    doc(
      "store",
      "Redeem an item: points reserved, stock taken, a pickup code (201; 409 out of stock; 422 short balance); Idempotency-Key required",
    ),
    valid("param", idParams),
    valid("header", requiredKeyHeader),
    valid("json", redeemBody),
    async (c) => {
      const { ok: _, ...redemption } = unwrap(
        await redeem(callOf(c), c.req.valid("param").id, {
          quantity: c.req.valid("json").quantity,
          idempotencyKey: c.req.valid("header")["idempotency-key"],
        }),
      );
      return c.json(redemption, redemption.replayed ? 200 : 201);
    },
  )
  .get(
    "/communities/:id/store/pickups/:code",
    doc("store", "What a pickup code stands for (store staff)"),
    valid("param", pickupParams),
    async (c) => {
      const { id: communityId, code: pickup } = c.req.valid("param");
      const { ok: _, ...found } = unwrap(await lookupPickup(callOf(c), communityId, pickup));
      return c.json(found, 200);
    },
  )
  .post(
    "/communities/:id/store/pickups/:code",
    doc("store", "Hand the goods over: the reservation is posted (store staff, audited)"),
    valid("param", pickupParams),
    async (c) => {
      const { id: communityId, code: pickup } = c.req.valid("param");
      const { ok: _, ...done } = unwrap(await handOver(callOf(c), communityId, pickup));
      return c.json(done, 200);
    },
  );
