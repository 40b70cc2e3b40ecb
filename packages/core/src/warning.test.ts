import { describe, expect, it } from "vitest";
import {
  FUND_WARNING_WEEKS,
  HOURS_CONFIRM_DAYS,
  isWorkingDay,
  reconcile,
  WARNING_MESSAGES_PER_RUN_MAX,
  WARNINGS_PATH,
  warningMessages,
  warningsDue,
  workingDaysAfter,
  type WarningFacts,
} from "./warning";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(`${iso}+08:00`);
const NOW = at("2026-11-27T10:00:00");

const NONE: WarningFacts = {
  communityId: 1,
  requests: [],
  objections: [],
  fund: { available: 1000, paidOutRecently: 0 },
  items: [],
  unconfirmedShifts: [],
  grids: [],
  milestones: [],
  commitments: [],
  carePlans: [],
};
const due = (facts: Partial<WarningFacts>, now = NOW) => warningsDue({ ...NONE, ...facts }, now);
const request = (over: Partial<WarningFacts["requests"][number]>) => ({
  id: 7,
  gridId: 3,
  category: "plumbing" as const,
  status: "submitted" as const,
  createdAt: NOW - 2 * HOUR,
  acceptedAt: null,
  holderUserId: null,
  ...over,
});
const milestone = (over: Partial<WarningFacts["milestones"][number]>) => ({
  id: 11,
  projectId: 5,
  projectTitle: "楼道加装扶手",
  projectStatus: "claimed" as const,
  title: "安装扶手",
  target: 4,
  progress: 1,
  dueOn: "2026-11-26" as string | null,
  holderUserIds: [8],
  ...over,
});

