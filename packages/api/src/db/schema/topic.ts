import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { STEP_OUTCOMES, TOPIC_STATUSES } from "@tongxin/core";
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
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
    version: version(),
  },
  (t) => [
    index("topics_community_status").on(t.communityId, t.status, t.id),
    index("topics_community_id").on(t.communityId, t.id),
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
