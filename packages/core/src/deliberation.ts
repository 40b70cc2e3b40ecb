/**
 * 一征三议两公开 and 板凳协商: the words topics (议题), their procedures and the meetings that decide them share.
 * Topic rules live in `topic.ts` and `procedure.ts`, meeting rules in `meeting.ts`.
 */

/** Where a topic stands: proposed and gathering support, in its procedure, or closed one way or another. */
export const TOPIC_STATUSES = [
  "proposed",
  "deliberating",
  "decided",
  "done",
  "declined",
  "merged",
  "rejected",
] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];

/** The bodies that meet: 两委, 党员大会, 居民代表会议, 大党委联席会议 (with partner units), 楼道板凳协商. */
export const MEETING_BODIES = ["twoCommittees", "partyMembers", "residentReps", "jointCommittee", "bench"] as const;
export type MeetingBody = (typeof MEETING_BODIES)[number];

export const MEETING_STATUSES = ["planned", "open", "closed", "cancelled"] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const VOTE_CHOICES = ["for", "against", "abstain"] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

/** How a step ended: passed on to the next, rejected (the topic stops), or simply done (a period, a notice). */
export const STEP_OUTCOMES = ["passed", "rejected", "done"] as const;
export type StepOutcome = (typeof STEP_OUTCOMES)[number];
