import { Hono } from "hono";
import * as v from "valibot";
import { DELIVERY_STATES } from "@tongxin/core";
import { myChannels, saveChannels } from "../services/outbox/channels";
import { listDeliveries } from "../services/outbox/list";
import { pageQuery } from "../services/page";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { idParams } from "../http/schemas";

const channelsBody = v.strictObject({ sms: v.boolean(), wechat: v.boolean() });
const deliveriesQuery = v.strictObject({ ...pageQuery, state: v.optional(v.picklist(DELIVERY_STATES)) });

/** Messages outside the app: each person's channels (opt-in, 退订 = all off), and their delivery state for staff. */
export const outboxRoutes = new Hono<AppEnv>()
  .get("/me/channels", doc("auth", "My channels outside the app (SMS, WeChat); all off until I choose"), async (c) => {
    const { channels } = unwrap(await myChannels(callOf(c)));
    return c.json(channels, 200);
  })
  .put(
    "/me/channels",
    doc("auth", "Choose my channels outside the app; turning one off (退订) skips what still waits on it"),
    valid("json", channelsBody),
    async (c) => {
      const { channels } = unwrap(await saveChannels(callOf(c), c.req.valid("json")));
      return c.json(channels, 200);
    },
  )
  .get(
    "/communities/:id/deliveries",
    doc("audit", "Messages sent outside the app to the community's residents, newest first, by state (staff)"),
    valid("param", idParams),
    valid("query", deliveriesQuery),
    async (c) => {
      const page = unwrap(await listDeliveries(callOf(c), c.req.valid("param").id, c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  );
