import { describe, expect, it } from "vitest";
import {
  BUILT_IN_SCHEMES,
  checkCyclePlan,
  checkScheme,
  cycleActions,
  decideAnswer,
  decideCycleTransition,
  decideDecision,
  decideNomination,
  decideObjection,
  decideVote,
  decisionHolds,
  isFullHonour,
  meetsRule,
  noticeEndsAt,
  periodRange,
  reviewStanding,
  tally,
  type CycleAction,
  type CycleFacts,
  type CycleStatus,
  type Evidence,
} from "./rating";
import { STAR_THRESHOLDS_HOURS, starLevel } from "./volunteer";
import { must } from "./result";

const sh = (iso: string) => Date.parse(`${iso}+08:00`);
const ready: CycleFacts = { undecided: 0, openObjections: 0, noticeEndsAt: null, entries: 2, publishOn: null };

describe("the cycle state machine", () => {
  const rows: {
    from: CycleStatus;
    action: CycleAction;
    facts?: Partial<CycleFacts>;
    now?: string;
    expected: string;
  }[] = [
    { from: "draft", action: "open", expected: "nominating" },
    { from: "nominating", action: "closeNominations", expected: "reviewing" },
    { from: "reviewing", action: "startNotice", expected: "notice" },
    {
      from: "notice",
      action: "publish",
      facts: { noticeEndsAt: sh("2026-12-07T00:00:00") },
      now: "2026-12-07T00:00:00",
      expected: "published",
    },
    { from: "draft", action: "cancel", expected: "cancelled" },
    { from: "notice", action: "cancel", expected: "cancelled" },
    // out of order
    { from: "draft", action: "closeNominations", expected: "not_allowed_in_state" },
    { from: "draft", action: "startNotice", expected: "not_allowed_in_state" },
    { from: "draft", action: "publish", expected: "not_allowed_in_state" },
    { from: "nominating", action: "open", expected: "not_allowed_in_state" },
    { from: "nominating", action: "publish", expected: "not_allowed_in_state" },
    { from: "reviewing", action: "publish", expected: "not_allowed_in_state" },
    { from: "published", action: "cancel", expected: "not_allowed_in_state" },
    { from: "published", action: "open", expected: "not_allowed_in_state" },
    { from: "cancelled", action: "open", expected: "not_allowed_in_state" },
    // what the move needs
    { from: "reviewing", action: "startNotice", facts: { undecided: 1 }, expected: "undecided_candidates" },
    { from: "reviewing", action: "startNotice", facts: { entries: 0 }, expected: "no_entries" },
    {
      from: "notice",
      action: "publish",
      facts: { noticeEndsAt: sh("2026-12-07T00:00:00") },
      now: "2026-12-06T23:59:59",
      expected: "notice_running",
    },
    {
      from: "notice",
      action: "publish",
      facts: { noticeEndsAt: sh("2026-12-01T00:00:00"), openObjections: 1 },
      now: "2026-12-07T00:00:00",
      expected: "objections_open",
    },
    {
      from: "notice",
      action: "publish",
      facts: { noticeEndsAt: sh("2026-12-01T00:00:00"), publishOn: sh("2026-12-10T00:00:00") },
      now: "2026-12-09T23:59:59",
      expected: "before_publication_date",
    },
    {
      from: "notice",
      action: "publish",
      facts: { noticeEndsAt: sh("2026-12-01T00:00:00"), publishOn: sh("2026-12-10T00:00:00") },
      now: "2026-12-10T00:00:00",
      expected: "published",
    },
  ];
  it.each(rows)("$action from $from → $expected", ({ from, action, facts, now, expected }) => {
    const result = decideCycleTransition(from, action, { ...ready, ...facts }, sh(now ?? "2026-12-01T10:00:00"));
    expect(result.ok ? result.status : result.reason).toBe(expected);
  });
});

