import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  CAMPAIGN_KINDS,
  CARE_CATEGORY_NAME_CHARS_MAX,
  CARE_LEVEL_KEYS,
  CARE_NEEDS_CHARS_MAX,
  CONSENT_GIVERS,
  PAIRING_END_REASON_CHARS_MAX,
  VISIT_MINUTES_MAX,
  VISIT_MODES,
  VISIT_NEEDS_CHARS_MAX,
  VISITOR_KINDS,
  WELLBEING_LEVELS,
} from "@tongxin/core";
import { createdAt, version } from "./columns";
import { communities } from "./community";
import { grids } from "./grid";
import { households } from "./household";
import { requests } from "./request";
import { users } from "./user";
import { inList } from "./sql";

/**
 * 民情账 (decision 0016): the care tables are read only through `decideCareRead` and never joined into another
 * answer. `grid_id` is the household's building's grid, kept here so the book and the counts read one grid cheaply.
 */

/** A community's own care category (e.g. 退役军人), named `custom:<id>` in a profile's categories. */
export const careCategories = sqliteTable(
  "care_categories",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    name: text("name").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("care_categories_name").on(t.communityId, t.name),
    check(
      "care_categories_name_len",
      sql`length(${t.name}) between 1 and ${sql.raw(String(CARE_CATEGORY_NAME_CHARS_MAX))}`,
    ),
  ],
);

/** One profile a household, with the family's consent (who, when, photos, withdrawn) and an emergency contact. */
export const careProfiles = sqliteTable(
  "care_profiles",
  {
    householdId: integer("household_id")
      .primaryKey()
      .references(() => households.id),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    gridId: integer("grid_id")
      .notNull()
      .references(() => grids.id),
    level: text("level", { enum: CARE_LEVEL_KEYS as [string, ...string[]] }).notNull(),
    needs: text("needs").notNull().default(""),
    emergencyName: text("emergency_name"),
    emergencyRelation: text("emergency_relation"),
    emergencyPhone: text("emergency_phone"),
    consentBy: text("consent_by", { enum: CONSENT_GIVERS }),
    consentByName: text("consent_by_name"),
    consentAt: integer("consent_at"),
    consentPhotos: integer("consent_photos", { mode: "boolean" }).notNull().default(false),
    consentWithdrawnAt: integer("consent_withdrawn_at"),
    consentRecordedBy: integer("consent_recorded_by").references(() => users.id),
    /** The Shanghai day the plan starts from when there is no visit yet. */
    sinceOn: text("since_on").notNull(),
    /** The Shanghai day of the last visit, kept by the visit verb so the plan needs no scan of visits. */
    lastVisitedOn: text("last_visited_on"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
    version: version(),
  },
  (t) => [
    // The book, page by page in household order, and the grid's plan for the missed-visit warnings.
    index("care_profiles_grid").on(t.gridId, t.householdId),
    index("care_profiles_community").on(t.communityId, t.householdId),
    check("care_profiles_level", sql`${t.level} in (${inList(CARE_LEVEL_KEYS)})`),
    check("care_profiles_needs_len", sql`length(${t.needs}) <= ${sql.raw(String(CARE_NEEDS_CHARS_MAX))}`),
    check("care_profiles_consent_by", sql`${t.consentBy} is null or ${t.consentBy} in (${inList(CONSENT_GIVERS)})`),
    check("care_profiles_consent", sql`(${t.consentBy} is null) = (${t.consentAt} is null)`),
    check(
      "care_profiles_emergency",
      sql`(${t.emergencyName} is null) = (${t.emergencyPhone} is null) and (${t.emergencyName} is null) = (${t.emergencyRelation} is null)`,
    ),
  ],
);

/** A profile's categories: built-in keys or `custom:<id>`; counted per grid for the dashboards. */
export const careProfileCategories = sqliteTable(
  "care_profile_categories",
  {
    householdId: integer("household_id")
      .notNull()
      .references(() => careProfiles.householdId),
    gridId: integer("grid_id").notNull(),
    category: text("category").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.householdId, t.category] }),
    index("care_profile_categories_grid").on(t.gridId, t.category),
  ],
);

