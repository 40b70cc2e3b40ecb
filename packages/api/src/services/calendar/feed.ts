import { and, asc, desc, eq, gte, isNull, lte } from "drizzle-orm";
import {
  eventStatus,
  fail,
  ok,
  placePerShift,
  renderCalendar,
  type ActivityStatus,
  type CalendarEvent,
  type SignupStatus,
} from "@tongxin/core";
import type { Db } from "../../db/client";
import { activities, calendarFeeds, shifts, signups, users } from "../../db/schema";
import type { Call } from "../call";
import { FEED_TOKEN_PATTERN, feedTokenHash } from "./subscription";

const DAY_MS = 86_400_000;
/** The feed's window: recent shifts stay (hours still to confirm), and half a year ahead is plenty to plan. */
const FEED_MS_BACK = 30 * DAY_MS;
const FEED_MS_AHEAD = 180 * DAY_MS;
/** A bound on one answer whatever happens in the window (a shift a day for 210 days is 210). */
const FEED_PLACES_MAX = 500;
/** The feed's name in calendar apps. */
export const CALENDAR_NAME = "同心 · 我的志愿服务";

type EventSource = {
  shiftId: number;
  startsAt: number;
  endsAt: number;
  activityId: number;
  title: string;
  place: string;
  description: string;
  activityStatus: ActivityStatus;
};

/** A shift as an event; `origin` (the site as the caller reached it) gives the activity page's address. */
export function eventOf(source: EventSource, signup: SignupStatus | null, origin: string): CalendarEvent {
  return {
    shiftId: source.shiftId,
    startsAt: source.startsAt,
    endsAt: source.endsAt,
    summary: source.title,
    location: source.place,
    description: source.description.trim() || null,
    status: eventStatus(signup, source.activityStatus),
    url: `${origin}/activities/${source.activityId}`,
  };
}

async function ownerOf(db: Db, token: string): Promise<number | null> {
  const [feed] = await db
    .select({ userId: calendarFeeds.userId })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(
      and(eq(calendarFeeds.tokenHash, feedTokenHash(token)), isNull(calendarFeeds.revokedAt), isNull(users.disabledAt)),
    );
  return feed?.userId ?? null;
}

/**
 * The feed behind a private address (`<token>.ics`): the owner's places from FEED_MS_BACK ago to
 * FEED_MS_AHEAD on, given-up ones and cancelled activities struck out. No session (calendar apps cannot
 * sign in): the token is the key, and an unknown, revoked or malformed one is the same `not_found`.
 */
export async function calendarFeed({ deps }: Call, file: string, origin: string) {
  const token = file.endsWith(".ics") ? file.slice(0, -".ics".length) : "";
  if (!FEED_TOKEN_PATTERN.test(token)) return fail("not_found");
  const db = deps.database.db;
  const userId = await ownerOf(db, token);
  if (userId === null) return fail("not_found");
  const now = deps.now();
  const rows = await db
    .select({
      signupStatus: signups.status,
      shiftId: shifts.id,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      activityId: activities.id,
      title: activities.title,
      place: activities.place,
      description: activities.description,
      activityStatus: activities.status,
    })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(activities, eq(activities.id, shifts.activityId))
    .where(
      and(
        eq(signups.userId, userId),
        gte(shifts.startsAt, now - FEED_MS_BACK),
        lte(shifts.startsAt, now + FEED_MS_AHEAD),
      ),
    )
    .orderBy(asc(shifts.startsAt), desc(signups.id))
    .limit(FEED_PLACES_MAX);
  const events = placePerShift(rows).map((row) => eventOf(row, row.signupStatus, origin));
  return ok({ ics: renderCalendar(CALENDAR_NAME, events, now) });
}
