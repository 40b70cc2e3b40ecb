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

/**
 * The steps a procedure is built from, each of one kind: a comment period (征求意见), a proposal the Party
 * organisation records (党组织提议), a meeting of a body that votes, a public notice with objections (决议公开),
 * the implementation (实施) and the publication of the result (结果公开).
 */
export const STEP_KINDS = ["comment", "proposal", "meeting", "notice", "implementation", "report"] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const STEP_KEYS = [
  "consult",
  "propose",
  "discuss",
  "review",
  "resolve",
  "bench",
  "joint",
  "announce",
  "implement",
  "report",
] as const;
export type StepKey = (typeof STEP_KEYS)[number];

export const isStepKey = (key: string): key is StepKey => (STEP_KEYS as readonly string[]).includes(key);

export type StepSpec = { key: StepKey; kind: StepKind; body?: MeetingBody };

/** What each step is: the vocabulary every procedure, built in or a community's own, is composed of. */
export const STEPS: Record<StepKey, StepSpec> = {
  consult: { key: "consult", kind: "comment" },
  propose: { key: "propose", kind: "proposal" },
  discuss: { key: "discuss", kind: "meeting", body: "twoCommittees" },
  review: { key: "review", kind: "meeting", body: "partyMembers" },
  resolve: { key: "resolve", kind: "meeting", body: "residentReps" },
  bench: { key: "bench", kind: "meeting", body: "bench" },
  joint: { key: "joint", kind: "meeting", body: "jointCommittee" },
  announce: { key: "announce", kind: "notice" },
  implement: { key: "implement", kind: "implementation" },
  report: { key: "report", kind: "report" },
};

/** 一征三议两公开, 楼道板凳协商 (one meeting of a building's residents) and a 大党委联席会议 matter. */
export const BUILT_IN_PROCEDURES = {
  yizheng: ["consult", "propose", "discuss", "review", "resolve", "announce", "implement", "report"],
  bench: ["bench", "implement", "report"],
  joint: ["joint", "announce", "implement", "report"],
} as const satisfies Record<string, readonly StepKey[]>;
export type BuiltInProcedure = keyof typeof BUILT_IN_PROCEDURES;
