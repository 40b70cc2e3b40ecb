import { describe, expect, it } from "vitest";
import type { MeetingBody, MeetingStatus, VoteChoice } from "./deliberation";
import {
  MEETING_RULES_DEFAULT,
  checkMeetingRule,
  countVotes,
  decideMeetingMove,
  decideMeetingVote,
  decideNewMeeting,
  decideReply,
  membersOf,
  type AgendaTopic,
  type BodyFacts,
  type MeetingAction,
  type Member,
  type MeetingRule,
} from "./meeting";

const facts: BodyFacts = {
  committee: [1, 2, 3],
  partyMembers: [3, 10, 11],
  residentReps: [20, 21],
  partnerUnits: [
    { unitId: 7, volunteerIds: [2, 30, 31] },
    { unitId: 8, volunteerIds: [40] },
    { unitId: 9, volunteerIds: [] },
  ],
  buildingResidents: [50, 51, 4],
  gridWorkers: [4, 60],
};

describe("who belongs to each body", () => {
  it.each([
    ["twoCommittees", [1, 2, 3]],
    ["partyMembers", [3, 10, 11]],
    ["residentReps", [20, 21]],
    // one per partner unit, skipping a volunteer already at the table as committee; a unit without volunteers has no seat
    ["jointCommittee", [1, 2, 3, 30, 40]],
    // residents of the building, then the grid's workers; a worker living there sits once, as a resident
    ["bench", [50, 51, 4, 60]],
  ] as [MeetingBody, number[]][])("%s: %j", (body, expected) => {
    expect(membersOf(body, facts).map((m) => m.userId)).toEqual(expected);
  });

  it("a partner unit's representative carries the unit; a bench resident is seated as resident", () => {
    expect(membersOf("jointCommittee", facts).filter((m) => m.seat === "partner")).toEqual([
      { userId: 30, seat: "partner", partnerUnitId: 7 },
      { userId: 40, seat: "partner", partnerUnitId: 8 },
    ]);
    expect(membersOf("bench", facts).map((m) => m.seat)).toEqual(["resident", "resident", "resident", "gridWorker"]);
  });
});

const seat = (n: number, s: Member["seat"] = "committee", from = 1): Member[] =>
  Array.from({ length: n }, (_, i) => ({ userId: from + i, seat: s, partnerUnitId: null }));
const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
const votes = (choices: VoteChoice[], from = 1) => choices.map((choice, i) => ({ userId: from + i, choice }));

describe("quorum per body: just met and just missed", () => {
  const rows: { body: MeetingBody; members: Member[]; present: number[]; quorum: boolean }[] = [
    // 党员大会: more than half of 10
    { body: "partyMembers", members: seat(10, "partyMember"), present: ids(1, 6), quorum: true },
    { body: "partyMembers", members: seat(10, "partyMember"), present: ids(1, 5), quorum: false },
    // 居民代表会议: two-thirds of 9 is 6
    { body: "residentReps", members: seat(9, "representative"), present: ids(1, 6), quorum: true },
    { body: "residentReps", members: seat(9, "representative"), present: ids(1, 5), quorum: false },
    // 两委 and 大党委: more than half
    { body: "twoCommittees", members: seat(7), present: ids(1, 4), quorum: true },
    { body: "twoCommittees", members: seat(7), present: ids(1, 3), quorum: false },
    { body: "jointCommittee", members: seat(4), present: ids(1, 3), quorum: true },
    { body: "jointCommittee", members: seat(4), present: ids(1, 2), quorum: false },
    // 板凳协商: three residents, however many live there; grid workers do not make it up
    { body: "bench", members: seat(40, "resident"), present: ids(1, 3), quorum: true },
    {
      body: "bench",
      members: [...seat(40, "resident"), ...seat(2, "gridWorker", 100)],
      present: [1, 2, 100, 101],
      quorum: false,
    },
  ];
  it.each(rows)("$body with $present.length of $members.length present: quorum $quorum", (row) => {
    const count = countVotes({
      rule: MEETING_RULES_DEFAULT[row.body],
      members: row.members,
      attended: row.present,
      conflicted: [],
      proposerId: null,
      votes: [],
    });
    expect(count.quorum).toBe(row.quorum);
    if (!row.quorum) expect(count.passed).toBeNull();
  });

  it("nobody present is never a quorum, even for a rule of any share", () => {
    const rule: MeetingRule = { ...MEETING_RULES_DEFAULT.bench, quorumMin: 0 };
    const count = countVotes({ rule, members: seat(3), attended: [], conflicted: [], proposerId: null, votes: [] });
    expect(count.quorum).toBe(false);
  });
});

