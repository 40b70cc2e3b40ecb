import {
  CARE_LEVELS,
  consentStands,
  parseCareCategory,
  photoAllowed,
  type CareCategory,
  type CareLevel,
  type Consent,
} from "./care";
import { addDays } from "./commitment";
import { DAILY_MINUTES_MAX, decideOwnRecord } from "./hours";
import { isPairingActive, type Pairing } from "./pairing";
import { fail, ok, type Result } from "./result";
import { shanghaiDate } from "./suitability";
import { workingDaysAfter } from "./warning";

/** 入户走访: a visit recorded from the phone in under a minute — the day, how, how the person is, what they need. */
export const VISIT_MODES = ["inPerson", "phone"] as const;
export type VisitMode = (typeof VISIT_MODES)[number];
/** How the person is, as the visitor judges it; `urgent` means someone must act today. */
export const WELLBEING_LEVELS = ["good", "fair", "poor", "urgent"] as const;
export type Wellbeing = (typeof WELLBEING_LEVELS)[number];

export const VISIT_NEEDS_CHARS_MAX = 500;

export type VisitInput = { visitedOn: string; mode: VisitMode; wellbeing: Wellbeing; needs: string; photo: boolean };

export type VisitRefusal = "not_paired" | "no_consent" | "visit_in_future" | "before_pairing" | "no_photo_consent";

/**
 * A visit is recorded by the grid's worker, or by a visitor whose pairing with the household is active while the
 * family's consent stands, for a Shanghai day from the pairing's start to today; a photo only with photo consent.
 */
export function decideVisit(input: {
  visit: VisitInput;
  gridWorker: boolean;
  /** The actor's own pairing with the household, if any. */
  pairing: Pairing | null;
  profile: { consent: Consent | null };
  today: string;
}): Result<object, VisitRefusal> {
  const asVisitor = !input.gridWorker;
  if (asVisitor && !isPairingActive(input.pairing)) return fail("not_paired");
  if (asVisitor && !consentStands(input.profile.consent)) return fail("no_consent");
  if (input.visit.visitedOn > input.today) return fail("visit_in_future");
  if (asVisitor && input.pairing && input.visit.visitedOn < shanghaiDate(input.pairing.startedAt))
    return fail("before_pairing");
  if (input.visit.photo && !photoAllowed(input.profile)) return fail("no_photo_consent");
  return ok({});
}

/** A household's plan: its care level and the day of its last visit, or the day it was first paired when none. */
export type VisitPlan = { level: CareLevel; lastVisitedOn: string | null; since: string };

/** A visit due within this many days (due day included) shows as due soon on the visitor's list. */
export const VISIT_DUE_SOON_DAYS = 2;
/** A visit not made by the due day is warned on to the grid's worker only after this many working days more. */
export const VISIT_GRACE_WORKING_DAYS = 3;

export const nextVisitOn = (plan: VisitPlan): string =>
  addDays(plan.lastVisitedOn ?? plan.since, CARE_LEVELS[plan.level].intervalDays);

export type VisitDue = "ok" | "dueSoon" | "overdue";

