import { Hono } from "hono";
import * as v from "valibot";
import { REQUEST_CATEGORY_CODES } from "@tongxin/core";
import { bookSlot, createOffer, serviceCard } from "../services/offer/offers";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { humanName, idParams, isoTime, multiLineText, singleLineText } from "../http/schemas";

const offerBody = v.strictObject({
  providerKey: v.pipe(v.string(), v.regex(/^(volunteer|team|partner):[1-9]\d{0,14}$/)),
  category: v.picklist(REQUEST_CATEGORY_CODES),
  title: humanName(60),
  description: multiLineText(500),
  placeKind: v.picklist(["service_point", "door_to_door"]),
  place: singleLineText(100, { required: true }),
  schedule: singleLineText(100),
  slots: v.pipe(
    v.array(
      v.strictObject({
        startsAt: isoTime,
        endsAt: isoTime,
        capacity: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
      }),
    ),
    v.minLength(1),
    v.maxLength(50),
  ),
});

export const offerRoutes = new Hono<AppEnv>()
  .get(
    "/communities/:id/offers",
    doc("offers", "便民服务卡: the community's offers with upcoming slots (public)"),
    valid("param", idParams),
    async (c) => {
      const { items } = unwrap(await serviceCard(callOf(c), c.req.valid("param").id));
      return c.json({ items }, 200);
    },
  )
  .post(
    "/communities/:id/offers",
    doc("offers", "Publish an offer as yourself, a team you lead or a partner unit"),
    valid("param", idParams),
    valid("json", offerBody),
    async (c) => {
      const { ok: _, ...offer } = unwrap(
        await createOffer(callOf(c), { communityId: c.req.valid("param").id, ...c.req.valid("json") }),
      );
      return c.json(offer, 201);
    },
  )
  .post(
    "/offer-slots/:id/bookings",
    doc("offers", "Book a slot: creates a request already matched to the offer; 409 when full"),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...booking } = unwrap(await bookSlot(callOf(c), c.req.valid("param").id));
      return c.json(booking, 201);
    },
  );