describe("the notice period in working days (Asia/Shanghai)", () => {
  it.each([
    { start: "2026-11-30T10:00:00", days: 5, end: "2026-12-05T00:00:00", case: "Monday: through Friday" },
    {
      start: "2026-12-03T10:00:00",
      days: 5,
      end: "2026-12-10T00:00:00",
      case: "Thursday: over the weekend to Wednesday",
    },
    { start: "2026-12-05T10:00:00", days: 5, end: "2026-12-12T00:00:00", case: "Saturday: Monday to Friday" },
    { start: "2026-12-06T23:59:00", days: 1, end: "2026-12-08T00:00:00", case: "Sunday night, one day: Monday" },
    { start: "2026-12-04T23:30:00", days: 1, end: "2026-12-05T00:00:00", case: "late Friday counts Friday" },
    { start: "2026-12-01T09:00:00", days: 10, end: "2026-12-15T00:00:00", case: "ten days span two weekends" },
  ])("$case", ({ start, days, end }) => {
    expect(noticeEndsAt(sh(start), days)).toBe(sh(end));
  });
});

describe("tallying votes", () => {
  const members = [1, 2, 3, 4];
  const stars = ["a", "b"];
  it("counts against every eligible member; excluded members' votes do not count; not voting is not a yes", () => {
    const votes = [
      { memberId: 1, starKey: "a", award: true },
      { memberId: 2, starKey: "a", award: true },
      { memberId: 3, starKey: "a", award: true }, // 3 declared a conflict
      { memberId: 1, starKey: "b", award: true },
      { memberId: 2, starKey: "b", award: false },
    ];
    const [a, b] = tally(votes, members, new Set([3]), stars, "majority");
    expect(a).toEqual({ starKey: "a", yes: 2, no: 0, notVoted: 1, eligible: 3, excluded: 1, awarded: true });
    expect(b).toEqual({ starKey: "b", yes: 1, no: 1, notVoted: 1, eligible: 3, excluded: 1, awarded: false });
  });

  it.each([
    { rule: "majority" as const, yes: 2, eligible: 4, awarded: false },
    { rule: "majority" as const, yes: 3, eligible: 4, awarded: true },
    { rule: "twoThirds" as const, yes: 2, eligible: 3, awarded: true },
    { rule: "twoThirds" as const, yes: 5, eligible: 8, awarded: false },
    { rule: "unanimous" as const, yes: 3, eligible: 3, awarded: true },
    { rule: "unanimous" as const, yes: 2, eligible: 3, awarded: false },
  ])("$rule: $yes of $eligible → $awarded", ({ rule, yes, eligible, awarded }) => {
    const people = Array.from({ length: eligible }, (_, i) => i + 1);
    const votes = people.slice(0, yes).map((memberId) => ({ memberId, starKey: "a", award: true }));
    expect(must(tally(votes, people, new Set(), ["a"], rule)[0]).awarded).toBe(awarded);
  });

  it("awards nothing when every member is excluded", () => {
    expect(
      must(tally([{ memberId: 1, starKey: "a", award: true }], [1], new Set([1]), ["a"], "unanimous")[0]).awarded,
    ).toBe(false);
  });
});

