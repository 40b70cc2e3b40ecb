import { Hono } from "hono";
import * as v from "valibot";
import { calendarFeed } from "../services/calendar/feed";
import { shiftCalendar } from "../services/calendar/shift";
import { calendarSubscription, subscribeCalendar, unsubscribeCalendar } from "../services/calendar/subscription";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { siteOrigin } from "../http/csrf";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { idParams } from "../http/schemas";

const ICS_TYPE = "text/calendar; charset=utf-8";
/** Calendar apps poll a feed every few minutes to hours; five minutes spares the server without going stale. */
const FEED_CACHE = "private, max-age=300";

export const calendarRoutes = new Hono<AppEnv>()
  .get("/me/calendar", doc("activities", "Whether my private calendar feed is live, and since when"), async (c) => {
    const { ok: _, ...subscription } = unwrap(await calendarSubscription(callOf(c)));
    return c.json(subscription, 200);
  })
  .post(
    "/me/calendar",
    doc("activities", "Create my private calendar feed of my shifts, or replace it (the old address stops working)"),
    async (c) => {
      const { token } = unwrap(await subscribeCalendar(callOf(c)));
      return c.json({ url: `${siteOrigin(c)}/api/calendar/${token}.ics` }, 201);
    },
  )
  .delete("/me/calendar", doc("activities", "Revoke my calendar feed: its address answers 404"), async (c) => {
    unwrap(await unsubscribeCalendar(callOf(c)));
    return c.json({ revoked: true }, 200);
  })
  .get(
    "/calendar/:file",
    doc("activities", "A private calendar feed (iCalendar, no session): its owner's shifts, 30 days back to 180 ahead"),
    valid("param", v.strictObject({ file: v.pipe(v.string(), v.maxLength(100)) })),
    async (c) => {
      const { ics } = unwrap(await calendarFeed(callOf(c), c.req.valid("param").file, siteOrigin(c)));
      return c.body(ics, 200, { "Content-Type": ICS_TYPE, "Cache-Control": FEED_CACHE });
    },
  )
  .get(
    "/shifts/:id/calendar.ics",
    doc("activities", "One shift as an .ics file to add to a calendar (for those who may see the activity)"),
    valid("param", idParams),
    async (c) => {
      const { ics, filename } = unwrap(await shiftCalendar(callOf(c), c.req.valid("param").id, siteOrigin(c)));
      return c.body(ics, 200, {
        "Content-Type": ICS_TYPE,
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "private, no-store",
      });
    },
  );
