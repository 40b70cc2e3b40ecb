import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Fail, Refusal } from "@tongxin/core";
import { busyOf, isConstraintViolation } from "../db/errors";

/** A refusal from a service verb, carried to the one error mapper below. */
export class DomainError extends Error {
  constructor(
    readonly reason: Refusal,
    readonly detail?: { retryAfterSeconds?: number },
  ) {
    super(reason);
  }
}

/** Returns the success value or throws the refusal for `onError` to map. */
export function unwrap<R extends { ok: true } | (Fail<Refusal> & { retryAfterSeconds?: number })>(
  result: R,
): Extract<R, { ok: true }> {
  if (!result.ok) throw new DomainError(result.reason, { retryAfterSeconds: result.retryAfterSeconds });
  return result as Extract<R, { ok: true }>;
}

/** `field` names the input a refusal is about, reported as that field's issue like a validation failure. */
type Mapped = { status: ContentfulStatusCode; code: string; message: string; field?: string };

/** Each refusal core names, with its status; a reason missing here fails the type-check. */
const REASONS: Record<Refusal, Mapped> = {
  unauthenticated: { status: 401, code: "unauthenticated", message: "Sign in first." },
  invalid_credentials: { status: 401, code: "unauthenticated", message: "Wrong phone number or password." },
  forbidden: { status: 403, code: "forbidden", message: "You may not do this here." },
  not_found: { status: 404, code: "not_found", message: "No such record." },
  name_taken: { status: 409, code: "conflict", message: "That name is already used here." },
  phone_taken: { status: 409, code: "conflict", message: "That phone number already has an account." },
  stale_version: { status: 409, code: "conflict", message: "Someone changed this record first; reload and try again." },
  already_granted: { status: 409, code: "conflict", message: "The role is already granted." },
  already_set_up: { status: 409, code: "conflict", message: "Tongxin is already set up." },
  archived: { status: 409, code: "conflict", message: "The record is archived." },
  parent_archived: { status: 422, code: "rule_violation", message: "The parent is archived." },
  grid_too_deep: { status: 422, code: "rule_violation", message: "Grids nest three levels at most." },
  has_active_children: { status: 422, code: "rule_violation", message: "Archive what lies below it first." },
  wrong_community: { status: 422, code: "rule_violation", message: "It belongs to another community." },
  outside_own_community: { status: 403, code: "forbidden", message: "You act only in the communities you belong to." },
  belongs_elsewhere: {
    status: 422,
    code: "rule_violation",
    message: "They belong to another community; choose someone from this one.",
  },
  wrong_password: { status: 422, code: "rule_violation", message: "The current password is wrong." },
  same_password: {
    status: 422,
    code: "rule_violation",
    message: "Choose a new password different from the current one.",
  },
  password_change_required: {
    status: 403,
    code: "forbidden",
    message: "Set your own password first: the one-time password only lets you change it.",
  },
  own_account: { status: 422, code: "rule_violation", message: "Change your own password on the password page." },
  last_street_admin: { status: 422, code: "rule_violation", message: "The street needs at least one admin." },
  rate_limited: { status: 429, code: "rate_limited", message: "Too many attempts; wait and try again." },
  bad_cursor: {
    status: 400,
    code: "invalid_input",
    message: "The cursor is not valid; start from the first page.",
    field: "cursor",
  },
  // volunteers, activities, sign-up, hours
  not_volunteer: { status: 422, code: "rule_violation", message: "Create a volunteer profile first." },
  not_visible: { status: 403, code: "forbidden", message: "This activity is for its team or for Party members only." },
  activity_not_open: { status: 422, code: "rule_violation", message: "The activity is not open for sign-up." },
  signup_closed: { status: 422, code: "rule_violation", message: "Sign-up for this shift has closed." },
  already_signed_up: { status: 409, code: "conflict", message: "You are already signed up for this shift." },
  missing_skills: {
    status: 422,
    code: "rule_violation",
    message: "This shift needs skills your profile does not list.",
  },
  overlapping_shift: { status: 409, code: "conflict", message: "You hold a place on another shift at that time." },
  signup_race: { status: 409, code: "conflict", message: "Places changed while you signed up; try again." },
  shift_full: { status: 409, code: "conflict", message: "The shift is full and keeps no waitlist." },
  not_signed_up: { status: 404, code: "not_found", message: "No place on this shift." },
  cancel_closed: {
    status: 422,
    code: "rule_violation",
    message: "The cancellation deadline has passed; tell the organiser.",
  },
  idempotency_key_reused: {
    status: 422,
    code: "rule_violation",
    message: "That Idempotency-Key was used for another request.",
  },
  team_required: { status: 422, code: "rule_violation", message: "A team-only activity needs a team." },
  shift_ends_before_start: { status: 422, code: "rule_violation", message: "A shift must end after it starts." },
  shift_too_short: { status: 422, code: "rule_violation", message: "A shift lasts 15 minutes at least." },
  shift_too_long: { status: 422, code: "rule_violation", message: "A shift lasts 12 hours at most." },
  shift_in_past: { status: 422, code: "rule_violation", message: "A shift must start in the future." },
  deadline_after_start: {
    status: 422,
    code: "rule_violation",
    message: "Deadlines must fall before the shift starts.",
  },
  capacity_out_of_range: { status: 422, code: "rule_violation", message: "A shift takes 1 to 500 volunteers." },
  no_shifts: { status: 422, code: "rule_violation", message: "An activity needs at least one shift." },
  too_many_weeks: { status: 422, code: "rule_violation", message: "Repeat for 26 weeks at most." },
  not_draft: { status: 409, code: "conflict", message: "Only a draft can be published." },
  not_cancellable: { status: 409, code: "conflict", message: "The activity can no longer be cancelled." },
  not_published: { status: 409, code: "conflict", message: "The activity is not published." },
  not_over: { status: 422, code: "rule_violation", message: "The activity has shifts still to come." },
  outside_shift_window: {
    status: 422,
    code: "rule_violation",
    message: "Attendance is taken from an hour before the shift until an hour after.",
  },
  check_out_before_check_in: { status: 422, code: "rule_violation", message: "Check-out must come after check-in." },
  invalid_token: {
    status: 422,
    code: "rule_violation",
    message: "The QR code has expired; scan the one on screen now.",
  },
  checkin_token_used: {
    status: 409,
    code: "conflict",
    message: "This code was already used for your check-in; scan the code on screen now to check out.",
  },
  invalid_code: { status: 422, code: "rule_violation", message: "The code is not the one on screen now." },
  scan_times_invalid: { status: 422, code: "rule_violation", message: "The scan must come before it was sent." },
  not_on_shift: {
    status: 422,
    code: "rule_violation",
    message: "Nobody signed up for this shift has that name and those last four digits.",
  },
  marked_absent: {
    status: 409,
    code: "conflict",
    message: "The organiser marked you absent from this shift; ask them to change it.",
  },
  scan_too_old: { status: 422, code: "rule_violation", message: "A scan must reach the server within a day." },
  already_checked_out: { status: 409, code: "conflict", message: "Already checked out." },
  shift_not_over: { status: 422, code: "rule_violation", message: "Hours are confirmed after the shift ends." },
  already_voided: { status: 409, code: "conflict", message: "Already voided." },
  reason_required: { status: 422, code: "rule_violation", message: "Give a reason." },
  own_hours: {
    status: 403,
    code: "forbidden",
    message: "Another organiser or staff must record your own attendance and hours.",
  },
  minutes_over_cap: {
    status: 422,
    code: "rule_violation",
    message: "More minutes than the shift's length plus the allowed correction.",
  },
  already_confirmed: { status: 409, code: "conflict", message: "These hours were already confirmed." },
  not_attended: {
    status: 422,
    code: "rule_violation",
    message: "Hours are confirmed only for volunteers marked present.",
  },
  daily_cap_reached: {
    status: 422,
    code: "rule_violation",
    message: "The volunteer already has 12 confirmed hours that day.",
  },
  already_member: { status: 409, code: "conflict", message: "Already a member or applicant." },
  not_pending: { status: 409, code: "conflict", message: "It was already decided." },
  not_member: { status: 404, code: "not_found", message: "Not a member of this team." },
  // requests
  not_allowed_in_state: { status: 409, code: "conflict", message: "This is not at a stage where that can happen." },
  not_your_request: {
    status: 403,
    code: "forbidden",
    message: "Only the resident, the holder or staff in scope may do this.",
  },
  not_the_holder: { status: 403, code: "forbidden", message: "Only the current holder may do this." },
  already_held: { status: 409, code: "conflict", message: "Someone already holds this request." },
  rating_out_of_range: { status: 422, code: "rule_violation", message: "Rate from 1 to 5 stars." },
  confirm_window_open: { status: 422, code: "rule_violation", message: "The resident still has time to confirm." },
  reopen_window_closed: {
    status: 422,
    code: "rule_violation",
    message: "A request can be reopened within 7 days of closing.",
  },
  not_vouched: {
    status: 422,
    code: "rule_violation",
    message:
      "Residents' requests are claimed by volunteers the community knows: join a team or serve once at an activity first.",
  },
  released_too_often: {
    status: 422,
    code: "rule_violation",
    message: "You released as many requests today as a day allows; claim again tomorrow.",
  },
  holding_too_many: {
    status: 422,
    code: "rule_violation",
    message: "You hold as many requests as you may at once; finish one first.",
  },
  already_at_top: { status: 422, code: "rule_violation", message: "The request is already with the street." },
  category_not_for_kind: {
    status: 422,
    code: "rule_violation",
    message: "That category does not fit this kind of request.",
  },
  window_ends_before_start: {
    status: 422,
    code: "rule_violation",
    message: "The preferred time must end after it starts.",
  },
  category_not_a_service: { status: 422, code: "rule_violation", message: "An offer serves a service category." },
  no_slots: { status: 422, code: "rule_violation", message: "An offer needs at least one slot." },
  slot_ends_before_start: { status: 422, code: "rule_violation", message: "A slot must end after it starts." },
  slot_in_past: { status: 422, code: "rule_violation", message: "A slot must start in the future." },
  offer_closed: { status: 409, code: "conflict", message: "The offer is closed." },
  slot_started: { status: 422, code: "rule_violation", message: "The slot has started." },
  slot_full: { status: 409, code: "conflict", message: "The slot is fully booked." },
  already_booked: { status: 409, code: "conflict", message: "You already booked this slot." },
  progress_out_of_range: {
    status: 422,
    code: "rule_violation",
    message: "Progress runs from 0 to the milestone's target.",
  },
  milestones_open: { status: 422, code: "rule_violation", message: "Every milestone must be reached first." },
  idempotency_conflict: { status: 409, code: "conflict", message: "That Idempotency-Key was used with other content." },
  invalid_amount: { status: 422, code: "rule_violation", message: "Amounts are whole points above zero." },
  same_account: { status: 422, code: "rule_violation", message: "A transfer needs two different accounts." },
  insufficient_balance: { status: 422, code: "rule_violation", message: "Not enough points." },
  item_inactive: { status: 422, code: "rule_violation", message: "This item is not offered at the moment." },
  invalid_quantity: { status: 422, code: "rule_violation", message: "Quantity runs from 1 to 10." },
  out_of_stock: { status: 409, code: "conflict", message: "Out of stock." },
  monthly_limit: { status: 422, code: "rule_violation", message: "You reached this item's limit for the month." },
  already_collected: { status: 409, code: "conflict", message: "These goods were already handed over." },
  reservation_expired: {
    status: 422,
    code: "rule_violation",
    message: "The reservation expired; the points were returned.",
  },
  invalid_name: { status: 422, code: "rule_violation", message: "A name has 1 to 40 characters." },
  invalid_price: { status: 422, code: "rule_violation", message: "A price is whole points from 1 to 100,000." },
  invalid_stock: { status: 422, code: "rule_violation", message: "Stock cannot go below zero." },
  invalid_limit: { status: 422, code: "rule_violation", message: "A monthly limit runs from 1 to 100." },
  invalid_rules: {
    status: 422,
    code: "rule_violation",
    message: "Points are whole numbers from 0 to 1,000 (daily cap up to 10,000).",
  },
  message_too_long: { status: 422, code: "rule_violation", message: "A message has at most 100 characters." },
  own_household: { status: 422, code: "rule_violation", message: "Points cannot be given to your own household." },
  recipient_unavailable: {
    status: 422,
    code: "rule_violation",
    message: "Points cannot be given to this number; check it, or give to the community fund.",
  },
  not_in_community: { status: 403, code: "forbidden", message: "This store belongs to another community." },
  invalid_scheme: {
    status: 422,
    code: "rule_violation",
    message: "A scheme has a name and 1 to 10 stars with distinct keys.",
  },
  invalid_period: { status: 422, code: "rule_violation", message: "A period is a year (2026) or a quarter (2026-Q4)." },
  windows_out_of_order: {
    status: 422,
    code: "rule_violation",
    message: "Nominations must close in the future and before the review ends.",
  },
  invalid_notice_days: { status: 422, code: "rule_violation", message: "A notice lasts 1 to 30 working days." },
  undecided_candidates: {
    status: 409,
    code: "conflict",
    message: "Every candidate needs a decision that follows the committee's vote first.",
  },
  votes_missing: {
    status: 422,
    code: "rule_violation",
    message: "Not enough committee members have scored this candidate for the decision rule yet.",
  },
  star_not_carried: { status: 422, code: "rule_violation", message: "The committee's vote did not carry that star." },
  no_entries: { status: 422, code: "rule_violation", message: "Nobody is proposed for an award." },
  notice_running: { status: 409, code: "conflict", message: "The public notice has not ended yet." },
  before_publication_date: {
    status: 409,
    code: "conflict",
    message: "The announced publication date has not come yet.",
  },
  objections_open: { status: 409, code: "conflict", message: "Answer every objection first." },
  nominations_closed: { status: 422, code: "rule_violation", message: "Nominations are closed." },
  route_not_allowed: { status: 403, code: "forbidden", message: "You may not put this candidate forward this way." },
  unknown_star: { status: 422, code: "rule_violation", message: "That star is not part of the scheme." },
  statement_missing: { status: 422, code: "rule_violation", message: "Say why at least one star is deserved." },
  already_nominated: { status: 409, code: "conflict", message: "This candidate is already in the cycle." },
  not_eligible: {
    status: 422,
    code: "rule_violation",
    message: "This candidate cannot be rated under this scheme here.",
  },
  too_many_photos: { status: 422, code: "rule_violation", message: "At most six photos per nomination." },
  not_reviewing: { status: 409, code: "conflict", message: "The cycle is not in review." },
  own_entry: {
    status: 403,
    code: "forbidden",
    message: "You cannot object to your own entry or your household's; ask the committee to withdraw it.",
  },
  not_committee: { status: 403, code: "forbidden", message: "Only members of the community's committee may score." },
  conflict_of_interest: { status: 403, code: "forbidden", message: "You cannot score yourself or your own household." },
  not_in_notice: { status: 409, code: "conflict", message: "It is not in public notice now." },
  not_on_notice: { status: 422, code: "rule_violation", message: "This candidate is not on the notice." },
  notice_over: { status: 422, code: "rule_violation", message: "The notice period for this entry has ended." },
  already_objected: {
    status: 409,
    code: "conflict",
    message: "You have already objected to this; it will be answered.",
  },
  already_answered: { status: 409, code: "conflict", message: "This objection was already answered." },
  stars_required: { status: 422, code: "rule_violation", message: "Name the stars the entry keeps." },
  already_revoked: { status: 409, code: "conflict", message: "This award was already revoked." },
  invalid_window: { status: 422, code: "rule_violation", message: "An availability window must lie within one day." },
  overlapping_windows: { status: 422, code: "rule_violation", message: "Availability windows overlap." },
  // service certificates
  period_reversed: {
    status: 422,
    code: "rule_violation",
    message: "The period must end on or after its first day.",
    field: "to",
  },
  period_in_future: { status: 422, code: "rule_violation", message: "The period cannot end after today.", field: "to" },
  period_too_long: {
    status: 422,
    code: "rule_violation",
    message: "A certificate covers at most five years.",
    field: "from",
  },
  no_hours_in_period: { status: 422, code: "rule_violation", message: "No confirmed service hours in this period." },
  // topics and their procedures
  invalid_procedure: {
    status: 422,
    code: "rule_violation",
    message:
      "A procedure lists known steps once each and a meeting; 征求意见 before every meeting, 决议公开 after them all; 实施 then 结果公开 last.",
    field: "steps",
  },
  procedure_incomplete: {
    status: 422,
    code: "rule_violation",
    message:
      "Steps may be added to a procedure, never those its name promises (all eight of 一征三议两公开; the bench meeting; the joint meeting and its notice).",
    field: "steps",
  },
  link_target_ended: {
    status: 422,
    code: "rule_violation",
    message: "A cancelled or rejected project or request is no topic's outcome.",
    field: "id",
  },
  invalid_comment_days: {
    status: 422,
    code: "rule_violation",
    message: "The comment period lasts 1 to 30 days.",
    field: "commentDays",
  },
  stale_step: { status: 409, code: "conflict", message: "That step is not the topic's current step; reload it." },
  comment_open: { status: 422, code: "rule_violation", message: "The comment period has not ended yet." },
  note_required: { status: 422, code: "rule_violation", message: "Write what was decided or done.", field: "note" },
  meeting_required: {
    status: 422,
    code: "rule_violation",
    message: "A meeting step is recorded from the meeting that decided it.",
    field: "meetingId",
  },
  not_on_agenda: {
    status: 422,
    code: "rule_violation",
    message: "The topic is not on that meeting's agenda.",
    field: "meetingId",
  },
  outcome_not_allowed: {
    status: 422,
    code: "rule_violation",
    message: "Only the Party organisation's proposal is turned down by hand; a meeting rejects by its votes.",
    field: "outcome",
  },
  not_meeting_step: {
    status: 422,
    code: "rule_violation",
    message: "This step is not decided by a meeting.",
    field: "meetingId",
  },
  wrong_body: {
    status: 422,
    code: "rule_violation",
    message: "Another body must decide this step.",
    field: "meetingId",
  },
  meeting_undecided: {
    status: 422,
    code: "rule_violation",
    message: "The meeting has not counted its votes on it yet.",
  },
  own_topic: { status: 422, code: "rule_violation", message: "Your own proposal already counts as your support." },
  invalid_merge_target: {
    status: 422,
    code: "rule_violation",
    message: "Merge into another open topic of the same community.",
    field: "mergeInto",
  },
  not_commenting: {
    status: 422,
    code: "rule_violation",
    message: "Comments are taken during the comment period only.",
  },
  comment_limit_reached: {
    status: 409,
    code: "conflict",
    message: "You have made as many comments on this topic as one person may.",
  },
  already_raised: { status: 409, code: "conflict", message: "A topic was already raised from it." },
  already_linked: { status: 409, code: "conflict", message: "It is already linked to this topic." },
  due_in_past: { status: 422, code: "rule_violation", message: "A commitment is due today or later.", field: "dueOn" },
  due_too_far: {
    status: 422,
    code: "rule_violation",
    message: "A commitment is due within three years.",
    field: "dueOn",
  },
  not_party_member: { status: 422, code: "rule_violation", message: "Only a Party member commits in their own name." },
  too_many_report_photos: { status: 422, code: "rule_violation", message: "At most four photos per progress report." },
  // meetings
  not_invited: { status: 403, code: "forbidden", message: "Only members of the body meeting may do this." },
  meeting_not_open: { status: 409, code: "conflict", message: "The meeting is not in session." },
  already_counted: { status: 409, code: "conflict", message: "The votes on this topic were already counted." },
  already_present: {
    status: 409,
    code: "conflict",
    message: "You are already marked present at this meeting, so you cannot decline it.",
  },
  not_checked_in: { status: 422, code: "rule_violation", message: "Check in at the meeting before voting." },
  conflict_declared: {
    status: 403,
    code: "forbidden",
    message: "You declared a conflict of interest on this topic, so you do not vote on it.",
  },
  already_voted: { status: 409, code: "conflict", message: "You already voted on this topic." },
  building_required: {
    status: 422,
    code: "rule_violation",
    message: "A bench meeting needs the building whose residents meet.",
    field: "buildingId",
  },
  own_attendance: {
    status: 422,
    code: "rule_violation",
    message: "Check yourself in by the QR code; staff tick others present.",
    field: "userId",
  },
  topic_on_agenda: {
    status: 409,
    code: "conflict",
    message: "The topic already waits on another meeting of the same body.",
    field: "topicIds",
  },
  topic_not_deliberating: {
    status: 422,
    code: "rule_violation",
    message: "Only topics in deliberation go on a meeting's agenda.",
    field: "topicIds",
  },
  invalid_meeting_rule: {
    status: 422,
    code: "rule_violation",
    message: "Shares run from 0 to 1 with a denominator up to 100, and a decision needs at least one vote for.",
  },
  // 民情账
  categories_required: {
    status: 422,
    code: "rule_violation",
    message: "Choose at least one care category.",
    field: "categories",
  },
  unknown_care_category: {
    status: 422,
    code: "rule_violation",
    message: "Choose categories from the built-in ones or this community's own.",
    field: "categories",
  },
  too_many_categories: {
    status: 422,
    code: "rule_violation",
    message: "A household has at most five care categories.",
    field: "categories",
  },
  invalid_emergency_contact: {
    status: 422,
    code: "rule_violation",
    message: "An emergency contact needs a name, a relation and a mainland mobile number.",
    field: "emergencyContact",
  },
  already_withdrawn: { status: 409, code: "conflict", message: "No consent stands to withdraw." },
  no_consent: {
    status: 403,
    code: "forbidden",
    message: "The family has not consented to visits, or withdrew consent.",
  },
  no_photo_consent: {
    status: 422,
    code: "rule_violation",
    message: "The family has not consented to photos.",
    field: "photo",
  },
  not_partner_member: {
    status: 422,
    code: "rule_violation",
    message: "They do not serve with a partner unit.",
    field: "kind",
  },
  already_paired: { status: 409, code: "conflict", message: "They are already paired with this household." },
  already_ended: { status: 409, code: "conflict", message: "The pairing has already ended." },
  not_paired: { status: 403, code: "forbidden", message: "You are not paired with this household." },
  visit_in_future: {
    status: 422,
    code: "rule_violation",
    message: "A visit is recorded for today or an earlier day.",
    field: "visitedOn",
  },
  before_pairing: {
    status: 422,
    code: "rule_violation",
    message: "A visit is recorded from the day the pairing began.",
    field: "visitedOn",
  },
  no_care_profile: { status: 409, code: "conflict", message: "The household has no care profile yet." },
  no_resident: {
    status: 409,
    code: "conflict",
    message: "Nobody of the household has an account to post the request for: register the resident first.",
  },
  already_requested: { status: 409, code: "conflict", message: "This visit's need is already a request." },
  campaign_not_for_visit: {
    status: 422,
    code: "rule_violation",
    message: "The campaign does not run on that day or does not reach this household.",
    field: "campaignId",
  },
  pairing_own_household: {
    status: 422,
    code: "rule_violation",
    message: "Nobody is paired with their own home.",
    field: "visitorUserId",
  },
  campaign_ends_before_start: {
    status: 422,
    code: "rule_violation",
    message: "A campaign ends on or after its first day.",
    field: "endsOn",
  },
  // API tokens for other systems: 401 tells the system to get a new token, 403 that this one cannot do it.
  token_expired: { status: 401, code: "unauthenticated", message: "The API token has expired; ask for a new one." },
  token_revoked: { status: 401, code: "unauthenticated", message: "The API token is not valid." },
  token_read_only: { status: 403, code: "forbidden", message: "The API token may only read." },
  token_not_allowed: { status: 403, code: "forbidden", message: "This route is for people signed in, not API tokens." },
};

