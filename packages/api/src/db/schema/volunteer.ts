import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { PARTNER_KINDS, PARTY_STATUSES } from "@tongxin/core";
import { createdAt, version } from "./columns";
import { communities } from "./community";
import { grids } from "./grid";
import { teams } from "./team";
import { users } from "./user";
import { inList } from "./sql";

/** The skill catalogue (水电维修, 理发, …); staff can add entries. */
export const skills = sqliteTable(
  "skills",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull().unique(),
    createdAt: createdAt(),
  },
  (t) => [check("skills_name_len", sql`length(${t.name}) between 1 and 30`)],
);

/** 共建单位 / 双报到单位, paired with a community. */
export const partnerUnits = sqliteTable(
  "partner_units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    name: text("name").notNull(),
    kind: text("kind", { enum: PARTNER_KINDS }).notNull(),
    contactName: text("contact_name"),
    contactPhone: text("contact_phone"),
    createdAt: createdAt(),
    archivedAt: integer("archived_at"),
    version: version(),
  },
  (t) => [
    uniqueIndex("partner_units_name_live").on(t.communityId, t.name).where(sql`${t.archivedAt} is null`),
    index("partner_units_community").on(t.communityId, t.archivedAt, t.id),
    check("partner_units_kind", sql`${t.kind} in (${inList(PARTNER_KINDS)})`),
    check("partner_units_name_len", sql`length(${t.name}) between 1 and 60`),
  ],
);

/** A volunteer profile, one per user. Name keys (pinyin) are stored so search by 拼音首字母 runs in SQL. */
export const volunteers = sqliteTable(
  "volunteers",
  {
    userId: integer("user_id")
      .primaryKey()
      .references(() => users.id),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    homeGridId: integer("home_grid_id").references(() => grids.id),
    partyStatus: text("party_status", { enum: PARTY_STATUSES }),
    partnerUnitId: integer("partner_unit_id").references(() => partnerUnits.id),
    publicNameConsent: integer("public_name_consent", { mode: "boolean" }).notNull().default(false),
    nameFull: text("name_full").notNull(),
    nameInitials: text("name_initials").notNull(),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    index("volunteers_community_initials").on(t.communityId, t.nameInitials),
    index("volunteers_community_full").on(t.communityId, t.nameFull),
    // The list without a search, in the order it pages (user id).
    index("volunteers_community_user").on(t.communityId, t.userId),
    index("volunteers_partner_unit").on(t.partnerUnitId),
    check("volunteers_party_status", sql`${t.partyStatus} is null or ${t.partyStatus} in (${inList(PARTY_STATUSES)})`),
  ],
);

export const volunteerSkills = sqliteTable(
  "volunteer_skills",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => volunteers.userId),
    skillId: integer("skill_id")
      .notNull()
      .references(() => skills.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.skillId] }), index("volunteer_skills_skill").on(t.skillId)],
);

/** Weekly availability: Monday = 1 … Sunday = 7, minutes from midnight. */
export const availabilityWindows = sqliteTable(
  "availability_windows",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => volunteers.userId),
    weekday: integer("weekday").notNull(),
    startMinute: integer("start_minute").notNull(),
    endMinute: integer("end_minute").notNull(),
  },
  (t) => [
    index("availability_user").on(t.userId),
    check("availability_weekday", sql`${t.weekday} between 1 and 7`),
    check(
      "availability_minutes",
      sql`${t.startMinute} >= 0 and ${t.endMinute} <= 1440 and ${t.startMinute} < ${t.endMinute}`,
    ),
  ],
);

export const TEAM_MEMBER_STATUSES = ["applied", "active", "left", "rejected"] as const;

/** Membership of a team: applied → active (approved by the leader) → left; or rejected. */
export const teamMembers = sqliteTable(
  "team_members",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: TEAM_MEMBER_STATUSES }).notNull(),
    createdAt: createdAt(),
    decidedAt: integer("decided_at"),
    decidedBy: integer("decided_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("team_members_live").on(t.teamId, t.userId).where(sql`${t.status} in ('applied', 'active')`),
    index("team_members_user").on(t.userId, t.status),
    check("team_members_status", sql`${t.status} in (${inList(TEAM_MEMBER_STATUSES)})`),
  ],
);
