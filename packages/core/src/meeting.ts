import { fail, ok, type Result } from "./result";
import type { MeetingBody, MeetingStatus, VoteChoice } from "./deliberation";

/**
 * Meetings (会议): who belongs to each body, the quorum and majority each body decides by, and the count of a
 * topic's votes. A vote only counts with the quorum present: without it nothing is decided (not a rejection).
 */

/** The seat a member holds; a 板凳协商's quorum counts residents only. */
export const MEETING_SEATS = [
  "committee",
  "partyMember",
  "representative",
  "partner",
  "resident",
  "gridWorker",
] as const;
export type MeetingSeat = (typeof MEETING_SEATS)[number];
export type Member = { userId: number; seat: MeetingSeat; partnerUnitId: number | null };

/** What the service loads about a community (and, for a bench meeting, a building) to know each body's members. */
export type BodyFacts = {
  /** Holders of communityStaff or committeeMember grants in the community (两委 and staff). */
  committee: readonly number[];
  /** The community's volunteers with a Party status. */
  partyMembers: readonly number[];
  /** The residents' representatives staff keep a list of. */
  residentReps: readonly number[];
  /** Each partner unit of the community with its volunteers' user ids, lowest first. */
  partnerUnits: readonly { unitId: number; volunteerIds: readonly number[] }[];
  /** Residents of the meeting's building (板凳协商). */
  buildingResidents: readonly number[];
  /** Grid workers of the building's grid (or, if it has none, of the nearest grid above it). */
  gridWorkers: readonly number[];
};

const seated = (ids: readonly number[], seat: MeetingSeat): Member[] =>
  ids.map((userId) => ({ userId, seat, partnerUnitId: null }));

/** One representative per partner unit: its first volunteer who is not already at the table. */
function partnerSeats(facts: BodyFacts, taken: ReadonlySet<number>): Member[] {
  const seats: Member[] = [];
  for (const unit of facts.partnerUnits) {
    const rep = unit.volunteerIds.find((id) => !taken.has(id) && !seats.some((s) => s.userId === id));
    if (rep !== undefined) seats.push({ userId: rep, seat: "partner", partnerUnitId: unit.unitId });
  }
  return seats;
}

/** The members of a body, each once (their first seat), in a stable order. */
export function membersOf(body: MeetingBody, facts: BodyFacts): Member[] {
  const committee = seated(facts.committee, "committee");
  const seats: Record<MeetingBody, () => Member[]> = {
    twoCommittees: () => committee,
    partyMembers: () => seated(facts.partyMembers, "partyMember"),
    residentReps: () => seated(facts.residentReps, "representative"),
    jointCommittee: () => [...committee, ...partnerSeats(facts, new Set(facts.committee))],
    bench: () => [...seated(facts.buildingResidents, "resident"), ...seated(facts.gridWorkers, "gridWorker")],
  };
  const seen = new Set<number>();
  return seats[body]().filter((m) => !seen.has(m.userId) && seen.add(m.userId));
}

/** An invitee's answer, and how their attendance was taken. */
export const INVITATION_REPLIES = ["attend", "decline"] as const;
export type InvitationReply = (typeof INVITATION_REPLIES)[number];
export const CHECK_IN_METHODS = ["qr", "hand"] as const;
export type CheckInMethod = (typeof CHECK_IN_METHODS)[number];

// ---- Rules ----

/** A share of a whole: more than (strict) or at least numerator/denominator of it. */
export type Share = { numerator: number; denominator: number; strict: boolean };
/** A decision counts for against all members who may vote on the topic, or against those of them present. */
export const MAJORITY_BASES = ["members", "present"] as const;
export type MajorityBase = (typeof MAJORITY_BASES)[number];

export type MeetingRule = {
  /** The share of members present for the quorum. */
  quorum: Share;
  /** At least this many members present holding `quorumSeat` (any seat when null). */
  quorumMin: number;
  quorumSeat: MeetingSeat | null;
  majority: Share;
  majorityBase: MajorityBase;
  /** The topic's proposer does not vote on it. */
  proposerExcluded: boolean;
};

const OVER_HALF: Share = { numerator: 1, denominator: 2, strict: true };
const TWO_THIRDS: Share = { numerator: 2, denominator: 3, strict: false };
const ANY: Share = { numerator: 0, denominator: 1, strict: false };
const BENCH_RESIDENTS_MIN = 3;
export const SHARE_DENOMINATOR_MAX = 100;
export const QUORUM_MIN_MAX = 500;

