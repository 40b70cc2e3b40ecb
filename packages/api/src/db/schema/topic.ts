import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from "drizzle-orm/sqlite-core";
import { PROCEDURE_CODES, STEP_OUTCOMES, TOPIC_LINK_KINDS, TOPIC_STATUSES } from "@tongxin/core";
import { createdAt, version } from "./columns";
import { buildings } from "./building";
import { communities } from "./community";
import { grids } from "./grid";
import { meetings } from "./meeting";
import { users } from "./user";
import { inList } from "./sql";

/**
 * 议题: a matter someone proposed for the community to decide. `procedure` names the steps it goes through
 * (core `procedure.ts`); `stepIndex` is the step it stands at while deliberating.
 */
export const topics = sqliteTable(
  "topics",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    gridId: integer("grid_id").references(() => grids.id),
    buildingId: integer("building_id").references(() => buildings.id),
    proposerUserId: integer("proposer_user_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    description: text("description").notNull(),
    status: text("status", { enum: TOPIC_STATUSES }).notNull(),
    procedure: text("procedure"),
    stepIndex: integer("step_index"),
    mergedIntoId: integer("merged_into_id").references((): AnySQLiteColumn => topics.id),
    supportCount: integer("support_count").notNull().default(0),
    /** The key of the step at `stepIndex`, kept so a list filters by step through an index. */
    currentStep: text("current_step"),
    /** When the current step's period ends (征求意见's deadline, 决议公开's last working day); null for other steps. */
    stepDueAt: integer("step_due_at"),
    /** The procedure's steps as they were when the topic entered it (JSON), so a later change leaves it alone. */
    procedureSteps: text("procedure_steps"),
    /** Where staff raised it from: `request:12`, `warning:3`; null when someone proposed it. */
    source: text("source"),
    /** The public reason it was declined. */
    declineReason: text("decline_reason"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
    version: version(),
  },
  (t) => [
    index("topics_community_status").on(t.communityId, t.status, t.id),
    index("topics_community_id").on(t.communityId, t.id),
    index("topics_community_step").on(t.communityId, t.currentStep, t.id),
    index("topics_source").on(t.source),
    check("topics_status", sql`${t.status} in (${inList(TOPIC_STATUSES)})`),
    check("topics_title_len", sql`length(${t.title}) between 1 and 80`),
    check("topics_support_count", sql`${t.supportCount} >= 0`),
  ],
);

/** Each step a topic went through: who decided, when, with which outcome (and at which meeting, if one decided). */
export const topicSteps = sqliteTable(
  "topic_steps",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id),
    stepIndex: integer("step_index").notNull(),
    stepKey: text("step_key").notNull(),
    outcome: text("outcome", { enum: STEP_OUTCOMES }).notNull(),
    meetingId: integer("meeting_id").references((): AnySQLiteColumn => meetings.id),
    decidedBy: integer("decided_by")
      .notNull()
      .references(() => users.id),
    decidedAt: integer("decided_at").notNull(),
    note: text("note"),
  },
  (t) => [
    // A step is recorded once: two staff pressing at once cannot both move the topic on.
    uniqueIndex("topic_steps_once").on(t.topicId, t.stepIndex),
    check("topic_steps_outcome", sql`${t.outcome} in (${inList(STEP_OUTCOMES)})`),
  ],
);

/** Photos of what a topic is about (a broken stairwell light): small image data URLs, resized by the browser. */
export const topicPhotos = sqliteTable(
  "topic_photos",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id),
    photo: text("photo").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("topic_photos_topic").on(t.topicId, t.id)],
);

/** One support per person per topic: the key makes a second one a no-op, so `support_count` equals the rows. */
export const topicSupports = sqliteTable(
  "topic_supports",
  {
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.userId] })],
);

/** Public comments during a 征求意见 step, shown with masked names. */
export const topicComments = sqliteTable(
  "topic_comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("topic_comments_topic").on(t.topicId, t.id),
    // A person's comments on one topic are counted before each new one (the per-person limit).
    index("topic_comments_author").on(t.topicId, t.userId),
  ],
);

/** Objections to a 决议公开 notice, one per person per topic, each answered in public before the notice closes. */
export const topicObjections = sqliteTable(
  "topic_objections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    answer: text("answer"),
    answeredBy: integer("answered_by").references(() => users.id),
    answeredAt: integer("answered_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("topic_objections_once").on(t.topicId, t.userId),
    index("topic_objections_topic").on(t.topicId, t.id),
  ],
);

/** Projects (项目清单) and requests a decided topic brought about; the topic shows their progress. */
export const topicLinks = sqliteTable(
  "topic_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id),
    kind: text("kind", { enum: TOPIC_LINK_KINDS }).notNull(),
    targetId: integer("target_id").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("topic_links_target").on(t.topicId, t.kind, t.targetId),
    index("topic_links_topic").on(t.topicId, t.id),
    index("topic_links_kind_target").on(t.kind, t.targetId),
    check("topic_links_kind", sql`${t.kind} in (${inList(TOPIC_LINK_KINDS)})`),
  ],
);

/** A community's own procedure for one kind of topic (a built-in's code); without a row, the built-in applies. */
export const topicProcedures = sqliteTable(
  "topic_procedures",
  {
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    code: text("code", { enum: PROCEDURE_CODES }).notNull(),
    /** The step keys in order (JSON), checked by core's checkProcedure. */
    steps: text("steps").notNull(),
    commentDays: integer("comment_days").notNull(),
    noticeWorkingDays: integer("notice_working_days").notNull(),
    updatedBy: integer("updated_by")
      .notNull()
      .references(() => users.id),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.code] })],
);