describe("the committee's decision follows its vote", () => {
  const stars = ["a", "b"];
  const both = (memberId: number, a: boolean, b: boolean) => [
    { memberId, starKey: "a", award: a },
    { memberId, starKey: "b", award: b },
  ];
  it.each([
    {
      case: "nobody voted",
      rule: "majority" as const,
      votes: [],
      excluded: [],
      scored: false,
      carried: [],
      waitingFor: [1, 2, 3],
    },
    {
      case: "one of three voted (a lone member)",
      rule: "majority" as const,
      votes: both(1, true, true),
      excluded: [],
      scored: false,
      carried: [],
      waitingFor: [2, 3],
    },
    {
      case: "two of three voted, agreeing on a",
      rule: "majority" as const,
      votes: [...both(1, true, false), ...both(2, true, false)],
      excluded: [],
      scored: true,
      carried: ["a"],
      waitingFor: [3],
    },
    {
      case: "two of three scored only star a",
      rule: "majority" as const,
      votes: [must(both(1, true, true)[0]), must(both(2, true, true)[0])],
      excluded: [],
      scored: false,
      carried: ["a"],
      waitingFor: [1, 2, 3],
    },
    {
      case: "two of three under two thirds",
      rule: "twoThirds" as const,
      votes: [...both(1, true, true), ...both(2, true, false)],
      excluded: [],
      scored: true,
      carried: ["a"],
      waitingFor: [3],
    },
    {
      case: "two of three when unanimity is the rule",
      rule: "unanimous" as const,
      votes: [...both(1, true, true), ...both(2, true, true)],
      excluded: [],
      scored: false,
      carried: [],
      waitingFor: [3],
    },
    {
      case: "the one who has not voted declared a conflict",
      rule: "unanimous" as const,
      votes: [...both(1, true, true), ...both(2, true, true)],
      excluded: [3],
      scored: true,
      carried: ["a", "b"],
      waitingFor: [],
    },
    {
      case: "an excluded member's vote does not make the quorum",
      rule: "majority" as const,
      votes: [...both(1, true, true), ...both(3, true, true)],
      excluded: [3],
      scored: false,
      carried: [],
      waitingFor: [2],
    },
    {
      case: "every member excluded: nothing can be carried",
      rule: "majority" as const,
      votes: [],
      excluded: [1, 2, 3],
      scored: true,
      carried: [],
      waitingFor: [],
    },
  ])("$case ($rule) → scored $scored, carried $carried", ({ rule, votes, excluded, scored, carried, waitingFor }) => {
    expect(reviewStanding(votes, [1, 2, 3], new Set(excluded), stars, rule)).toEqual({ scored, carried, waitingFor });
  });

  const scoredAB = { scored: true, carried: ["a"], waitingFor: [3] };
  it.each([
    { case: "the carried star", over: {}, expected: "ok" },
    { case: "fewer stars than carried, with the reason", over: { proposed: [] }, expected: "ok" },
    { case: "outside review", over: { status: "notice" as const }, expected: "not_reviewing" },
    { case: "a star the scheme lacks", over: { proposed: ["z"] }, expected: "unknown_star" },
    {
      case: "before enough members voted",
      over: { standing: { scored: false, carried: [], waitingFor: [2, 3] } },
      expected: "votes_missing",
    },
    { case: "a star the vote did not carry", over: { proposed: ["a", "b"] }, expected: "star_not_carried" },
  ])("recording $case → $expected", ({ over, expected }) => {
    const r = decideDecision({ status: "reviewing", standing: scoredAB, proposed: ["a"], starKeys: stars, ...over });
    expect(r.ok ? "ok" : r.reason).toBe(expected);
  });

  it.each([
    { case: "no decision", decided: null, standing: scoredAB, holds: false },
    { case: "a decision within what was carried", decided: ["a"], standing: scoredAB, holds: true },
    {
      case: "votes changed after the decision: a star no longer carried",
      decided: ["a"],
      standing: { scored: true, carried: [], waitingFor: [] },
      holds: false,
    },
    {
      case: "a conflict declared after the decision broke the quorum",
      decided: [],
      standing: { scored: false, carried: [], waitingFor: [2] },
      holds: false,
    },
  ])("a decision holds at the notice: $case → $holds", ({ decided, standing, holds }) => {
    expect(decisionHolds(standing, decided)).toBe(holds);
  });

  it("offers 开始公示 only when every candidate has a decision that holds and someone is proposed", () => {
    expect(cycleActions("reviewing", { undecided: 0, entries: 1 })).toEqual(["startNotice", "cancel"]);
    expect(cycleActions("reviewing", { undecided: 1, entries: 1 })).toEqual(["cancel"]);
    expect(cycleActions("reviewing", { undecided: 0, entries: 0 })).toEqual(["cancel"]);
    expect(cycleActions("notice", { undecided: 1, entries: 0 })).toEqual(["publish", "cancel"]);
  });
});