const rule = (quorum: Share, majorityBase: MajorityBase, extra: Partial<MeetingRule> = {}): MeetingRule => ({
  quorum,
  quorumMin: 1,
  quorumSeat: null,
  majority: OVER_HALF,
  majorityBase,
  proposerExcluded: false,
  ...extra,
});

/**
 * Each body's default: 党员大会 by 《中国共产党支部工作条例》 (over half present; over half of all members to
 * decide); 居民代表会议 two-thirds present, over half of all; 两委 and 大党委 over half present, over half of those
 * present; 板凳协商 at least three residents, over half of those present. A community may override them.
 */
export const MEETING_RULES_DEFAULT: Record<MeetingBody, MeetingRule> = {
  twoCommittees: rule(OVER_HALF, "present"),
  partyMembers: rule(OVER_HALF, "members"),
  residentReps: rule(TWO_THIRDS, "members"),
  jointCommittee: rule(OVER_HALF, "present"),
  bench: rule(ANY, "present", { quorumMin: BENCH_RESIDENTS_MIN, quorumSeat: "resident" }),
};

const saneShare = (s: Share) =>
  Number.isInteger(s.numerator) &&
  Number.isInteger(s.denominator) &&
  s.denominator >= 1 &&
  s.denominator <= SHARE_DENOMINATOR_MAX &&
  s.numerator >= 0 &&
  s.numerator <= s.denominator &&
  !(s.strict && s.numerator === s.denominator);

/** A community's own rule for a body: shares that can be met, and a majority that needs at least one vote for. */
export function checkMeetingRule(input: MeetingRule): Result<{ rule: MeetingRule }, "invalid_meeting_rule"> {
  const sane =
    saneShare(input.quorum) &&
    saneShare(input.majority) &&
    (input.majority.strict || input.majority.numerator > 0) &&
    Number.isInteger(input.quorumMin) &&
    input.quorumMin >= 0 &&
    input.quorumMin <= QUORUM_MIN_MAX;
  return sane ? ok({ rule: input }) : fail("invalid_meeting_rule");
}

/** Whether `part` of `whole` meets the share. */
export const meetsShare = (share: Share, part: number, whole: number): boolean =>
  share.strict
    ? part * share.denominator > share.numerator * whole
    : part * share.denominator >= share.numerator * whole;

// ---- Counting ----

export type CastVote = { userId: number; choice: VoteChoice };
export type VoteCount = {
  for: number;
  against: number;
  abstain: number;
  /** Eligible members present who did not vote. */
  notVoted: number;
  /** Members who may not vote on this topic: a declared conflict, or its proposer when the rule says so. */
  excluded: number;
  /** Members who may vote on this topic. */
  eligible: number;
  members: number;
  present: number;
  quorum: boolean;
  /** Null without a quorum, or when nobody present voted: nothing was decided. */
  passed: boolean | null;
};

/** Whether the members present make the meeting's quorum. */
export function hasQuorum(rule: MeetingRule, members: readonly Member[], attended: readonly number[]): boolean {
  const present = members.filter((m) => attended.includes(m.userId));
  const seats = rule.quorumSeat ? present.filter((m) => m.seat === rule.quorumSeat) : present;
  return (
    present.length > 0 && seats.length >= rule.quorumMin && meetsShare(rule.quorum, present.length, members.length)
  );
}

/** Counts a topic's votes: only members present and not excluded count, and only with the quorum present. */
export function countVotes(input: {
  rule: MeetingRule;
  members: readonly Member[];
  attended: readonly number[];
  conflicted: readonly number[];
  proposerId: number | null;
  votes: readonly CastVote[];
}): VoteCount {
  const { rule, members, attended } = input;
  const isExcluded = (id: number) =>
    input.conflicted.includes(id) || (rule.proposerExcluded && id === input.proposerId);
  const eligible = members.filter((m) => !isExcluded(m.userId));
  const presentEligible = eligible.filter((m) => attended.includes(m.userId)).map((m) => m.userId);
  const counted = input.votes.filter((v) => presentEligible.includes(v.userId));
  const tally = (choice: VoteChoice) => counted.filter((v) => v.choice === choice).length;
  const quorum = hasQuorum(rule, members, attended);
  const base = rule.majorityBase === "members" ? eligible.length : presentEligible.length;
  const votesFor = tally("for");
  return {
    for: votesFor,
    against: tally("against"),
    abstain: tally("abstain"),
    notVoted: presentEligible.length - counted.length,
    excluded: members.length - eligible.length,
    eligible: eligible.length,
    members: members.length,
    present: members.filter((m) => attended.includes(m.userId)).length,
    quorum,
    // Nothing is decided without a quorum, nor when nobody present voted: a count of silence is no decision.
    passed: quorum && counted.length > 0 ? base > 0 && meetsShare(rule.majority, votesFor, base) : null,
  };
}