describe("working days", () => {
  it.each([
    ["2026-11-27", true, "a Friday"],
    ["2026-11-28", false, "a Saturday"],
    ["2026-10-01", false, "National Day"],
    ["2026-10-07", false, "the National Day holiday's last day"],
    ["2026-10-10", true, "a Saturday made a working day (调休)"],
  ])("%s is a working day: %s (%s)", (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it.each([
    // Raised on a Friday: Monday, Tuesday, Wednesday; the deadline is Wednesday's end.
    ["2026-11-27T09:00:00", "2026-12-03T00:00:00"],
    // Raised on the eve of National Day: the holiday week does not count, the make-up Saturday does.
    ["2026-09-30T15:00:00", "2026-10-11T00:00:00"],
  ])("three working days after %s end at %s", (raised, end) => {
    expect(workingDaysAfter(at(raised), 3)).toBe(at(end));
  });
});

describe("which warnings a community's facts call for", () => {
  it.each([
    ["nothing late, nothing out", {}, []],
    ["an unaccepted request within its 24 h", { requests: [request({})] }, []],
    [
      "an unaccepted request past 24 h",
      { requests: [request({ createdAt: NOW - 25 * HOUR })] },
      ["request_unaccepted"],
    ],
    [
      "a tutoring request waits 48 h to be accepted",
      { requests: [request({ category: "tutoring", createdAt: NOW - 30 * HOUR })] },
      [],
    ],
    [
      "an accepted plumbing request past its 3 days",
      { requests: [request({ status: "accepted", createdAt: NOW - 5 * DAY, acceptedAt: NOW - 4 * DAY })] },
      ["request_overdue"],
    ],
    [
      "a closed request is never late",
      { requests: [request({ status: "closed", createdAt: NOW - 9 * DAY, acceptedAt: NOW - 9 * DAY })] },
      [],
    ],
    [
      "an objection two working days old",
      { objections: [{ id: 1, cycleId: 2, cycleTitle: "2026 五星党员", createdAt: at("2026-11-24T09:00:00") }] },
      [],
    ],
    [
      "an objection three working days old",
      { objections: [{ id: 1, cycleId: 2, cycleTitle: "2026 五星党员", createdAt: at("2026-11-23T09:00:00") }] },
      ["objection_unanswered"],
    ],
    ["a fund that paid nothing lately", { fund: { available: 0, paidOutRecently: 0 } }, []],
    ["a fund that lasts 6 weeks", { fund: { available: 600, paidOutRecently: 1200 } }, []],
    ["a fund that lasts 3 weeks", { fund: { available: 300, paidOutRecently: 1200 } }, ["fund_running_out"]],
    ["an overdrawn fund", { fund: { available: -50, paidOutRecently: 1200 } }, ["fund_running_out"]],
    ["an item in stock", { items: [{ id: 4, name: "牙膏", stock: 1 }] }, []],
    ["an item out of stock", { items: [{ id: 4, name: "牙膏", stock: 0 }] }, ["item_out_of_stock"]],
    [
      "hours waiting six days",
      {
        unconfirmedShifts: [
          { shiftId: 9, activityId: 5, title: "敬老", organiserUserId: 2, endsAt: NOW - 6 * DAY, waiting: 2 },
        ],
      },
      [],
    ],
    [
      "hours waiting eight days",
      {
        unconfirmedShifts: [
          { shiftId: 9, activityId: 5, title: "敬老", organiserUserId: 2, endsAt: NOW - 8 * DAY, waiting: 2 },
        ],
      },
      ["hours_unconfirmed"],
    ],
    ["a grid with an active volunteer", { grids: [{ id: 3, name: "一网格", activeVolunteers: 1 }] }, []],
    ["a grid with none", { grids: [{ id: 3, name: "一网格", activeVolunteers: 0 }] }, ["grid_without_volunteer"]],
    ["a milestone past its due day", { milestones: [milestone({})] }, ["milestone_late"]],
    ["a milestone due today is not late yet", { milestones: [milestone({ dueOn: "2026-11-27" })] }, []],
    ["a milestone reached is never late", { milestones: [milestone({ progress: 4 })] }, []],
    ["a milestone with no due day", { milestones: [milestone({ dueOn: null })] }, []],
    [
      "a milestone of an open project past its day",
      { milestones: [milestone({ projectStatus: "open" })] },
      ["milestone_late"],
    ],
    ["a milestone of a completed project", { milestones: [milestone({ projectStatus: "completed" })] }, []],
    ["a milestone of a cancelled project", { milestones: [milestone({ projectStatus: "cancelled" })] }, []],
  ] as [string, Partial<WarningFacts>, string[]][])("%s", (_, facts, kinds) => {
    expect(due(facts).map((w) => w.kind)).toEqual(kinds);
  });

  it("names the subject, the grid, the page and the holder to tell of a late request", () => {
    const [late] = due({ requests: [request({ status: "claimed", createdAt: NOW - 30 * HOUR, holderUserId: 6 })] });
    expect(late).toEqual({
      kind: "request_unaccepted",
      subject: "request:7",
      gridId: 3,
      params: { requestId: 7, category: "plumbing" },
      path: "/requests/7",
      alsoTell: [6],
    });
  });

  it("gives the fund's weeks left and the limits in the reason's words", () => {
    const [fund] = due({ fund: { available: 300, paidOutRecently: 1200 } });
    expect(fund?.params).toEqual({ weeks: 3, available: 300 });
    expect(FUND_WARNING_WEEKS).toBe(4);
    const [hours] = due({
      unconfirmedShifts: [
        { shiftId: 9, activityId: 5, title: "敬老", organiserUserId: 2, endsAt: at("2026-11-18T12:00:00"), waiting: 2 },
      ],
    });
    expect(hours).toMatchObject({ subject: "shift:9", path: "/organise/5", alsoTell: [2] });
    expect(hours?.params).toEqual({ title: "敬老", date: "2026-11-18", waiting: 2, days: HOURS_CONFIRM_DAYS });
  });
});

describe("late milestones", () => {
  it("names the milestone, links the project list of the community and tells the holder's leaders", () => {
    expect(due({ communityId: 2, milestones: [milestone({})] })).toEqual([
      {
        kind: "milestone_late",
        subject: "milestone:11",
        gridId: null,
        params: { projectTitle: "楼道加装扶手", title: "安装扶手", dueOn: "2026-11-26", progress: 1, target: 4 },
        path: "/projects/2",
        alsoTell: [8],
      },
    ]);
  });

  it("reads the due day in Shanghai: past midnight there, yesterday's milestone is late", () => {
    // 2026-11-26T16:30Z is 00:30 on the 27th in Shanghai.
    const justAfter = Date.parse("2026-11-26T16:30:00Z");
    expect(due({ milestones: [milestone({})] }, justAfter)).toHaveLength(1);
    expect(due({ milestones: [milestone({})] }, justAfter - HOUR)).toEqual([]);
  });
});

describe("commitments due or overdue (承诺践诺)", () => {
  const commitment = (dueOn: string) => ({ id: 21, what: "为独居老人每周上门一次", dueOn, committerUserIds: [6] });
  it.each([
    ["due in 8 days", "2026-12-05", []],
    ["due in 7 days", "2026-12-04", ["commitment_due"]],
    ["due today", "2026-11-27", ["commitment_due"]],
    ["due yesterday", "2026-11-26", ["commitment_overdue"]],
  ] as [string, string, string[]][])("a commitment %s", (_, dueOn, kinds) => {
    expect(due({ commitments: [commitment(dueOn)] }).map((w) => w.kind)).toEqual(kinds);
  });

  it("names the commitment, links the community's commitments and tells the committer", () => {
    expect(due({ communityId: 2, commitments: [commitment("2026-11-20")] })).toEqual([
      {
        kind: "commitment_overdue",
        subject: "commitment:21",
        gridId: null,
        params: { what: "为独居老人每周上门一次", dueOn: "2026-11-20" },
        path: "/commitments/2",
        alsoTell: [6],
      },
    ]);
  });

  it("turns due soon into overdue as one subject: the first clears and the second opens", () => {
    const soon = due({ commitments: [commitment("2026-11-27")] });
    const late = due({ commitments: [commitment("2026-11-27")] }, NOW + DAY);
    expect(late.map((w) => w.kind)).toEqual(["commitment_overdue"]);
    expect(reconcile([{ id: 1, kind: "commitment_due", subject: "commitment:21" }], late)).toEqual({
      open: late,
      clear: [1],
    });
    expect(soon.map((w) => w.kind)).toEqual(["commitment_due"]);
  });
});

describe("missed care visits (民情账)", () => {
  const plan = (level: "weekly" | "monthly", lastVisitedOn: string | null, since = "2026-10-01") => ({
    householdId: 4,
    gridId: 3,
    label: "和平花园 2栋 1单元101",
    plan: { level, lastVisitedOn, since },
  });
  it.each([
    ["weekly, due Friday 11-20, three working days past", plan("weekly", "2026-11-13"), ["visit_missed"]],
    [
      "weekly, due Monday 11-23, its third working day after ended last midnight",
      plan("weekly", "2026-11-16"),
      ["visit_missed"],
    ],
    ["weekly, due Tuesday 11-24, still within three working days", plan("weekly", "2026-11-17"), []],
    ["weekly, due today", plan("weekly", "2026-11-20"), []],
    ["monthly, never visited, due 30 days after the plan began", plan("monthly", null, "2026-11-01"), []],
    ["monthly, never visited, the plan began two months ago", plan("monthly", null, "2026-09-20"), ["visit_missed"]],
  ] as [string, WarningFacts["carePlans"][number], string[]][])("a visit %s", (_, p, kinds) => {
    expect(due({ carePlans: [p] }).map((w) => w.kind)).toEqual(kinds);
  });

  it("goes to the grid's worker, names only the door and the due day, and links the household's care page", () => {
    expect(due({ carePlans: [plan("weekly", "2026-11-13")] })).toEqual([
      {
        kind: "visit_missed",
        subject: "household:4",
        gridId: 3,
        params: { label: "和平花园 2栋 1单元101", dueOn: "2026-11-20" },
        path: "/households/4/care",
        alsoTell: [],
      },
    ]);
  });

  it("counts holidays off and make-up days on: a visit due on the eve of National Day is missed only after them", () => {
    // Due Wednesday 2026-09-30; 10-01 to 10-07 are off, so the grace is 10-08, 10-09 and Saturday 10-10 (a make-up day).
    const eve = [plan("weekly", "2026-09-23")];
    expect(due({ carePlans: eve }, at("2026-10-08T10:00:00"))).toEqual([]);
    expect(due({ carePlans: eve }, at("2026-10-10T23:00:00"))).toEqual([]);
    expect(due({ carePlans: eve }, at("2026-10-11T00:00:00")).map((w) => w.kind)).toEqual(["visit_missed"]);
  });

  it("clears when a visit is recorded: the plan's next due day moves on", () => {
    const missed = due({ carePlans: [plan("weekly", "2026-11-13")] });
    const visited = due({ carePlans: [plan("weekly", "2026-11-26")] });
    expect(reconcile([{ id: 9, kind: "visit_missed", subject: "household:4" }], visited)).toEqual({
      open: [],
      clear: [9],
    });
    expect(missed).toHaveLength(1);
  });
});

describe("reconciling open warnings with the facts", () => {
  const [late] = due({ requests: [request({ createdAt: NOW - 25 * HOUR })] });
  const [empty] = due({ items: [{ id: 4, name: "牙膏", stock: 0 }] });
  const lateWarning = late as NonNullable<typeof late>;
  const emptyWarning = empty as NonNullable<typeof empty>;

  it.each([
    ["opens what is due and not open", [], [lateWarning], ["request:7"], []],
    [
      "keeps what is open and still due, opening nothing twice",
      [{ id: 1, kind: "request_unaccepted", subject: "request:7" }],
      [lateWarning],
      [],
      [],
    ],
    [
      "clears what is open and no longer due",
      [{ id: 1, kind: "request_unaccepted", subject: "request:7" }],
      [emptyWarning],
      ["item:4"],
      [1],
    ],
    [
      "the same subject under another kind is another warning",
      [{ id: 1, kind: "request_overdue", subject: "request:7" }],
      [lateWarning],
      ["request:7"],
      [1],
    ],
    ["a fact found twice opens once", [], [lateWarning, lateWarning], ["request:7"], []],
  ] as const)("%s", (_, open, dueNow, opened, cleared) => {
    const result = reconcile(open, dueNow);
    expect(result.open.map((w) => w.subject)).toEqual(opened);
    expect(result.clear).toEqual(cleared);
  });
});

describe("what readers are told of the warnings one run opened", () => {
  const news = (warningId: number, kind: "request_unaccepted" | "item_out_of_stock" = "request_unaccepted") => ({
    warningId,
    kind,
    params: {},
    path: `/requests/${warningId}`,
  });
  const limit = WARNING_MESSAGES_PER_RUN_MAX;

  it("one in charge of up to the limit of new warnings gets a message for each, named twice or not", () => {
    const opened = Array.from({ length: limit }, (_, i) => ({ news: news(i + 1), inCharge: [8, 8], alsoTell: [] }));
    const told = warningMessages(opened);
    expect(told.map((m) => [m.userId, m.kind])).toEqual(opened.map(() => [8, "warning_opened"]));
    expect(told.map((m) => m.payload)).toEqual(opened.map((o) => o.news));
  });

  it("one in charge of one more than the limit gets one message counting them by kind, another still each of hers", () => {
    const many = Array.from({ length: limit + 1 }, (_, i) =>
      news(i + 1, i === 0 ? "item_out_of_stock" : "request_unaccepted"),
    );
    const told = warningMessages([
      ...many.map((n) => ({ news: n, inCharge: [8], alsoTell: [] })),
      { news: news(99), inCharge: [9], alsoTell: [] },
    ]);
    expect(told).toEqual([
      {
        userId: 8,
        kind: "warnings_opened",
        payload: {
          count: limit + 1,
          kinds: { item_out_of_stock: 1, request_unaccepted: limit },
          path: WARNINGS_PATH,
        },
      },
      { userId: 9, kind: "warning_opened", payload: news(99) },
    ]);
  });

  it("a holder told besides those in charge gets each of her warnings with its own page, however many, and once if also in charge", () => {
    const mine = Array.from({ length: limit + 2 }, (_, i) => news(i + 1));
    const told = warningMessages(mine.map((n) => ({ news: n, inCharge: [8], alsoTell: [6, 8] })));
    expect(told.filter((m) => m.userId === 6)).toEqual(
      mine.map((payload) => ({ userId: 6, kind: "warning_opened", payload })),
    );
    expect(told.filter((m) => m.userId === 8).map((m) => m.kind)).toEqual(["warnings_opened"]);
  });

  it("a run that opened nothing tells nobody", () => {
    expect(warningMessages([])).toEqual([]);
  });
});