describe("nominations, votes, objections", () => {
  type Input = Parameters<typeof decideNomination>[0];
  const base: Input = {
    status: "nominating",
    now: sh("2026-12-01T10:00:00"),
    nominationEndsAt: sh("2026-12-10T00:00:00"),
    route: "self",
    allowedRoutes: ["self"],
    starKeys: ["a", "b"],
    statements: { a: " 常年照顾老人 ", b: "" },
    alreadyNominated: false,
  };
  it.each([
    { case: "a statement for one star", over: {}, expected: "ok" },
    { case: "after the window", over: { now: sh("2026-12-10T00:00:00") }, expected: "nominations_closed" },
    { case: "in review", over: { status: "reviewing" as const }, expected: "nominations_closed" },
    {
      case: "a route the nominator does not hold",
      over: { route: "gridWorker" as const },
      expected: "route_not_allowed",
    },
    { case: "a star the scheme lacks", over: { statements: { z: "x" } }, expected: "unknown_star" },
    { case: "no statement at all", over: { statements: { a: "  " } }, expected: "statement_missing" },
    { case: "a second nomination", over: { alreadyNominated: true }, expected: "already_nominated" },
  ])("$case → $expected", ({ over, expected }) => {
    const r = decideNomination({ ...base, ...(over as Partial<Input>) });
    expect(r.ok ? "ok" : r.reason).toBe(expected);
    if (r.ok) expect(r.statements).toEqual({ a: "常年照顾老人" });
  });

  it.each([
    { over: {}, expected: "ok" },
    { over: { status: "nominating" as const }, expected: "not_reviewing" },
    { over: { isMember: false }, expected: "not_committee" },
    { over: { ownSubject: true }, expected: "conflict_of_interest" },
    { over: { votedStars: ["z"] }, expected: "unknown_star" },
  ])("a vote $over → $expected", ({ over, expected }) => {
    const r = decideVote({
      status: "reviewing",
      isMember: true,
      ownSubject: false,
      starKeys: ["a"],
      votedStars: ["a"],
      ...over,
    });
    expect(r.ok ? "ok" : r.reason).toBe(expected);
  });

  it.each([
    { over: {}, expected: "ok" },
    { over: { status: "published" as const }, expected: "not_in_notice" },
    { over: { onNotice: false }, expected: "not_on_notice" },
    { over: { now: sh("2026-12-08T00:00:00") }, expected: "notice_over" },
    { over: { alreadyObjected: true }, expected: "already_objected" },
    { over: { ownEntry: true }, expected: "own_entry" },
    { over: { ownEntry: true, now: sh("2026-12-08T00:00:00") }, expected: "notice_over" },
    { over: { alreadyObjected: true, onNotice: false }, expected: "not_on_notice" },
  ])("an objection $over → $expected", ({ over, expected }) => {
    const r = decideObjection({
      status: "notice",
      onNotice: true,
      entryNoticeEndsAt: sh("2026-12-08T00:00:00"),
      now: sh("2026-12-07T12:00:00"),
      ownEntry: false,
      alreadyObjected: false,
      ...over,
    });
    expect(r.ok ? "ok" : r.reason).toBe(expected);
  });

  it.each([
    { outcome: "dismissed" as const, proposed: null, expected: { stars: ["a", "b"], restartNotice: false } },
    { outcome: "removed" as const, proposed: null, expected: { stars: [], restartNotice: false } },
    { outcome: "changed" as const, proposed: ["a"], expected: { stars: ["a"], restartNotice: false } },
    { outcome: "changed" as const, proposed: ["a", "c"], expected: { stars: ["a", "c"], restartNotice: true } },
  ])("answering $outcome with $proposed", ({ outcome, proposed, expected }) => {
    expect(
      decideAnswer({
        answered: false,
        status: "notice",
        outcome,
        current: ["a", "b"],
        proposed,
        starKeys: ["a", "b", "c"],
      }),
    ).toEqual({ ok: true, ...expected });
  });

  it("an objection is answered once, with stars when changed", () => {
    expect(
      decideAnswer({
        answered: true,
        status: "notice",
        outcome: "dismissed",
        current: [],
        proposed: null,
        starKeys: [],
      }),
    ).toEqual({ ok: false, reason: "already_answered" });
    expect(
      decideAnswer({
        answered: false,
        status: "notice",
        outcome: "changed",
        current: ["a"],
        proposed: [],
        starKeys: ["a"],
      }),
    ).toEqual({ ok: false, reason: "stars_required" });
  });
});

