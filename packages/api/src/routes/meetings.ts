import { Hono } from "hono";
import * as v from "valibot";
import {
  INVITATION_REPLIES,
  MAJORITY_BASES,
  MEETING_ACTIONS,
  MEETING_BODIES,
  MEETING_SEATS,
  SHARE_DENOMINATOR_MAX,
  VOTE_CHOICES,
} from "@tongxin/core";
import { agendaCandidates } from "../services/meeting/agenda";
import { issueMeetingQr, replyToInvitation, scanMeetingQr, tickAttendance } from "../services/meeting/attendance";
import {
  listMeetingRules,
  RESIDENT_REPS_MAX,
  residentReps,
  setMeetingRule,
  setResidentReps,
} from "../services/meeting/bodies";
import { countTopic } from "../services/meeting/count";
import { createMeeting } from "../services/meeting/create";
import { recordMinutes } from "../services/meeting/minutes";
import { moveMeeting } from "../services/meeting/move";
import { listMeetings, myMeetings, showMeeting } from "../services/meeting/show";
import { castVote, declareMeetingConflict } from "../services/meeting/vote";
import { pageQuery } from "../services/page";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import {
  humanName,
  id,
  idParam,
  idParams,
  ids,
  isoTime,
  multiLineText,
  singleLineText,
  version,
} from "../http/schemas";

const AGENDA_TOPICS_MAX = 20;
const MINUTES_CHARS_MAX = 10_000;

const meetingBody = v.strictObject({
  body: v.picklist(MEETING_BODIES),
  title: humanName(80),
  place: singleLineText(100, { required: true }),
  startsAt: isoTime,
  buildingId: v.optional(id),
  topicIds: v.pipe(
    ids(AGENDA_TOPICS_MAX),
    v.check((list) => new Set(list).size === list.length, "duplicate"),
  ),
});
const topicParams = v.strictObject({ id: idParam, topicId: idParam });
const share = v.strictObject({
  numerator: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(SHARE_DENOMINATOR_MAX)),
  denominator: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(SHARE_DENOMINATOR_MAX)),
  strict: v.boolean(),
});
const ruleBody = v.strictObject({
  quorum: share,
  quorumMin: v.pipe(v.number(), v.integer(), v.minValue(0)),
  quorumSeat: v.nullable(v.picklist(MEETING_SEATS)),
  majority: share,
  majorityBase: v.picklist(MAJORITY_BASES),
  proposerExcluded: v.boolean(),
});