/** 党员联户 / 结对帮扶: never deleted; an ended pairing keeps its reason. */
export const carePairings = sqliteTable(
  "care_pairings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => careProfiles.householdId),
    visitorUserId: integer("visitor_user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: VISITOR_KINDS }).notNull(),
    startedAt: integer("started_at").notNull(),
    startedBy: integer("started_by")
      .notNull()
      .references(() => users.id),
    endedAt: integer("ended_at"),
    endedBy: integer("ended_by").references(() => users.id),
    endReason: text("end_reason"),
  },
  (t) => [
    // One active pairing per household and visitor, whatever races.
    uniqueIndex("care_pairings_live").on(t.householdId, t.visitorUserId).where(sql`${t.endedAt} is null`),
    // A visitor's own households (their list), active only.
    index("care_pairings_visitor").on(t.visitorUserId, t.householdId).where(sql`${t.endedAt} is null`),
    index("care_pairings_household").on(t.householdId, t.id),
    check("care_pairings_kind", sql`${t.kind} in (${inList(VISITOR_KINDS)})`),
    check(
      "care_pairings_end",
      sql`(${t.endedAt} is null) = (${t.endReason} is null) and (${t.endReason} is null or length(${t.endReason}) between 1 and ${sql.raw(String(PAIRING_END_REASON_CHARS_MAX))})`,
    ),
  ],
);

/** 五送: a campaign targets households in chosen categories for a span of days; its visits name it. */
export const careCampaigns = sqliteTable(
  "care_campaigns",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    kind: text("kind", { enum: CAMPAIGN_KINDS }).notNull(),
    title: text("title").notNull(),
    /** JSON array of category keys. */
    categories: text("categories").notNull(),
    startsOn: text("starts_on").notNull(),
    endsOn: text("ends_on").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("care_campaigns_community").on(t.communityId, t.id),
    check("care_campaigns_kind", sql`${t.kind} in (${inList(CAMPAIGN_KINDS)})`),
    check("care_campaigns_title_len", sql`length(${t.title}) between 1 and 50`),
    check("care_campaigns_span", sql`${t.startsOn} <= ${t.endsOn}`),
  ],
);

/** 入户走访: what a visit found; `hours_minutes` once the grid's worker confirmed it as volunteer service. */
export const careVisits = sqliteTable(
  "care_visits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    gridId: integer("grid_id")
      .notNull()
      .references(() => grids.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => careProfiles.householdId),
    visitorUserId: integer("visitor_user_id")
      .notNull()
      .references(() => users.id),
    /** Whether the visitor came as a paired volunteer (their visit may count as service) rather than as the grid's worker or staff. */
    byVolunteer: integer("by_volunteer", { mode: "boolean" }).notNull(),
    campaignId: integer("campaign_id").references(() => careCampaigns.id),
    visitedOn: text("visited_on").notNull(),
    mode: text("mode", { enum: VISIT_MODES }).notNull(),
    wellbeing: text("wellbeing", { enum: WELLBEING_LEVELS }).notNull(),
    needs: text("needs").notNull().default(""),
    photo: text("photo"),
    /** The request a need found on this visit became. */
    requestId: integer("request_id").references(() => requests.id),
    createdAt: createdAt(),
    confirmedAt: integer("confirmed_at"),
    confirmedBy: integer("confirmed_by").references(() => users.id),
    hoursMinutes: integer("hours_minutes"),
    hoursReason: text("hours_reason"),
  },
  (t) => [
    // The household's visits newest first (in the order they were recorded).
    index("care_visits_household").on(t.householdId, t.id),
    // The confirmations waiting: volunteers' unconfirmed visits of a community, oldest first (a grid's worker filters by grid).
    index("care_visits_unconfirmed")
      .on(t.communityId, t.id)
      .where(sql`${t.byVolunteer} = 1 and ${t.confirmedAt} is null`),
    // A visitor's daily cap and record.
    index("care_visits_visitor").on(t.visitorUserId, t.visitedOn),
    index("care_visits_campaign").on(t.campaignId, t.householdId),
    uniqueIndex("care_visits_request").on(t.requestId).where(sql`${t.requestId} is not null`),
    check("care_visits_mode", sql`${t.mode} in (${inList(VISIT_MODES)})`),
    check("care_visits_wellbeing", sql`${t.wellbeing} in (${inList(WELLBEING_LEVELS)})`),
    check("care_visits_needs_len", sql`length(${t.needs}) <= ${sql.raw(String(VISIT_NEEDS_CHARS_MAX))}`),
    check(
      "care_visits_hours",
      sql`(${t.confirmedAt} is null) = (${t.hoursMinutes} is null) and (${t.hoursMinutes} is null or ${t.hoursMinutes} between 0 and ${sql.raw(String(VISIT_MINUTES_MAX))})`,
    ),
  ],
);