/** The status and code a refusal is answered with (for the OpenAPI document's error responses). */
export const refusalAnswer = (reason: Refusal): { status: number; code: string } => REASONS[reason];

export type FieldIssue = { path: string; code: string; message: string };

export const errorBody = (code: string, message: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message, ...extra },
});

/** The one mapping from anything thrown to the shared error shape. Never a stack trace. */
export function mapError(err: unknown, c: Context): Response {
  if (err instanceof DomainError) {
    const mapped = REASONS[err.reason];
    if (err.detail?.retryAfterSeconds) c.header("Retry-After", String(err.detail.retryAfterSeconds));
    const issues = mapped.field ? { issues: [{ path: mapped.field, code: err.reason, message: mapped.message }] } : {};
    return c.json(errorBody(mapped.code, mapped.message, { reason: err.reason, ...issues }), mapped.status);
  }
  if (isConstraintViolation(err)) {
    // A race the rules lost to another request; the database kept the invariant.
    return c.json(errorBody("conflict", "Someone else changed this at the same time; reload and try again."), 409);
  }
  const busy = busyOf(err);
  if (busy) {
    // Overload or another writer held the lock past our retries: nothing was written; the client may try again shortly.
    c.header("Retry-After", String(busy.retryAfterSeconds));
    return c.json(
      errorBody("unavailable", "The server is busy; nothing was changed. Try again in a moment.", {
        reason: busy.reason,
      }),
      503,
    );
  }
  if (clientGone(err)) {
    // The client closed the connection mid-body: nobody is there to read an answer, and nothing was acted on.
    c.get("log")?.("info", "request body cut off by the client");
    return c.json(errorBody("invalid_input", "The request body was cut off."), 400);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code =
      status === 400 ? "invalid_input" : status === 403 ? "forbidden" : status === 413 ? "too_large" : "http_error";
    return c.json(errorBody(code, err.message || "Bad request."), status as ContentfulStatusCode);
  }
  return internal(err, c);
}

/** Node's error for a request stream whose client hung up ("aborted", ECONNRESET), as a body reader meets it. */
const clientGone = (err: unknown): boolean =>
  err instanceof Error && ["ECONNRESET", "ERR_STREAM_PREMATURE_CLOSE"].includes((err as { code?: string }).code ?? "");

function internal(err: unknown, c: Context): Response {
  c.get("log")?.("error", "unhandled", { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  return c.json(errorBody("internal", "Something went wrong; the request changed nothing."), 500);
}
