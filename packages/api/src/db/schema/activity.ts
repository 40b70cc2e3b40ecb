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
import {
  ACTIVITY_CATEGORIES,
  ACTIVITY_STATUSES,
  ATTENDANCES,
  CHECKIN_VIAS,
  SIGNUP_STATUSES,
  VISIBILITIES,
} from "@tongxin/core";
import { createdAt, version } from "./columns";
import { careVisits } from "./care";
import { communities } from "./community";
import { grids } from "./grid";
import { teams } from "./team";
import { users } from "./user";
import { skills } from "./volunteer";
import { inList } from "./sql";

export const activities = sqliteTable(
  "activities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    teamId: integer("team_id").references(() => teams.id),
    organiserUserId: integer("organiser_user_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    description: text("description").notNull(),
    category: text("category", { enum: ACTIVITY_CATEGORIES }).notNull(),
    place: text("place").notNull(),
    visibility: text("visibility", { enum: VISIBILITIES }).notNull(),
    status: text("status", { enum: ACTIVITY_STATUSES }).notNull(),
    cancelReason: text("cancel_reason"),
    createdAt: createdAt(),
    publishedAt: integer("published_at"),
    endedAt: integer("ended_at"),
    version: version(),
  },
  (t) => [
    index("activities_community_status").on(t.communityId, t.status),
    index("activities_team").on(t.teamId),
    check("activities_status", sql`${t.status} in (${inList(ACTIVITY_STATUSES)})`),
    check("activities_visibility", sql`${t.visibility} in (${inList(VISIBILITIES)})`),
    check("activities_category", sql`${t.category} in (${inList(ACTIVITY_CATEGORIES)})`),
    check("activities_title_len", sql`length(${t.title}) between 1 and 80`),
  ],
);

/** Grids an activity is aimed at (empty: the whole community). */
export const activityGrids = sqliteTable(
  "activity_grids",
  {
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id),
    gridId: integer("grid_id")
      .notNull()
      .references(() => grids.id),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.gridId] })],
);

/**
 * A shift's `taken` counts confirmed sign-ups and `waitlisted` the waiting ones. It only moves through a
 * conditional update, and the CHECK keeps it within capacity whatever the code does.
 */
export const shifts = sqliteTable(
  "shifts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    capacity: integer("capacity").notNull(),
    taken: integer("taken").notNull().default(0),
    /** Waitlisted sign-ups: a newcomer's position is this count, read in O(1) on the hot path. */
    waitlisted: integer("waitlisted").notNull().default(0),
    waitlistEnabled: integer("waitlist_enabled", { mode: "boolean" }).notNull().default(true),
    signupDeadline: integer("signup_deadline").notNull(),
    cancelDeadline: integer("cancel_deadline").notNull(),
  },
  (t) => [
    index("shifts_community_start").on(t.communityId, t.startsAt),
    // The activity's next shift is found through this index when listing upcoming activities.
    index("shifts_activity_start").on(t.activityId, t.startsAt),
    // The reminder scheduler reads the shifts starting within the next day, across communities.
    index("shifts_start").on(t.startsAt),
    check("shifts_taken", sql`${t.taken} >= 0 and ${t.taken} <= ${t.capacity}`),
    check("shifts_waitlisted", sql`${t.waitlisted} >= 0`),
    check("shifts_capacity", sql`${t.capacity} between 1 and 500`),
    check("shifts_times", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const shiftSkills = sqliteTable(
  "shift_skills",
  {
    shiftId: integer("shift_id")
      .notNull()
      .references(() => shifts.id),
    skillId: integer("skill_id")
      .notNull()
      .references(() => skills.id),
  },
  (t) => [primaryKey({ columns: [t.shiftId, t.skillId] })],
);

/** A place on a shift or in its waitlist; the id orders the waitlist (FIFO). */
export const signups = sqliteTable(
  "signups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    shiftId: integer("shift_id")
      .notNull()
      .references(() => shifts.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: SIGNUP_STATUSES }).notNull(),
    createdAt: createdAt(),
    promotedAt: integer("promoted_at"),
    cancelledAt: integer("cancelled_at"),
    attendance: text("attendance", { enum: ATTENDANCES }),
    checkInAt: integer("check_in_at"),
    checkOutAt: integer("check_out_at"),
    attendanceMarkedBy: integer("attendance_marked_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("signups_live").on(t.shiftId, t.userId).where(sql`${t.status} <> 'cancelled'`),
    index("signups_shift_status").on(t.shiftId, t.status, t.id),
    index("signups_user_status").on(t.userId, t.status),
    check("signups_status", sql`${t.status} in (${inList(SIGNUP_STATUSES)})`),
    check("signups_attendance", sql`${t.attendance} is null or ${t.attendance} in (${inList(ATTENDANCES)})`),
  ],
);

/**
 * Each window's QR token or code a volunteer used on a sign-up: once only, so a
 * token sent again (a replay, or a queued scan sent twice) changes nothing.
 */
export const checkinScans = sqliteTable(
  "checkin_scans",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    signupId: integer("signup_id")
      .notNull()
      .references(() => signups.id),
    window: integer("window").notNull(),
    via: text("via", { enum: CHECKIN_VIAS }).notNull(),
    /** When the phone scanned, on the server's clock; later than it when queued offline. */
    scanAt: integer("scan_at").notNull(),
    receivedAt: integer("received_at").notNull(),
  },
  (t) => [
    uniqueIndex("checkin_scans_signup_window").on(t.signupId, t.window),
    check("checkin_scans_via", sql`${t.via} in (${inList(CHECKIN_VIAS)})`),
    check("checkin_scans_times", sql`${t.scanAt} <= ${t.receivedAt}`),
  ],
);

