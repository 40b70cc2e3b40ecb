import { fail, ok, type Result } from "./result";
import type { PartyStatus } from "./volunteer";

/**
 * 承诺践诺: a public commitment by a Party member (for themselves), the community's Party branch (made by staff on its
 * behalf) or a partner unit (made by staff or by a volunteer registered with the unit, 双报到), tracked to its outcome.
 */
export const COMMITMENT_STATES = ["open", "kept", "notKept", "withdrawn"] as const;
export type CommitmentState = (typeof COMMITMENT_STATES)[number];
/** How an open commitment ends: staff mark it kept, not kept (with a reason) or withdrawn (with a reason). */
export const COMMITMENT_OUTCOMES = ["kept", "notKept", "withdrawn"] as const;
export type CommitmentOutcome = (typeof COMMITMENT_OUTCOMES)[number];
export const COMMITTER_KINDS = ["member", "branch", "partner"] as const;
export type CommitterKind = (typeof COMMITTER_KINDS)[number];
/** What a commitment may be about: a topic (议题), a project (项目清单) or a request of the same community. */
export const COMMITMENT_LINK_KINDS = ["topic", "project", "request"] as const;
export type CommitmentLinkKind = (typeof COMMITMENT_LINK_KINDS)[number];

export const COMMITMENT_WHAT_CHARS_MAX = 200;
export const COMMITMENT_DETAIL_CHARS_MAX = 1000;
export const COMMITMENT_REASON_CHARS_MAX = 200;
export const COMMITMENT_REPORT_CHARS_MAX = 500;
export const COMMITMENT_REPORT_PHOTOS_MAX = 4;
/** A commitment due within this many days is warned on as due soon; past its day, as overdue. */
export const COMMITMENT_DUE_SOON_DAYS = 7;

const DAY_MS = 86_400_000;

/** The Shanghai date `days` after a Shanghai date (YYYY-MM-DD). */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The one making a commitment and what the community knows of them. */
export type Committing = {
  kind: CommitterKind;
  communityId: number;
  /** The actor may manage the community's commitments (core authz `commitment.manage`). */
  isStaff: boolean;
  /** The actor's volunteer profile, if any. */
  volunteer: { communityId: number; partyStatus: PartyStatus | null; partnerUnitId: number | null } | null;
  /** For a partner unit's commitment: the unit named. */
  unit: { id: number; communityId: number } | null;
};

/** Whether the actor may make a commitment of this kind in this community. */
export function decideCommitter(
  c: Committing,
): Result<object, "forbidden" | "not_party_member" | "not_found" | "wrong_community"> {
  switch (c.kind) {
    case "member":
      // A Party member commits for themselves only: staff do not commit in a member's name.
      if (!c.volunteer || c.volunteer.communityId !== c.communityId) return fail("forbidden");
      return c.volunteer.partyStatus === null ? fail("not_party_member") : ok({});
    case "branch":
      return c.isStaff ? ok({}) : fail("forbidden");
    case "partner":
      if (!c.unit) return fail("not_found");
      if (c.unit.communityId !== c.communityId) return fail("wrong_community");
      return c.isStaff || c.volunteer?.partnerUnitId === c.unit.id ? ok({}) : fail("forbidden");
  }
}

/** A commitment is due at most this many years ahead: a longer promise is a plan, made public in yearly parts. */
const COMMITMENT_AHEAD_YEARS_MAX = 3;

/** The last day a commitment made today may be due: the same day three years on (28 February for 29 February). */
export function lastDueOn(today: string): string {
  const [year, monthDay] = [Number(today.slice(0, 4)), today.slice(5)];
  const later = year + COMMITMENT_AHEAD_YEARS_MAX;
  const leap = later % 4 === 0 && (later % 100 !== 0 || later % 400 === 0);
  return `${later}-${monthDay === "02-29" && !leap ? "02-28" : monthDay}`;
}

/** A commitment is due on a Shanghai day from today to three years on. */
export const decideDueOn = (dueOn: string, today: string): Result<object, "due_in_past" | "due_too_far"> => {
  if (dueOn < today) return fail("due_in_past");
  return dueOn > lastDueOn(today) ? fail("due_too_far") : ok({});
};

/** A linked topic, project or request must exist in the commitment's own community. */
export function decideCommitmentLink(
  linkCommunityId: number | null,
  communityId: number,
): Result<object, "not_found" | "wrong_community"> {
  if (linkCommunityId === null) return fail("not_found");
  return linkCommunityId === communityId ? ok({}) : fail("wrong_community");
}

/** Progress is reported while the commitment is open, by its committer or staff. */
export function decideReport(
  state: CommitmentState,
  who: { isCommitter: boolean; isStaff: boolean },
): Result<object, "forbidden" | "not_allowed_in_state"> {
  if (!who.isCommitter && !who.isStaff) return fail("forbidden");
  return state === "open" ? ok({}) : fail("not_allowed_in_state");
}

/** A report carries up to COMMITMENT_REPORT_PHOTOS_MAX photos, added while the commitment is open. */
export function decideReportPhoto(
  state: CommitmentState,
  photos: number,
): Result<object, "not_allowed_in_state" | "too_many_report_photos"> {
  if (state !== "open") return fail("not_allowed_in_state");
  return photos < COMMITMENT_REPORT_PHOTOS_MAX ? ok({}) : fail("too_many_report_photos");
}

/** Staff close an open commitment once: kept, or not kept / withdrawn with a reason. */
export function decideOutcome(
  state: CommitmentState,
  outcome: CommitmentOutcome,
  reason: string | null,
): Result<{ state: CommitmentOutcome; reason: string | null }, "not_allowed_in_state" | "reason_required"> {
  if (state !== "open") return fail("not_allowed_in_state");
  if (outcome !== "kept" && !reason?.trim()) return fail("reason_required");
  return ok({ state: outcome, reason });
}

export type CommitmentDue = "dueSoon" | "overdue";

/** An open commitment past its day is overdue; due within COMMITMENT_DUE_SOON_DAYS, due soon; else nothing. */
export function commitmentDue(state: CommitmentState, dueOn: string, today: string): CommitmentDue | null {
  if (state !== "open") return null;
  if (dueOn < today) return "overdue";
  return dueOn <= addDays(today, COMMITMENT_DUE_SOON_DAYS) ? "dueSoon" : null;
}