describe("majority per body", () => {
  const rows: {
    name: string;
    body: MeetingBody;
    members: number;
    present: number;
    choices: VoteChoice[];
    passed: boolean;
  }[] = [
    // 党员大会: over half of ALL 10 members, not of those present
    { name: "6 of 10 for", body: "partyMembers", members: 10, present: 6, choices: Array(6).fill("for"), passed: true },
    {
      name: "5 of 10 for though all present voters agree",
      body: "partyMembers",
      members: 10,
      present: 6,
      choices: [...Array(5).fill("for"), "abstain"],
      passed: false,
    },
    // 居民代表会议: over half of all 9
    {
      name: "5 of 9 for",
      body: "residentReps",
      members: 9,
      present: 6,
      choices: ["for", "for", "for", "for", "for", "against"],
      passed: true,
    },
    {
      name: "4 of 9 for",
      body: "residentReps",
      members: 9,
      present: 6,
      choices: ["for", "for", "for", "for", "against", "against"],
      passed: false,
    },
    // 两委: over half of those present; a tie fails, an abstention counts against
    {
      name: "a tie",
      body: "twoCommittees",
      members: 5,
      present: 4,
      choices: ["for", "for", "against", "against"],
      passed: false,
    },
    {
      name: "2 for 1 against 1 abstains",
      body: "twoCommittees",
      members: 5,
      present: 4,
      choices: ["for", "for", "against", "abstain"],
      passed: false,
    },
    {
      name: "3 for 1 abstains",
      body: "twoCommittees",
      members: 5,
      present: 4,
      choices: ["for", "for", "for", "abstain"],
      passed: true,
    },
    {
      name: "a present member who did not vote counts against",
      body: "jointCommittee",
      members: 6,
      present: 6,
      choices: ["for", "for", "for"],
      passed: false,
    },
    {
      name: "bench: 2 of 3 residents",
      body: "bench",
      members: 12,
      present: 3,
      choices: ["for", "for", "against"],
      passed: true,
    },
  ];
  it.each(rows)("$body, $name: passed $passed", (row) => {
    const count = countVotes({
      rule: MEETING_RULES_DEFAULT[row.body],
      members: seat(row.members, row.body === "bench" ? "resident" : "committee"),
      attended: ids(1, row.present),
      conflicted: [],
      proposerId: null,
      votes: votes(row.choices),
    });
    expect(count.quorum).toBe(true);
    expect(count.passed).toBe(row.passed);
  });
});

describe("who counts", () => {
  const base = { members: seat(5), attended: ids(1, 5), proposerId: 5 };

  it("a declared conflict is excluded from the eligible and its vote ignored", () => {
    const count = countVotes({
      ...base,
      rule: MEETING_RULES_DEFAULT.twoCommittees,
      conflicted: [1, 2],
      votes: votes(["for", "for", "for", "against", "against"]),
    });
    expect(count).toMatchObject({ for: 1, against: 2, excluded: 2, eligible: 3, members: 5, present: 5 });
    expect(count.passed).toBe(false);
  });

  it("the proposer is excluded only when the body's rule says so", () => {
    const choices: VoteChoice[] = ["for", "for", "against", "against", "for"];
    const kept = countVotes({
      ...base,
      rule: MEETING_RULES_DEFAULT.twoCommittees,
      conflicted: [],
      votes: votes(choices),
    });
    expect(kept).toMatchObject({ for: 3, excluded: 0, passed: true });
    const rule = { ...MEETING_RULES_DEFAULT.twoCommittees, proposerExcluded: true };
    expect(countVotes({ ...base, rule, conflicted: [], votes: votes(choices) })).toMatchObject({
      for: 2,
      against: 2,
      excluded: 1,
      eligible: 4,
      passed: false,
    });
  });

  it("a vote from someone absent or not a member is not counted", () => {
    const count = countVotes({
      rule: MEETING_RULES_DEFAULT.twoCommittees,
      members: seat(3),
      attended: [1, 2],
      conflicted: [],
      proposerId: null,
      votes: [...votes(["for", "for", "for"]), { userId: 99, choice: "for" }],
    });
    expect(count).toMatchObject({ for: 2, notVoted: 0, present: 2 });
  });

  it("a quorum present with nobody voting decides nothing", () => {
    const count = countVotes({ ...base, rule: MEETING_RULES_DEFAULT.twoCommittees, conflicted: [], votes: [] });
    expect(count).toMatchObject({ quorum: true, present: 5, notVoted: 5, passed: null });
  });

  it("with everyone excluded nothing is decided", () => {
    const count = countVotes({
      rule: { ...MEETING_RULES_DEFAULT.twoCommittees, majority: { numerator: 0, denominator: 1, strict: true } },
      members: seat(2),
      attended: [1, 2],
      conflicted: [1, 2],
      proposerId: null,
      votes: [],
    });
    expect(count).toMatchObject({ quorum: true, eligible: 0, passed: null });
  });
});