/** Where a household stands today: overdue after its due day, due soon from VISIT_DUE_SOON_DAYS before it. */
export function visitDue(plan: VisitPlan, today: string): VisitDue {
  const dueOn = nextVisitOn(plan);
  if (dueOn < today) return "overdue";
  return dueOn <= addDays(today, VISIT_DUE_SOON_DAYS) ? "dueSoon" : "ok";
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Missed: `now` is past the VISIT_GRACE_WORKING_DAYS-th working day after the due day (holidays and make-up days counted). */
export function visitMissed(plan: VisitPlan, now: number): boolean {
  const dueDayStart = Date.parse(`${nextVisitOn(plan)}T00:00:00Z`) - SHANGHAI_OFFSET_MS;
  return now >= workingDaysAfter(dueDayStart, VISIT_GRACE_WORKING_DAYS);
}

/** The households to warn the grid's worker of at `now`, each with the day its visit was due. */
export const missedVisits = <H extends { householdId: number; plan: VisitPlan }>(
  households: readonly H[],
  now: number,
): (H & { dueOn: string })[] =>
  households.filter((h) => visitMissed(h.plan, now)).map((h) => ({ ...h, dueOn: nextVisitOn(h.plan) }));

/** 五送: 送温暖, 送健康, 送法律, 送文化, 送岗位. */
export const CAMPAIGN_KINDS = ["warmth", "health", "law", "culture", "jobs"] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export const CAMPAIGN_TITLE_CHARS_MAX = 50;

/** A campaign names known categories (repeats count once) and runs for at least its first day. */
export function decideCampaign(
  input: { categories: readonly string[]; startsOn: string; endsOn: string },
  customIds: readonly number[],
): Result<
  { categories: CareCategory[] },
  "categories_required" | "unknown_care_category" | "campaign_ends_before_start"
> {
  const parsed = input.categories.map((key) => parseCareCategory(key, customIds));
  if (parsed.length === 0) return fail("categories_required");
  if (parsed.some((c) => c === null)) return fail("unknown_care_category");
  if (input.endsOn < input.startsOn) return fail("campaign_ends_before_start");
  return ok({ categories: [...new Set(parsed as CareCategory[])] });
}

/** Running on `today` (a Shanghai day): between its first and last day, both included. */
export const campaignRunning = (campaign: { startsOn: string; endsOn: string }, today: string): boolean =>
  campaign.startsOn <= today && today <= campaign.endsOn;

/** A visit counts for a campaign only on a day it runs, at a household it targets (one of the chosen categories). */
export function decideCampaignVisit(
  campaign: { startsOn: string; endsOn: string; categories: readonly string[] },
  visitedOn: string,
  householdCategories: readonly string[],
): Result<object, "campaign_not_for_visit"> {
  const targeted = householdCategories.some((c) => campaign.categories.includes(c));
  return campaignRunning(campaign, visitedOn) && targeted ? ok({}) : fail("campaign_not_for_visit");
}

/** A campaign reaches the households with a chosen category whose family's consent stands. */
export const campaignTargets = <P extends { categories: readonly CareCategory[]; consent: Consent | null }>(
  profiles: readonly P[],
  chosen: readonly CareCategory[],
): P[] => profiles.filter((p) => consentStands(p.consent) && p.categories.some((c) => chosen.includes(c)));

/** A campaign's visits counted: how many, and how many of its target households they reached. */
export function campaignProgress(
  targetHouseholdIds: readonly number[],
  visits: readonly { householdId: number; campaignId: number | null }[],
  campaignId: number,
): { targeted: number; reached: number; visits: number } {
  const own = visits.filter((v) => v.campaignId === campaignId);
  const reached = new Set(own.map((v) => v.householdId).filter((id) => targetHouseholdIds.includes(id)));
  return { targeted: new Set(targetHouseholdIds).size, reached: reached.size, visits: own.length };
}

/** How a confirmed visit's hours are named where an activity's title would be (the record, a certificate, a statement). */
export const CARE_VISIT_SERVICE_TITLE = "结对帮扶入户走访";

/** The service a confirmed visit counts for, by how it was made, unless the grid's worker corrects it (with a reason). */
export const VISIT_MINUTES_DEFAULT: Record<VisitMode, number> = { inPerson: 30, phone: 10 };
/** One visit counts for at most this long. */
export const VISIT_MINUTES_MAX = 180;

export type VisitConfirmRefusal =
  | "not_volunteer"
  | "own_hours"
  | "already_confirmed"
  | "reason_required"
  | "minutes_over_cap"
  | "daily_cap_reached";

/**
 * A visitor's visit becomes volunteer service once the grid's worker confirms it, as a shift's hours do (core hours.ts):
 * never by oneself, once, within the day's cap; the minutes go to the ledger and earning rules as confirmed hours do.
 * A grid worker's own visits are their work, not volunteer service.
 */
export function decideVisitConfirm(input: {
  visit: { mode: VisitMode; visitorUserId: number; byVolunteer: boolean; confirmedAt: number | null };
  actorUserId: number;
  minutes?: number | undefined;
  reason?: string | undefined;
  confirmedMinutesThatDay: number;
}): Result<{ minutes: number; capped: boolean }, VisitConfirmRefusal> {
  if (!input.visit.byVolunteer) return fail("not_volunteer");
  const own = decideOwnRecord(input.actorUserId, input.visit.visitorUserId);
  if (!own.ok) return own;
  if (input.visit.confirmedAt !== null) return fail("already_confirmed");
  const fallback = VISIT_MINUTES_DEFAULT[input.visit.mode];
  if (input.minutes !== undefined && input.minutes !== fallback && !input.reason?.trim())
    return fail("reason_required");
  const wanted = input.minutes ?? fallback;
  if (wanted > VISIT_MINUTES_MAX) return fail("minutes_over_cap");
  const remaining = DAILY_MINUTES_MAX - input.confirmedMinutesThatDay;
  if (remaining <= 0) return fail("daily_cap_reached");
  return ok({ minutes: Math.min(wanted, remaining), capped: wanted > remaining });
}

/** The visitor's list: the households not `ok` today, the longest overdue first. */
export const visitsDue = <H extends { householdId: number; plan: VisitPlan }>(
  households: readonly H[],
  today: string,
): (H & { dueOn: string; due: VisitDue })[] =>
  households
    .map((h) => ({ ...h, dueOn: nextVisitOn(h.plan), due: visitDue(h.plan, today) }))
    .filter((h) => h.due !== "ok")
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.householdId - b.householdId);
