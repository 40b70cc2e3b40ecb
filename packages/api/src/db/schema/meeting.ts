import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import {
  CHECK_IN_METHODS,
  INVITATION_REPLIES,
  MAJORITY_BASES,
  MEETING_BODIES,
  MEETING_SEATS,
  MEETING_STATUSES,
  VOTE_CHOICES,
} from "@tongxin/core";
import { createdAt, version } from "./columns";
import { buildings } from "./building";
import { communities } from "./community";
import { topics } from "./topic";
import { users } from "./user";
import { partnerUnits } from "./volunteer";
import { inList } from "./sql";

/** A meeting of one body (两委, 党员大会, 居民代表会议, 大党委联席会议, 板凳协商 of one building's residents). */
export const meetings = sqliteTable(
  "meetings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    body: text("body", { enum: MEETING_BODIES }).notNull(),
    /** The building whose residents meet, for 板凳协商. */
    buildingId: integer("building_id").references(() => buildings.id),
    title: text("title").notNull(),
    place: text("place").notNull(),
    startsAt: integer("starts_at").notNull(),
    status: text("status", { enum: MEETING_STATUSES }).notNull(),
    minutes: text("minutes"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    closedAt: integer("closed_at"),
    version: version(),
  },
  (t) => [
    index("meetings_community_starts").on(t.communityId, t.startsAt, t.id),
    check("meetings_body", sql`${t.body} in (${inList(MEETING_BODIES)})`),
    check("meetings_status", sql`${t.status} in (${inList(MEETING_STATUSES)})`),
    check("meetings_title_len", sql`length(${t.title}) between 1 and 80`),
  ],
);

/** The topics on a meeting's agenda, with the meeting's decision on each once votes are counted. */
export const meetingAgenda = sqliteTable(
  "meeting_agenda",
  {
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id),
    position: integer("position").notNull(),
    /** Null until decided; then whether the body's majority rule was met with a quorum present. */
    passed: integer("passed", { mode: "boolean" }),
    decidedAt: integer("decided_at"),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.topicId] }), index("meeting_agenda_topic").on(t.topicId)],
);

/** One vote per member per topic per meeting. */
export const meetingVotes = sqliteTable(
  "meeting_votes",
  {
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    choice: text("choice", { enum: VOTE_CHOICES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.topicId, t.userId] }),
    check("meeting_votes_choice", sql`${t.choice} in (${inList(VOTE_CHOICES)})`),
  ],
);

/**
 * Everyone invited to a meeting: the body's members when it was created (they are the members who vote), each
 * with their reply and attendance (by QR scan or ticked by staff).
 */
export const meetingInvitations = sqliteTable(
  "meeting_invitations",
  {
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    seat: text("seat", { enum: MEETING_SEATS }).notNull(),
    partnerUnitId: integer("partner_unit_id").references(() => partnerUnits.id),
    reply: text("reply", { enum: INVITATION_REPLIES }),
    repliedAt: integer("replied_at"),
    attendedAt: integer("attended_at"),
    checkInMethod: text("check_in_method", { enum: CHECK_IN_METHODS }),
    /** Staff who ticked the member present by hand. */
    markedBy: integer("marked_by").references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.userId] }),
    // A member's own invitations, newest meeting first.
    index("meeting_invitations_user").on(t.userId, t.meetingId),
    check("meeting_invitations_seat", sql`${t.seat} in (${inList(MEETING_SEATS)})`),
    check("meeting_invitations_reply", sql`${t.reply} is null or ${t.reply} in (${inList(INVITATION_REPLIES)})`),
    check(
      "meeting_invitations_method",
      sql`${t.checkInMethod} is null or ${t.checkInMethod} in (${inList(CHECK_IN_METHODS)})`,
    ),
  ],
);

/** A member's declared conflict of interest on a topic at a meeting: their vote on it does not count. */
export const meetingConflicts = sqliteTable(
  "meeting_conflicts",
  {
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.topicId, t.userId] })],
);

/** Bodies whose members staff keep as a list: the residents' representatives (居民代表). */
export const bodyMembers = sqliteTable(
  "body_members",
  {
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    body: text("body", { enum: MEETING_BODIES }).notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    addedBy: integer("added_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.body, t.userId] }),
    check("body_members_body", sql`${t.body} in (${inList(MEETING_BODIES)})`),
  ],
);

/** A community's own quorum and majority rule for a body, replacing core's default (checked by `checkMeetingRule`). */
export const meetingRules = sqliteTable(
  "meeting_rules",
  {
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    body: text("body", { enum: MEETING_BODIES }).notNull(),
    quorumNumerator: integer("quorum_numerator").notNull(),
    quorumDenominator: integer("quorum_denominator").notNull(),
    quorumStrict: integer("quorum_strict", { mode: "boolean" }).notNull(),
    quorumMin: integer("quorum_min").notNull(),
    quorumSeat: text("quorum_seat", { enum: MEETING_SEATS }),
    majorityNumerator: integer("majority_numerator").notNull(),
    majorityDenominator: integer("majority_denominator").notNull(),
    majorityStrict: integer("majority_strict", { mode: "boolean" }).notNull(),
    majorityBase: text("majority_base", { enum: MAJORITY_BASES }).notNull(),
    proposerExcluded: integer("proposer_excluded", { mode: "boolean" }).notNull(),
    updatedBy: integer("updated_by")
      .notNull()
      .references(() => users.id),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.body] }),
    check("meeting_rules_body", sql`${t.body} in (${inList(MEETING_BODIES)})`),
    check("meeting_rules_base", sql`${t.majorityBase} in (${inList(MAJORITY_BASES)})`),
  ],
);