/** 志愿服务记录: confirmed minutes. Never deleted; a correction voids the entry with a reason. */
export const serviceHours = sqliteTable(
  "service_hours",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** A shift's hours name the signup, shift and activity; a care visit's (decision 0016) name the visit instead. */
    signupId: integer("signup_id").references(() => signups.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    shiftId: integer("shift_id").references(() => shifts.id),
    activityId: integer("activity_id").references(() => activities.id),
    visitId: integer("visit_id").references((): AnySQLiteColumn => careVisits.id),
    teamId: integer("team_id").references(() => teams.id),
    /** YYYY-MM-DD in Asia/Shanghai, for the 12-hours-a-day cap and yearly totals. */
    serviceDate: text("service_date").notNull(),
    minutes: integer("minutes").notNull(),
    defaultMinutes: integer("default_minutes").notNull(),
    correctionReason: text("correction_reason"),
    confirmedBy: integer("confirmed_by")
      .notNull()
      .references(() => users.id),
    confirmedAt: integer("confirmed_at").notNull(),
    voidedAt: integer("voided_at"),
    voidedBy: integer("voided_by").references(() => users.id),
    voidReason: text("void_reason"),
  },
  (t) => [
    uniqueIndex("service_hours_signup_live").on(t.signupId).where(sql`${t.voidedAt} is null`),
    // A page of sign-ups reads their hours, voided ones too (my shifts, rosters).
    index("service_hours_signup").on(t.signupId),
    uniqueIndex("service_hours_visit_live").on(t.visitId).where(sql`${t.voidedAt} is null`),
    check(
      "service_hours_source",
      sql`(${t.visitId} is null) = (${t.signupId} is not null) and (${t.signupId} is null) = (${t.shiftId} is null) and (${t.signupId} is null) = (${t.activityId} is null)`,
    ),
    index("service_hours_user_date").on(t.userId, t.serviceDate),
    index("service_hours_team").on(t.teamId),
    // The activities book sums a page of shifts' confirmed hours.
    index("service_hours_shift").on(t.shiftId),
    check("service_hours_minutes", sql`${t.minutes} between 0 and 720`),
    check("service_hours_void_reason", sql`${t.voidedAt} is null or length(${t.voidReason}) > 0`),
  ],
);

export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    payload: text("payload").notNull(),
    createdAt: createdAt(),
    readAt: integer("read_at"),
  },
  // The inbox reads the unread group (and counts it) through the partial index, the read group through the full one.
  (t) => [
    index("notifications_user").on(t.userId, t.id),
    index("notifications_unread").on(t.userId, t.id).where(sql`${t.readAt} is null`),
  ],
);

/** Each volunteer's confirmed, unvoided minutes and their community: kept by triggers (custom migration hour_totals) for the honor roll. */
export const hourTotals = sqliteTable(
  "hour_totals",
  {
    userId: integer("user_id").primaryKey(),
    communityId: integer("community_id"),
    minutes: integer("minutes").notNull(),
  },
  (t) => [index("hour_totals_community_minutes").on(t.communityId, t.minutes)],
);
