import { Hono } from "hono";
import * as v from "valibot";
import { ACTIVITY_CATEGORIES, ACTIVITY_STATUSES, ATTENDANCES, VISIBILITIES } from "@tongxin/core";
import { createActivity } from "../services/activity/create";
import { activityDetail } from "../services/activity/detail";
import { listActivities } from "../services/activity/list";
import { communityShifts } from "../services/activity/shifts";
import { activitiesBook } from "../services/activity/book";
import { bookQuery, bookRequestOf, downloadHeaders } from "../http/download";
import { cancelActivity, finishActivity, publishActivity } from "../services/activity/transition";
import { signUp } from "../services/signup/sign-up";
import { withdraw } from "../services/signup/withdraw";
import { shiftRoster } from "../services/signup/roster";
import { issueQrToken } from "../services/attendance/qr";
import { scanCheckIn } from "../services/attendance/scan";
import { checkInByPhone, markAttendance } from "../services/attendance/mark";
import { codeCheckIn } from "../services/attendance/code";
import { confirmHours } from "../services/hours/confirm";
import { voidHours } from "../services/hours/void";
import { pageQuery } from "../services/page";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { humanName, id, idParam, idParams, ids, isoTime, multiLineText, singleLineText } from "../http/schemas";

/** A scan queued on the phone says when it was made and when sent, both on the phone's clock. */
const phoneTimes = { phone: v.optional(v.strictObject({ scannedAt: isoTime, sentAt: isoTime })) };
const phoneTimesOf = (phone: { scannedAt: number; sentAt: number } | undefined) =>
  phone && { scannedAtMs: phone.scannedAt, sentAtMs: phone.sentAt };
const checkinCode = v.pipe(v.string(), v.regex(/^\d{6}$/));

const shiftBody = v.strictObject({
  startsAt: isoTime,
  endsAt: isoTime,
  capacity: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)),
  requiredSkillIds: v.optional(ids(10), []),
  signupDeadline: v.optional(isoTime),
  cancelDeadline: v.optional(isoTime),
  waitlistEnabled: v.optional(v.boolean(), true),
});
const activityBody = v.strictObject({
  communityId: id,
  teamId: v.optional(v.nullable(id), null),
  title: humanName(80),
  description: multiLineText(2000),
  category: v.picklist(ACTIVITY_CATEGORIES),
  place: singleLineText(100, { required: true }),
  visibility: v.optional(v.picklist(VISIBILITIES), "public"),
  targetGridIds: v.optional(ids(50), []),
  shifts: v.pipe(v.array(shiftBody), v.minLength(1), v.maxLength(20)),
  repeatWeeks: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(26)), 1),
});
const listQuery = v.strictObject({
  ...pageQuery,
  communityId: idParam,
  from: v.optional(isoTime),
  to: v.optional(isoTime),
  category: v.optional(v.picklist(ACTIVITY_CATEGORIES)),
  skillId: v.optional(idParam),
});
const shiftFilters = {
  from: v.optional(isoTime),
  to: v.optional(isoTime),
  status: v.optional(v.picklist(ACTIVITY_STATUSES)),
};
const idempotencyHeader = v.object({
  "idempotency-key": v.optional(v.pipe(v.string(), v.minLength(8), v.maxLength(100))),
});
const attendanceBody = v.strictObject({
  userId: id,
  attendance: v.picklist(ATTENDANCES),
  checkInAt: v.optional(isoTime),
  checkOutAt: v.optional(isoTime),
});
const minutes = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(720));
const hoursBody = v.strictObject({
  entries: v.pipe(
    v.array(v.strictObject({ userId: id, minutes: v.optional(minutes), reason: v.optional(singleLineText(200)) })),
    v.minLength(1),
    v.maxLength(500),
  ),
});
const reasonBody = v.strictObject({ reason: singleLineText(200, { required: true }) });

