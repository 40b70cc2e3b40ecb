import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { PROJECT_STATUSES } from "@tongxin/core";
import { createdAt, version } from "./columns";
import { communities } from "./community";
import { users } from "./user";
import { inList } from "./sql";

/** 项目清单: a community's larger work, claimed by one team or partner unit at a time. */
export const projects = sqliteTable(
  "projects",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    title: text("title").notNull(),
    description: text("description").notNull(),
    status: text("status", { enum: PROJECT_STATUSES }).notNull(),
    holderKey: text("holder_key"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    claimedAt: integer("claimed_at"),
    completedAt: integer("completed_at"),
    version: version(),
  },
  (t) => [
    index("projects_community").on(t.communityId, t.status),
    index("projects_community_id").on(t.communityId, t.id),
    check("projects_status", sql`${t.status} in (${inList(PROJECT_STATUSES)})`),
    check("projects_holder_state", sql`(${t.holderKey} is not null) = (${t.status} in ('claimed', 'completed'))`),
    check("projects_title_len", sql`length(${t.title}) between 1 and 80`),
  ],
);

export const projectMilestones = sqliteTable(
  "project_milestones",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    title: text("title").notNull(),
    target: integer("target").notNull(),
    progress: integer("progress").notNull().default(0),
    /** The Shanghai day it should be reached by (YYYY-MM-DD); past it and short of its target, it is late. */
    dueOn: text("due_on"),
    note: text("note"),
    updatedAt: integer("updated_at"),
  },
  (t) => [
    index("project_milestones_project").on(t.projectId),
    check("project_milestones_progress", sql`${t.progress} between 0 and ${t.target}`),
    check("project_milestones_target", sql`${t.target} >= 1`),
  ],
);

/** What happened to a project, for its public page. */
export const projectEvents = sqliteTable(
  "project_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    action: text("action").notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [index("project_events_project").on(t.projectId, t.id)],
);