describe("a community's own rule", () => {
  const good = MEETING_RULES_DEFAULT.residentReps;
  it.each([
    ["the defaults", good, true],
    ["more than all present", { ...good, quorum: { numerator: 1, denominator: 1, strict: true } }, false],
    ["a zero denominator", { ...good, quorum: { numerator: 0, denominator: 0, strict: false } }, false],
    ["a share over one", { ...good, majority: { numerator: 3, denominator: 2, strict: false } }, false],
    ["a majority needing no vote", { ...good, majority: { numerator: 0, denominator: 2, strict: false } }, false],
    ["a fractional numerator", { ...good, quorum: { numerator: 1.5, denominator: 3, strict: false } }, false],
    ["a negative minimum", { ...good, quorumMin: -1 }, false],
    ["unanimity", { ...good, majority: { numerator: 1, denominator: 1, strict: false } }, true],
  ] as [string, MeetingRule, boolean][])("%s: valid %s", (_, rule, valid) => {
    expect(checkMeetingRule(rule).ok).toBe(valid);
  });
});

describe("voting, replying and moving a meeting", () => {
  const open = { invited: true, status: "open" as MeetingStatus, counted: false, attended: true, conflicted: false };
  it.each([
    [open, "ok"],
    [{ ...open, invited: false, status: "closed" }, "not_invited"],
    [{ ...open, status: "planned" }, "meeting_not_open"],
    [{ ...open, counted: true, attended: false }, "already_counted"],
    [{ ...open, attended: false, conflicted: true }, "not_checked_in"],
    [{ ...open, conflicted: true }, "conflict_declared"],
  ] as [Parameters<typeof decideMeetingVote>[0], string][])("%j → %s", (input, expected) => {
    const decided = decideMeetingVote(input);
    expect(decided.ok ? "ok" : decided.reason).toBe(expected);
  });

  it.each([
    ["planned", "open", "open"],
    ["open", "close", "closed"],
    ["planned", "cancel", "cancelled"],
    ["planned", "close", "not_allowed_in_state"],
    ["open", "cancel", "not_allowed_in_state"],
    ["closed", "open", "not_allowed_in_state"],
    ["cancelled", "open", "not_allowed_in_state"],
  ] as [MeetingStatus, MeetingAction, string][])("%s + %s → %s", (status, action, expected) => {
    const moved = decideMeetingMove(status, action);
    expect(moved.ok ? moved.to : moved.reason).toBe(expected);
  });

  const absent = { attendedAt: null };
  const present = { attendedAt: 1 };
  it.each([
    ["an invitee", absent, "planned", "decline", "ok"],
    ["an invitee", absent, "open", "attend", "ok"],
    ["an invitee not yet present", absent, "open", "decline", "ok"],
    ["an invitee already present", present, "open", "decline", "already_present"],
    ["an invitee already present", present, "open", "attend", "ok"],
    ["an invitee", absent, "closed", "attend", "not_allowed_in_state"],
    ["someone not invited", null, "planned", "attend", "not_invited"],
  ] as const)("%s (%j), %s meeting, replies %s → %s", (_who, invitation, status, reply, expected) => {
    const decided = decideReply(invitation, status, reply);
    expect(decided.ok ? "ok" : decided.reason).toBe(expected);
  });
});

describe("a new meeting", () => {
  const topics: AgendaTopic[] = [
    { id: 1, communityId: 1, status: "deliberating", awaiting: ["partyMembers"] },
    { id: 2, communityId: 2, status: "deliberating", awaiting: [] },
    { id: 3, communityId: 1, status: "proposed", awaiting: [] },
    { id: 4, communityId: 1, status: "deliberating", awaiting: ["twoCommittees"] },
  ];
  const base = { communityId: 1, body: "twoCommittees" as MeetingBody, building: null, topicIds: [1], topics };
  it.each([
    ["a deliberating topic of the community", base, "ok"],
    ["a bench meeting without a building", { ...base, body: "bench" }, "building_required"],
    ["a building not found", { ...base, body: "bench", building: undefined }, "not_found"],
    ["another community's building", { ...base, body: "bench", building: { communityId: 2 } }, "wrong_community"],
    ["a topic not found", { ...base, topicIds: [1, 9] }, "not_found"],
    ["another community's topic", { ...base, topicIds: [2] }, "wrong_community"],
    ["a topic not in deliberation", { ...base, topicIds: [3] }, "topic_not_deliberating"],
    ["a topic another meeting of the body has yet to decide", { ...base, topicIds: [1, 4] }, "topic_on_agenda"],
  ] as [string, Parameters<typeof decideNewMeeting>[0], string][])("%s → %s", (_, input, expected) => {
    const decided = decideNewMeeting(input);
    expect(decided.ok ? "ok" : decided.reason).toBe(expected);
  });
});