// ---- Decisions ----

export type MeetingVoteRefusal =
  | "not_invited"
  | "meeting_not_open"
  | "already_counted"
  | "not_checked_in"
  | "conflict_declared";

/** A member votes on a topic while the meeting is open, once checked in, without a declared conflict, before the count. */
export function decideMeetingVote(input: {
  invited: boolean;
  status: MeetingStatus;
  counted: boolean;
  attended: boolean;
  conflicted: boolean;
}): Result<object, MeetingVoteRefusal> {
  if (!input.invited) return fail("not_invited");
  if (input.status !== "open") return fail("meeting_not_open");
  if (input.counted) return fail("already_counted");
  if (!input.attended) return fail("not_checked_in");
  if (input.conflicted) return fail("conflict_declared");
  return ok({});
}

export const MEETING_ACTIONS = ["open", "close", "cancel"] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];

const MEETING_MOVES: Record<MeetingAction, { from: MeetingStatus; to: MeetingStatus }> = {
  open: { from: "planned", to: "open" },
  close: { from: "open", to: "closed" },
  cancel: { from: "planned", to: "cancelled" },
};

/** planned → open → closed, or planned → cancelled; nothing else. */
export function decideMeetingMove(
  status: MeetingStatus,
  action: MeetingAction,
): Result<{ to: MeetingStatus }, "not_allowed_in_state"> {
  const move = MEETING_MOVES[action];
  return move.from === status ? ok({ to: move.to }) : fail("not_allowed_in_state");
}

/**
 * An invitee replies before the meeting ends. Once present (checked in or ticked) they cannot decline: the
 * attendance the quorum was counted on would disagree with their reply.
 */
export function decideReply(
  invitation: { attendedAt: number | null } | null,
  status: MeetingStatus,
  reply: InvitationReply,
): Result<object, "not_invited" | "not_allowed_in_state" | "already_present"> {
  if (!invitation) return fail("not_invited");
  if (status !== "planned" && status !== "open") return fail("not_allowed_in_state");
  if (reply === "decline" && invitation.attendedAt !== null) return fail("already_present");
  return ok({});
}

/** A member checks in (by QR) or staff tick them present while the meeting is open. */
export const decideCheckIn = (
  invited: boolean,
  status: MeetingStatus,
): Result<object, "not_invited" | "meeting_not_open"> =>
  !invited ? fail("not_invited") : status === "open" ? ok({}) : fail("meeting_not_open");

/** Staff tick someone else present by hand; their own presence they check in by QR, as every member does. */
export const decideTick = (
  invited: boolean,
  status: MeetingStatus,
  own: boolean,
): Result<object, "own_attendance" | "not_invited" | "meeting_not_open"> =>
  own ? fail("own_attendance") : decideCheckIn(invited, status);

/** `awaiting`: the bodies of planned or open meetings that have the topic on their agenda, not yet decided. */
export type AgendaTopic = { id: number; communityId: number; status: string; awaiting: readonly MeetingBody[] };
export type NewMeetingRefusal =
  | "building_required"
  | "wrong_community"
  | "not_found"
  | "topic_not_deliberating"
  | "topic_on_agenda";

/**
 * A meeting: a bench meeting names a building of the community; its agenda holds topics of the same community now
 * in deliberation. Guards in that order, topics in the order given.
 */
export function decideNewMeeting(input: {
  communityId: number;
  body: MeetingBody;
  /** Null when none was named, undefined when the one named does not exist. */
  building: { communityId: number } | null | undefined;
  topicIds: readonly number[];
  topics: readonly AgendaTopic[];
}): Result<object, NewMeetingRefusal> {
  if (input.body === "bench" && input.building === null) return fail("building_required");
  if (input.building === undefined) return fail("not_found");
  if (input.building && input.building.communityId !== input.communityId) return fail("wrong_community");
  for (const id of input.topicIds) {
    const topic = input.topics.find((t) => t.id === id);
    if (!topic) return fail("not_found");
    if (topic.communityId !== input.communityId) return fail("wrong_community");
    if (topic.status !== "deliberating") return fail("topic_not_deliberating");
    // One meeting of a body decides a topic at a time: two would let staff keep whichever result they liked.
    if (topic.awaiting.includes(input.body)) return fail("topic_on_agenda");
  }
  return ok({});
}
