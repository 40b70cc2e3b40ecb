import { sql } from "drizzle-orm";
import { check, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { CertifiedActivity } from "@tongxin/core";
import { communities } from "./community";
import { users } from "./user";

/**
 * 志愿服务证明: a snapshot of what was certified (name, community, minutes,
 * activities) when it was issued, so its verification says the same later
 * even if hours are voided or the community renamed. Never updated.
 */
export const certificates = sqliteTable(
  "certificates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    holderName: text("holder_name").notNull(),
    communityName: text("community_name").notNull(),
    /** YYYY-MM-DD in Asia/Shanghai, both included. */
    periodFrom: text("period_from").notNull(),
    periodTo: text("period_to").notNull(),
    minutes: integer("minutes").notNull(),
    activityCount: integer("activity_count").notNull(),
    activities: text("activities", { mode: "json" }).$type<CertifiedActivity[]>().notNull(),
    code: text("code").notNull(),
    issuedBy: integer("issued_by")
      .notNull()
      .references(() => users.id),
    issuedAt: integer("issued_at").notNull(),
  },
  (t) => [
    uniqueIndex("certificates_code").on(t.code),
    check("certificates_period", sql`${t.periodFrom} <= ${t.periodTo}`),
    check("certificates_minutes", sql`${t.minutes} > 0`),
  ],
);