describe("schemes, periods, plans, evidence and names", () => {
  it("the built-in schemes carry the five stars each", () => {
    expect(BUILT_IN_SCHEMES.map((s) => [s.name, s.stars.map((x) => x.name)])).toEqual([
      ["五星党员", ["学习星", "团结星", "帮扶星", "关爱星", "奉献星"]],
      ["五星家庭", ["文明书香之星", "邻里和睦之星", "绿色环保之星", "热心公益之星", "孝老爱亲之星"]],
    ]);
  });

  it("a community scheme needs a name and distinct star keys", () => {
    const s = { key: "service", name: "服务之星", criteria: "", evidence: null };
    expect(checkScheme({ name: "服务之星", subjectKind: "volunteer", stars: [s] }).ok).toBe(true);
    expect(checkScheme({ name: "服务之星", subjectKind: "volunteer", stars: [s, s] }).ok).toBe(false);
    expect(checkScheme({ name: " ", subjectKind: "volunteer", stars: [s] }).ok).toBe(false);
    expect(checkScheme({ name: "x", subjectKind: "volunteer", stars: [{ ...s, key: "Bad Key" }] }).ok).toBe(false);
  });

  it("periods are years or quarters in Asia/Shanghai", () => {
    expect(periodRange("2026")).toEqual([sh("2026-01-01T00:00:00"), sh("2027-01-01T00:00:00")]);
    expect(periodRange("2026-Q4")).toEqual([sh("2026-10-01T00:00:00"), sh("2027-01-01T00:00:00")]);
    expect(periodRange("2026-Q5")).toBeNull();
    expect(
      checkCyclePlan(
        {
          periodLabel: "2026",
          nominationEndsAt: sh("2026-12-10T00:00:00"),
          reviewEndsAt: sh("2026-12-05T00:00:00"),
          noticeWorkingDays: 5,
          publishOn: null,
        },
        sh("2026-12-01T00:00:00"),
      ),
    ).toEqual({ ok: false, reason: "windows_out_of_order" });
    expect(
      checkCyclePlan(
        {
          periodLabel: "2026",
          nominationEndsAt: sh("2026-12-10T00:00:00"),
          reviewEndsAt: sh("2026-12-15T00:00:00"),
          noticeWorkingDays: 5,
          publishOn: sh("2026-12-14T00:00:00"),
        },
        sh("2026-12-01T00:00:00"),
      ),
    ).toEqual({ ok: false, reason: "windows_out_of_order" });
    expect(
      checkCyclePlan(
        {
          periodLabel: "2026",
          nominationEndsAt: sh("2026-12-10T00:00:00"),
          reviewEndsAt: sh("2026-12-15T00:00:00"),
          noticeWorkingDays: 0,
          publishOn: null,
        },
        sh("2026-12-01T00:00:00"),
      ),
    ).toEqual({ ok: false, reason: "invalid_notice_days" });
  });

  it("evidence rules say met, not met, or nothing", () => {
    const evidence: Evidence = {
      serviceMinutes: 1200,
      activities: 5,
      requestsServed: 2,
      pointsEarned: 100,
      pointsDonated: 0,
      careVisits: 6,
      averageRating: 4.5,
      teamRoles: [],
    };
    expect([
      meetsRule(evidence, { metric: "serviceMinutes", min: 1200 }),
      meetsRule(evidence, { metric: "requestsServed", min: 3 }),
      meetsRule(evidence, { metric: "careVisits", min: 6 }),
      meetsRule(evidence, null),
    ]).toEqual([true, false, true, null]);
  });

  it("an honour is full only with all of its scheme's stars", () => {
    expect([isFullHonour(["a", "b"], ["a", "b"]), isFullHonour(["a"], ["a", "b"])]).toEqual([true, false]);
  });

  it.each(
    STAR_THRESHOLDS_HOURS.flatMap((hours, i) => [
      { minutes: hours * 60 - 1, level: i },
      { minutes: hours * 60, level: i + 1 },
      { minutes: hours * 60 + 1, level: i + 1 },
    ]),
  )("星级志愿者: $minutes minutes → $level stars", ({ minutes, level }) => {
    expect(starLevel(minutes)).toBe(level);
  });
});