export const activityRoutes = new Hono<AppEnv>()
  .get(
    "/activities",
    doc("activities", "Upcoming published activities of a community, soonest first (team-only ones for members)", {
      signIn: "optional",
    }),
    valid("query", listQuery),
    async (c) => {
      const page = unwrap(await listActivities(callOf(c), c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .get(
    "/communities/:id/activity-shifts",
    doc("activities", "活动台账: every shift of the community's activities (period, status), in start order (staff)"),
    valid("param", idParams),
    valid("query", v.strictObject({ ...pageQuery, ...shiftFilters })),
    async (c) => {
      const input = { ...c.req.valid("query"), communityId: c.req.valid("param").id };
      const page = unwrap(await communityShifts(callOf(c), input));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .get(
    "/communities/:id/activity-shifts/export",
    doc("activities", "志愿活动台账: the shifts with sign-ups, attendance and hours as XLSX (default) or CSV (staff)"),
    valid("param", idParams),
    valid("query", v.strictObject({ ...shiftFilters, ...bookQuery })),
    async (c) => {
      const { format, lang, ...filters } = c.req.valid("query");
      const input = { ...filters, communityId: c.req.valid("param").id };
      const file = unwrap(await activitiesBook(callOf(c), input, bookRequestOf(c, format, lang)));
      return c.body(file.body, 200, downloadHeaders(file));
    },
  )
  .post(
    "/activities",
    doc("activities", "Create a draft activity with its shifts (weekly repeats in one step)"),
    valid("json", activityBody),
    async (c) => {
      const { ok: _, ...activity } = unwrap(await createActivity(callOf(c), c.req.valid("json")));
      return c.json(activity, 201);
    },
  )
  .get(
    "/activities/:id",
    doc("activities", "An activity with its shifts, places left and my place", { signIn: "optional" }),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...activity } = unwrap(await activityDetail(callOf(c), c.req.valid("param").id));
      return c.json(activity, 200);
    },
  )
  .post("/activities/:id/publish", doc("activities", "Publish a draft"), valid("param", idParams), async (c) => {
    const { ok: _, ...activity } = unwrap(await publishActivity(callOf(c), c.req.valid("param").id));
    return c.json(activity, 200);
  })
  .post(
    "/activities/:id/cancel",
    doc("activities", "Cancel; everyone signed up is released and notified"),
    valid("param", idParams),
    valid("json", reasonBody),
    async (c) => {
      const { ok: _, ...activity } = unwrap(
        await cancelActivity(callOf(c), c.req.valid("param").id, c.req.valid("json").reason),
      );
      return c.json(activity, 200);
    },
  )
  .post(
    "/activities/:id/finish",
    doc("activities", "Mark finished after the last shift"),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...activity } = unwrap(await finishActivity(callOf(c), c.req.valid("param").id));
      return c.json(activity, 200);
    },
  )
  .post(
    "/shifts/:id/signups",
    doc("activities", "Sign up for a shift: confirmed, or waitlisted with a position. Accepts Idempotency-Key."),
    valid("param", idParams),
    valid("header", idempotencyHeader),
    async (c) => {
      const answer = unwrap(await signUp(callOf(c), c.req.valid("param").id, c.req.valid("header")["idempotency-key"]));
      return c.json(
        {
          signupId: answer.signupId,
          status: answer.status,
          ...(answer.position !== null ? { position: answer.position } : {}),
        },
        201,
      );
    },
  )
  .delete(
    "/shifts/:id/signups/me",
    doc("activities", "Give up my place or leave the waitlist; the first waiting volunteer is promoted"),
    valid("param", idParams),
    async (c) => {
      const { promotedUserId } = unwrap(await withdraw(callOf(c), c.req.valid("param").id));
      return c.json({ cancelled: true, promoted: promotedUserId !== null }, 200);
    },
  )
  .get(
    "/shifts/:id/signups",
    doc("activities", "The organiser's list for a shift"),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...roster } = unwrap(await shiftRoster(callOf(c), c.req.valid("param").id));
      return c.json(roster, 200);
    },
  )
  .post(
    "/shifts/:id/qr",
    doc("activities", "The check-in QR tokens and 6-digit codes of the current window and the next ones"),
    valid("param", idParams),
    async (c) => {
      const { now, codes } = unwrap(await issueQrToken(callOf(c), c.req.valid("param").id));
      return c.json({ now, codes }, 200);
    },
  )
  .post(
    "/shifts/:id/checkins",
    doc("activities", "Scan: check in, then out; a scan queued offline carries when it was made"),
    valid("param", idParams),
    valid("json", v.strictObject({ token: v.pipe(v.string(), v.maxLength(200)), ...phoneTimes })),
    async (c) => {
      const { token, phone } = c.req.valid("json");
      const { ok: _, ...scan } = unwrap(
        await scanCheckIn(callOf(c), c.req.valid("param").id, token, phoneTimesOf(phone)),
      );
      return c.json(scan, 200);
    },
  )
  .post(
    "/me/checkins",
    doc("activities", "Check in or out with the 6-digit code on the organiser's screen"),
    valid("json", v.strictObject({ code: checkinCode, shiftId: v.optional(id), ...phoneTimes })),
    async (c) => {
      const { code, shiftId, phone } = c.req.valid("json");
      const { ok: _, ...scan } = unwrap(await codeCheckIn(callOf(c), { code, shiftId }, phoneTimesOf(phone)));
      return c.json(scan, 200);
    },
  )
  .post(
    "/shifts/:id/checkins/by-phone",
    doc("activities", "The organiser checks in someone without a phone by the last four digits and name (audited)"),
    valid("param", idParams),
    valid("json", v.strictObject({ phoneLast4: v.pipe(v.string(), v.regex(/^\d{4}$/)), name: humanName(40) })),
    async (c) => {
      const { ok: _, ...marked } = unwrap(
        await checkInByPhone(callOf(c), c.req.valid("param").id, c.req.valid("json")),
      );
      return c.json(marked, 200);
    },
  )
  .post(
    "/shifts/:id/attendance",
    doc("activities", "Mark attendance by hand (audited)"),
    valid("param", idParams),
    valid("json", attendanceBody),
    async (c) => {
      const { ok: _, ...marked } = unwrap(
        await markAttendance(callOf(c), c.req.valid("param").id, c.req.valid("json")),
      );
      return c.json(marked, 200);
    },
  )
  .post(
    "/shifts/:id/hours",
    doc("activities", "Confirm hours in bulk after the shift; corrections need a reason"),
    valid("param", idParams),
    valid("json", hoursBody),
    async (c) => {
      const { outcomes } = unwrap(await confirmHours(callOf(c), c.req.valid("param").id, c.req.valid("json").entries));
      return c.json({ outcomes }, 200);
    },
  )
  .post(
    "/hours/:id/void",
    doc("activities", "Void confirmed hours with a reason (never deleted)"),
    valid("param", idParams),
    valid("json", reasonBody),
    async (c) => {
      const { id: voided } = unwrap(await voidHours(callOf(c), c.req.valid("param").id, c.req.valid("json").reason));
      return c.json({ id: voided, voided: true }, 200);
    },
  );
