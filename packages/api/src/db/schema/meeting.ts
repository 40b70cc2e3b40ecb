import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { MEETING_BODIES, MEETING_STATUSES, VOTE_CHOICES } from "@tongxin/core";
import { createdAt, version } from "./columns";
import { buildings } from "./building";
import { communities } from "./community";
import { topics } from "./topic";
import { users } from "./user";
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
