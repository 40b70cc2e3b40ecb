import type { Role } from "./authz";
import type { MeetingBody, TopicStatus } from "./deliberation";
import type { CommitmentOutcome } from "./commitment";
import type { RequestAction, RequestCategory, RequestKind, RequestStatus } from "./request";
import type { WarningKind, WarningParams } from "./warning";

/**
 * In-app messages (事事有回音). Each kind speaks to one reader's role, and its
 * payload keeps what the text needs — the subject's ids, a snapshot of its
 * name and the page where the reader acts — so an old message still reads
 * right after the subject changed.
 */
export const MESSAGE_KINDS = [
  "request_new",
  "request_posted_for_you",
  "request_changed",
  "request_confirm",
  "request_assigned",
  "request_holder",
  "activity_cancelled",
  "waitlist_promoted",
  "shift_reminder",
  "team_approved",
  "team_rejected",
  "points_fund_empty",
  "points_donated",
  "rating_objection",
  "rating_objection_nominee",
  "warning_opened",
  "warnings_opened",
  "topic_changed",
  "commitment_decided",
  "meeting_invited",
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** What a message about a request says of it: its category and the start of its description. */
export type RequestSubject = {
  requestId: number;
  kind: RequestKind;
  category: RequestCategory;
  summary: string;
  path: string;
};
type RequestMove = RequestSubject & { action: RequestAction; status: RequestStatus };
type ShiftSubject = {
  shiftId: number;
  activityId: number;
  title: string;
  startsAt: number;
  endsAt: number;
  path: string;
};

export type MessagePayloads = {
  request_new: RequestSubject;
  /** To the resident: someone posted a request in her name (代办), so nobody acts for her unknown to her. */
  request_posted_for_you: RequestSubject & { postedBy: Role; posterName: string };
  request_changed: RequestMove;
  request_confirm: RequestMove;
  request_assigned: RequestMove;
  request_holder: RequestMove;
  activity_cancelled: { activityId: number; title: string; reason: string; startsAt: number | null; path: string };
  waitlist_promoted: ShiftSubject;
  shift_reminder: ShiftSubject & { place: string; lead: ReminderLead };
  team_approved: { teamId: number; teamName: string; path: string };
  team_rejected: { teamId: number; teamName: string; path: string };
  points_fund_empty: { communityId: number; points: number; path: string };
  points_donated: { amount: number; message: string; path: string };
  rating_objection: { cycleId: number; nominationId: number; cycleTitle: string; entryName: string; path: string };
  rating_objection_nominee: { cycleId: number; cycleTitle: string; path: string };
  /** 预警 to those who must act: the warning's reason (`warning.<kind>` with its params) and where to act. */
  warning_opened: { warningId: number; kind: WarningKind; params: WarningParams; path: string };
  /** Many warnings opened for one reader at once: how many of each kind, and the warnings page. */
  warnings_opened: { count: number; kinds: Partial<Record<WarningKind, number>>; path: string };
  /** To the proposer: their topic was taken into deliberation, declined, merged, decided or done. */
  topic_changed: { topicId: number; title: string; status: TopicStatus; path: string };
  /** To the committer: staff marked their commitment kept, not kept or withdrawn, with the reason. */
  commitment_decided: {
    commitmentId: number;
    what: string;
    state: CommitmentOutcome;
    reason: string | null;
    path: string;
  };
  /** To each member of the body meeting: the meeting, when and where, and its page to reply and later vote. */
  meeting_invited: {
    meetingId: number;
    title: string;
    body: MeetingBody;
    place: string;
    startsAt: number;
    path: string;
  };
};

/** A message as the reader's inbox gets it: the kind tells the payload's shape. */
export type Message = { [K in MessageKind]: { kind: K; payload: MessagePayloads[K] } }[MessageKind];

export const SUMMARY_LENGTH = 20;

/** The start of a description, on one line, cut at a whole character (never half a surrogate pair). */
export function summaryOf(description: string): string {
  const line = description.replace(/\s+/g, " ").trim();
  const chars = Array.from(line);
  return chars.length <= SUMMARY_LENGTH ? line : `${chars.slice(0, SUMMARY_LENGTH).join("")}…`;
}

export const requestPath = (requestId: number) => `/requests/${requestId}`;
/** The request page opened at the resident's confirmation form. */
export const confirmPath = (requestId: number) => `/requests/${requestId}#confirm`;
export const activityPath = (activityId: number) => `/activities/${activityId}`;

type Audience = {
  ownerUserId: number;
  oldHolderUserId: number | null;
  newHolderUserId: number | null;
  actorUserId: number | null;
  quiet: boolean;
};
type Reader = { userId: number; kind: "request_changed" | "request_confirm" | "request_assigned" | "request_holder" };

/**
 * Who hears of a move on a request, each in their own role's words: the
 * resident of her request's progress (and, once it is done, a prompt to
 * confirm); a newly assigned volunteer "您被派单"; a volunteer who holds or
 * held it of what became of it. Never the one who acted; the resident not
 * after a claim released within minutes (quiet).
 */
export function requestReaders(action: RequestAction, who: Audience): Reader[] {
  const readers: Reader[] = [];
  if (!who.quiet)
    readers.push({ userId: who.ownerUserId, kind: action === "complete" ? "request_confirm" : "request_changed" });
  if (who.newHolderUserId !== null && who.newHolderUserId !== who.oldHolderUserId)
    readers.push({ userId: who.newHolderUserId, kind: action === "assign" ? "request_assigned" : "request_holder" });
  if (who.oldHolderUserId !== null) readers.push({ userId: who.oldHolderUserId, kind: "request_holder" });
  const seen = new Set<number>();
  return readers.filter((r) => r.userId !== who.actorUserId && !seen.has(r.userId) && (seen.add(r.userId), true));
}

/** Shift reminders: the day before and two hours before, in-app. */
export const REMINDER_LEADS = { dayBefore: 24 * 3_600_000, twoHours: 2 * 3_600_000 } as const;
export type ReminderLead = keyof typeof REMINDER_LEADS;
export const REMINDER_LEAD_NAMES = ["dayBefore", "twoHours"] as const satisfies readonly ReminderLead[];
/** How long one instance holds the scheduler's lease; another takes over once it lapses. */
export const SCHEDULER_LEASE_MS = 2 * 60_000;

/**
 * The reminder due now for a shift, if any: the latest lead already reached
 * before the shift starts. A reminder missed while the server was down is
 * still due until the shift starts; once the two-hour one is due, the
 * day-before one is stale and never sent.
 */
export function reminderDue(startsAt: number, now: number): ReminderLead | null {
  if (now >= startsAt) return null;
  if (now >= startsAt - REMINDER_LEADS.twoHours) return "twoHours";
  if (now >= startsAt - REMINDER_LEADS.dayBefore) return "dayBefore";
  return null;
}

/**
 * The same rule as a query: for each lead, the start times (after `from`, up
 * to `to`) of shifts whose reminder of that lead is due now.
 */
export function reminderWindows(now: number): { lead: ReminderLead; after: number; upTo: number }[] {
  return [
    { lead: "twoHours", after: now, upTo: now + REMINDER_LEADS.twoHours },
    { lead: "dayBefore", after: now + REMINDER_LEADS.twoHours, upTo: now + REMINDER_LEADS.dayBefore },
  ];
}
