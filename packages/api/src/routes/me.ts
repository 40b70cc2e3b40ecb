import { Hono } from "hono";
import * as v from "valibot";
import { PARTY_STATUSES } from "@tongxin/core";
import { me } from "../services/account/me";
import { markNotificationsRead, myNotifications } from "../services/account/notifications";
import { myProfile, saveProfile } from "../services/volunteer/profile";
import { myShifts } from "../services/signup/my-shifts";
import { myHeldRequests, myUpcomingShifts } from "../services/volunteer/tasks";
import { pageQuery } from "../services/page";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { id, ids } from "../http/schemas";

const minuteOfDay = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1440));
const profileBody = v.strictObject({
  homeGridId: v.nullable(id),
  skillIds: ids(30),
  availability: v.pipe(
    v.array(
      v.strictObject({
        weekday: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7)),
        startMinute: minuteOfDay,
        endMinute: minuteOfDay,
      }),
    ),
    v.maxLength(28),
  ),
  partyStatus: v.nullable(v.picklist(PARTY_STATUSES)),
  partnerUnitId: v.nullable(id),
  publicNameConsent: v.boolean(),
});

export const meRoutes = new Hono<AppEnv>()
  .get("/", doc("auth", "The signed-in user and their roles with scopes"), async (c) => {
    const { user, roles } = unwrap(await me(callOf(c)));
    return c.json({ user, roles }, 200);
  })
  .get("/volunteer", doc("volunteers", "My volunteer profile (404 before I create one)"), async (c) => {
    const { profile } = unwrap(await myProfile(callOf(c)));
    return c.json(profile, 200);
  })
  .put(
    "/volunteer",
    doc("volunteers", "Create or update my volunteer profile; grants the volunteer role"),
    valid("json", profileBody),
    async (c) => {
      const { profile } = unwrap(await saveProfile(callOf(c), c.req.valid("json")));
      return c.json(profile, 200);
    },
  )
  .get(
    "/shifts",
    doc("activities", "My shifts: upcoming (with waitlist positions) and past (with confirmed hours)"),
    async (c) => {
      const { upcoming, past } = unwrap(await myShifts(callOf(c)));
      return c.json({ upcoming, past }, 200);
    },
  )
  .get(
    "/tasks/requests",
    doc(
      "volunteers",
      "我的任务: requests I or a team I lead hold (claimed, assigned, booked on our offers), newest first, with time, place and next move",
    ),
    valid("query", v.strictObject(pageQuery)),
    async (c) => {
      const page = unwrap(await myHeldRequests(callOf(c), c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .get(
    "/tasks/shifts",
    doc("volunteers", "我的任务: shifts I signed up for that have not ended, soonest first, with waitlist positions"),
    valid("query", v.strictObject(pageQuery)),
    async (c) => {
      const page = unwrap(await myUpcomingShifts(callOf(c), c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .get(
    "/notifications",
    doc("auth", "My in-app messages: unread first (with their count), then read ones, newest first, by cursor"),
    valid("query", v.strictObject(pageQuery)),
    async (c) => {
      const { items, unread, nextCursor } = unwrap(await myNotifications(callOf(c), c.req.valid("query")));
      return c.json({ items, unread, nextCursor }, 200);
    },
  )
  .post(
    "/notifications/read",
    doc("auth", "Mark the messages I was shown read (all unread ones when no ids are given)"),
    valid("json", v.strictObject({ ids: v.optional(ids(100)) })),
    async (c) => {
      unwrap(await markNotificationsRead(callOf(c), c.req.valid("json").ids));
      return c.json({ ok: true }, 200);
    },
  );