export const meetingRoutes = new Hono<AppEnv>()
  .get(
    "/communities/:id/meetings",
    doc("meetings", "A community's meetings, newest first (staff and committee)"),
    valid("param", idParams),
    valid("query", v.strictObject(pageQuery)),
    async (c) => {
      const page = unwrap(await listMeetings(callOf(c), c.req.valid("param").id, c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .post(
    "/communities/:id/meetings",
    doc("meetings", "Plan a meeting of a body with its agenda; every member is invited (staff, audited)"),
    valid("param", idParams),
    valid("json", meetingBody),
    async (c) => {
      const { ok: _, ...meeting } = unwrap(
        await createMeeting(callOf(c), { communityId: c.req.valid("param").id, ...c.req.valid("json") }),
      );
      return c.json(meeting, 201);
    },
  )
  .get(
    "/communities/:id/agenda-topics",
    doc("meetings", "Topics in deliberation a meeting may take on its agenda (staff and committee)"),
    valid("param", idParams),
    valid("query", v.strictObject(pageQuery)),
    async (c) => {
      const page = unwrap(await agendaCandidates(callOf(c), c.req.valid("param").id, c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .get(
    "/communities/:id/resident-reps",
    doc("meetings", "The residents' representatives (居民代表) of a community (staff and committee)"),
    valid("param", idParams),
    async (c) => c.json(unwrap(await residentReps(callOf(c), c.req.valid("param").id)), 200),
  )
  .put(
    "/communities/:id/resident-reps",
    doc("meetings", "Replace the list of residents' representatives (staff, audited)"),
    valid("param", idParams),
    valid("json", v.strictObject({ userIds: ids(RESIDENT_REPS_MAX) })),
    async (c) => {
      const { ok: _, ...done } = unwrap(
        await setResidentReps(callOf(c), c.req.valid("param").id, c.req.valid("json").userIds),
      );
      return c.json(done, 200);
    },
  )
  .get(
    "/communities/:id/meeting-rules",
    doc("meetings", "The community's quorum and majority rule per body (its own, else the default; staff)"),
    valid("param", idParams),
    async (c) => c.json(unwrap(await listMeetingRules(callOf(c), c.req.valid("param").id)), 200),
  )
  .put(
    "/communities/:id/meeting-rules/:body",
    doc("meetings", "Set the community's own quorum and majority rule for a body (staff, audited)"),
    valid("param", v.strictObject({ id: idParam, body: v.picklist(MEETING_BODIES) })),
    valid("json", ruleBody),
    async (c) => {
      const { id: communityId, body } = c.req.valid("param");
      const { ok: _, ...done } = unwrap(await setMeetingRule(callOf(c), communityId, body, c.req.valid("json")));
      return c.json(done, 200);
    },
  )
  .get(
    "/me/meetings",
    doc("meetings", "Meetings I am invited to, newest first"),
    valid("query", v.strictObject(pageQuery)),
    async (c) => {
      const page = unwrap(await myMeetings(callOf(c), c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .get(
    "/meetings/:id",
    doc("meetings", "A meeting: agenda (counts once decided), minutes; invitations for staff; my reply and votes"),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...meeting } = unwrap(await showMeeting(callOf(c), c.req.valid("param").id));
      return c.json(meeting, 200);
    },
  )
  .post(
    "/meetings/:id/transitions",
    doc("meetings", "Open, close (counts every topic not yet counted) or cancel a meeting (staff, audited)"),
    valid("param", idParams),
    valid("json", v.strictObject({ action: v.picklist(MEETING_ACTIONS) })),
    async (c) => {
      const { ok: _, ...moved } = unwrap(
        await moveMeeting(callOf(c), c.req.valid("param").id, c.req.valid("json").action),
      );
      return c.json(moved, 200);
    },
  )
  .put(
    "/meetings/:id/minutes",
    doc("meetings", "Record the minutes (会议纪要) (staff, audited)"),
    valid("param", idParams),
    valid("json", v.strictObject({ minutes: multiLineText(MINUTES_CHARS_MAX, { required: true }), version })),
    async (c) => {
      const { ok: _, ...done } = unwrap(await recordMinutes(callOf(c), c.req.valid("param").id, c.req.valid("json")));
      return c.json(done, 200);
    },
  )
  .post(
    "/meetings/:id/reply",
    doc("meetings", "An invitee replies: attend or decline"),
    valid("param", idParams),
    valid("json", v.strictObject({ reply: v.picklist(INVITATION_REPLIES) })),
    async (c) => {
      const { ok: _, ...done } = unwrap(
        await replyToInvitation(callOf(c), c.req.valid("param").id, c.req.valid("json").reply),
      );
      return c.json(done, 200);
    },
  )
  .post(
    "/meetings/:id/qr",
    doc("meetings", "A short-lived check-in token for the staff's QR screen while the meeting is open"),
    valid("param", idParams),
    async (c) => {
      const { token, expiresAt } = unwrap(await issueMeetingQr(callOf(c), c.req.valid("param").id));
      return c.json({ token, expiresAt }, 200);
    },
  )
  .post(
    "/meetings/:id/checkins",
    doc("meetings", "A member checks in by scanning the staff's QR code"),
    valid("param", idParams),
    valid("json", v.strictObject({ token: v.pipe(v.string(), v.maxLength(200)) })),
    async (c) => {
      const { ok: _, ...done } = unwrap(
        await scanMeetingQr(callOf(c), c.req.valid("param").id, c.req.valid("json").token),
      );
      return c.json(done, 200);
    },
  )
  .post(
    "/meetings/:id/attendance",
    doc("meetings", "Staff tick a member present by hand (audited)"),
    valid("param", idParams),
    valid("json", v.strictObject({ userId: id })),
    async (c) => {
      const { ok: _, ...done } = unwrap(
        await tickAttendance(callOf(c), c.req.valid("param").id, c.req.valid("json").userId),
      );
      return c.json(done, 200);
    },
  )
  .post(
    "/meetings/:id/topics/:topicId/votes",
    doc("meetings", "A member present votes for, against or abstains on a topic, once"),
    valid("param", topicParams),
    valid("json", v.strictObject({ choice: v.picklist(VOTE_CHOICES) })),
    async (c) => {
      const { id: meetingId, topicId } = c.req.valid("param");
      const { ok: _, ...done } = unwrap(await castVote(callOf(c), meetingId, topicId, c.req.valid("json").choice));
      return c.json(done, 201);
    },
  )
  .post(
    "/meetings/:id/topics/:topicId/conflict",
    doc("meetings", "A member declares a conflict of interest on a topic: their vote on it does not count"),
    valid("param", topicParams),
    valid("json", v.strictObject({ reason: multiLineText(300, { required: true }) })),
    async (c) => {
      const { id: meetingId, topicId } = c.req.valid("param");
      const { ok: _, ...done } = unwrap(
        await declareMeetingConflict(callOf(c), meetingId, topicId, c.req.valid("json").reason),
      );
      return c.json(done, 200);
    },
  )
  .post(
    "/meetings/:id/topics/:topicId/count",
    doc("meetings", "Count a topic's votes; with a quorum present the meeting's decision is recorded (staff, audited)"),
    valid("param", topicParams),
    async (c) => {
      const { id: meetingId, topicId } = c.req.valid("param");
      const { ok: _, ...count } = unwrap(await countTopic(callOf(c), meetingId, topicId));
      return c.json(count, 200);
    },
  );
