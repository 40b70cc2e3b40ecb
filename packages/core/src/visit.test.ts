import { describe, expect, it } from "vitest";
import type { Consent } from "./care";
import { DAILY_MINUTES_MAX } from "./hours";
import type { Pairing } from "./pairing";
import {
  VISIT_GRACE_WORKING_DAYS,
  VISIT_MINUTES_DEFAULT,
  VISIT_MINUTES_MAX,
  campaignProgress,
  campaignRunning,
  campaignTargets,
  decideCampaign,
  decideCampaignVisit,
  decideVisit,
  decideVisitConfirm,
  missedVisits,
  nextVisitOn,
  visitDue,
  visitMissed,
  visitsDue,
  type VisitInput,
  type VisitPlan,
} from "./visit";

/** An instant given as Shanghai wall time. */
const at = (local: string) => Date.parse(`${local}+08:00`);

const consent: Consent = { givenBy: "self", givenByName: "张桂兰", givenAt: 0, photos: false, withdrawnAt: null };
const pairing: Pairing = { startedAt: at("2026-11-01T10:00:00"), endedAt: null };
const visit: VisitInput = {
  visitedOn: "2026-11-20",
  mode: "inPerson",
  wellbeing: "fair",
  needs: "助行器坏了",
  photo: false,
};

type Case = { visit?: Partial<VisitInput>; gridWorker?: boolean; pairing?: Pairing | null; consent?: Consent | null };

describe("recording a visit", () => {
  it.each([
    ["a paired visitor, today", {}, null],
    ["a paired visitor, on the day the pairing began", { visit: { visitedOn: "2026-11-01" } }, null],
    ["a paired visitor, the day before the pairing began", { visit: { visitedOn: "2026-10-31" } }, "before_pairing"],
    ["a paired visitor, tomorrow", { visit: { visitedOn: "2026-11-21" } }, "visit_in_future"],
    ["a visitor whose pairing ended", { pairing: { ...pairing, endedAt: at("2026-11-10T09:00:00") } }, "not_paired"],
    ["someone never paired", { pairing: null }, "not_paired"],
    ["a paired visitor once consent was withdrawn", { consent: { ...consent, withdrawnAt: 5 } }, "no_consent"],
    ["a paired visitor before any consent", { consent: null }, "no_consent"],
    ["a paired visitor with a photo, no photo consent", { visit: { photo: true } }, "no_photo_consent"],
    [
      "a paired visitor with a photo and photo consent",
      { visit: { photo: true }, consent: { ...consent, photos: true } },
      null,
    ],
    ["the grid's worker, unpaired", { gridWorker: true, pairing: null }, null],
    ["the grid's worker, without consent", { gridWorker: true, pairing: null, consent: null }, null],
    [
      "the grid's worker, before anyone was paired",
      { gridWorker: true, pairing: null, visit: { visitedOn: "2026-10-01" } },
      null,
    ],
    ["the grid's worker, tomorrow", { gridWorker: true, visit: { visitedOn: "2026-11-21" } }, "visit_in_future"],
    [
      "the grid's worker with a photo, no consent",
      { gridWorker: true, consent: null, visit: { photo: true } },
      "no_photo_consent",
    ],
    ["by phone, the person urgent", { visit: { mode: "phone", wellbeing: "urgent" } }, null],
  ] as [string, Case, string | null][])("%s", (_, c, reason) => {
    const decided = decideVisit({
      visit: { ...visit, ...c.visit },
      gridWorker: c.gridWorker ?? false,
      pairing: c.pairing === undefined ? pairing : c.pairing,
      profile: { consent: c.consent === undefined ? consent : c.consent },
      today: "2026-11-20",
    });
    expect(decided).toEqual(reason ? { ok: false, reason } : { ok: true });
  });
});

describe("a visit plan", () => {
  it.each([
    ["weekly", "2026-11-10", "2026-11-17"],
    ["fortnightly", "2026-11-10", "2026-11-24"],
    ["monthly", "2026-01-31", "2026-03-02"],
    ["weekly", "2026-12-29", "2027-01-05"],
    ["fortnightly", null, "2026-11-15"],
  ] as [VisitPlan["level"], string | null, string][])(
    "%s, last visited %s: due on %s",
    (level, lastVisitedOn, dueOn) => {
      expect(nextVisitOn({ level, lastVisitedOn, since: "2026-11-01" })).toBe(dueOn);
    },
  );

  const plan: VisitPlan = { level: "weekly", lastVisitedOn: "2026-11-10", since: "2026-11-01" };
  it.each([
    ["2026-11-14", "ok"],
    ["2026-11-15", "dueSoon"],
    ["2026-11-17", "dueSoon"],
    ["2026-11-18", "overdue"],
    ["2026-12-31", "overdue"],
  ])("due on 2026-11-17, on %s it is %s", (today, due) => {
    expect(visitDue(plan, today)).toBe(due);
  });
});

describe("the visitor's list", () => {
  it("shows the households due soon or overdue, the longest overdue first", () => {
    const households = [
      { householdId: 1, plan: { level: "weekly" as const, lastVisitedOn: "2026-11-12", since: "2026-11-01" } },
      { householdId: 2, plan: { level: "monthly" as const, lastVisitedOn: "2026-10-01", since: "2026-09-01" } },
      { householdId: 3, plan: { level: "weekly" as const, lastVisitedOn: "2026-11-19", since: "2026-11-01" } },
      { householdId: 4, plan: { level: "fortnightly" as const, lastVisitedOn: null, since: "2026-11-06" } },
    ];
    expect(visitsDue(households, "2026-11-20").map((h) => [h.householdId, h.dueOn, h.due])).toEqual([
      [2, "2026-10-31", "overdue"],
      [1, "2026-11-19", "overdue"],
      [4, "2026-11-20", "dueSoon"],
    ]);
  });
});

describe("a missed visit's warning, after the grace period in working days", () => {
  const weekly = (lastVisitedOn: string): VisitPlan => ({ level: "weekly", lastVisitedOn, since: "2026-01-01" });
  it.each([
    // Due Wed 30 Sep; 1–7 Oct are 国庆 holidays; Thu 8, Fri 9 and the make-up Saturday 10 Oct are the grace.
    ["2026-09-23", "2026-10-08T12:00:00", false],
    ["2026-09-23", "2026-10-10T23:59:59", false],
    ["2026-09-23", "2026-10-11T00:00:00", true],
    // Due Thu 24 Sep; Fri 25 is 中秋, then the weekend: Mon 28 – Wed 30 are the grace.
    ["2026-09-17", "2026-09-30T23:59:59", false],
    ["2026-09-17", "2026-10-01T00:00:00", true],
    // Due Sat 19 Sep; the make-up Sunday 20, Mon 21 and Tue 22 are the grace.
    ["2026-09-12", "2026-09-22T23:59:59", false],
    ["2026-09-12", "2026-09-23T00:00:00", true],
    // Due Mon 16 Nov, an ordinary week: Tue–Thu.
    ["2026-11-09", "2026-11-19T23:59:59", false],
    ["2026-11-09", "2026-11-20T00:00:00", true],
  ])("last visited %s, at %s: warned %s", (last, now, missed) => {
    expect(VISIT_GRACE_WORKING_DAYS).toBe(3);
    expect(visitMissed(weekly(last), at(now))).toBe(missed);
  });

  it("lists only the households past their grace, with the day each was due", () => {
    const households = [
      { householdId: 1, plan: weekly("2026-11-09") },
      { householdId: 2, plan: weekly("2026-11-16") },
    ];
    expect(missedVisits(households, at("2026-11-20T08:00:00"))).toEqual([{ ...households[0], dueOn: "2026-11-16" }]);
  });
});

describe("五送 campaigns", () => {
  const profiles = [
    { householdId: 1, categories: ["livingAlone" as const], consent },
    { householdId: 2, categories: ["leftBehindChild" as const, "custom:3" as const], consent },
    { householdId: 3, categories: ["livingAlone" as const], consent: { ...consent, withdrawnAt: 9 } },
    { householdId: 4, categories: ["disability" as const], consent },
    { householdId: 5, categories: ["emptyNest" as const], consent: null },
  ];

  it("targets households in a chosen category whose consent stands", () => {
    expect(campaignTargets(profiles, ["livingAlone", "custom:3", "emptyNest"]).map((p) => p.householdId)).toEqual([
      1, 2,
    ]);
  });

  it("counts its visits and the target households they reached", () => {
    const visits = [
      { householdId: 1, campaignId: 7 },
      { householdId: 1, campaignId: 7 },
      { householdId: 4, campaignId: 7 },
      { householdId: 2, campaignId: null },
      { householdId: 2, campaignId: 8 },
    ];
    expect(campaignProgress([1, 2], visits, 7)).toEqual({ targeted: 2, reached: 1, visits: 3 });
  });

  it.each([
    [
      ["livingAlone", "custom:3", "livingAlone"],
      "2026-12-01",
      "2026-12-01",
      { ok: true, categories: ["livingAlone", "custom:3"] },
    ],
    [[], "2026-12-01", "2026-12-31", { ok: false, reason: "categories_required" }],
    [["custom:4"], "2026-12-01", "2026-12-31", { ok: false, reason: "unknown_care_category" }],
    [["disability"], "2026-12-02", "2026-12-01", { ok: false, reason: "campaign_ends_before_start" }],
  ])("is decided on categories %j from %s to %s as %j", (categories, startsOn, endsOn, expected) => {
    expect(decideCampaign({ categories, startsOn, endsOn }, [3])).toEqual(expected);
  });

  it("runs from its first day to its last, both included", () => {
    const span = { startsOn: "2026-12-01", endsOn: "2026-12-07" };
    expect(["2026-11-30", "2026-12-01", "2026-12-07", "2026-12-08"].map((d) => campaignRunning(span, d))).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });

  const warmth = { startsOn: "2026-12-01", endsOn: "2026-12-07", categories: ["livingAlone", "emptyNest"] };
  it.each([
    ["a targeted household on a day it runs", "2026-12-03", ["disability", "emptyNest"], true],
    ["a targeted household after it ended", "2026-12-08", ["livingAlone"], false],
    ["a targeted household before it began", "2026-11-30", ["livingAlone"], false],
    ["a household it does not target", "2026-12-03", ["leftBehindChild"], false],
  ])("counts a visit to %s: %s", (_, visitedOn, categories, counts) => {
    expect(decideCampaignVisit(warmth, visitedOn, categories)).toEqual(
      counts ? { ok: true } : { ok: false, reason: "campaign_not_for_visit" },
    );
  });
});

describe("a visit confirmed as volunteer service", () => {
  const base = {
    visit: { mode: "inPerson" as const, visitorUserId: 7, byVolunteer: true, confirmedAt: null },
    actorUserId: 1,
    confirmedMinutesThatDay: 0,
  };
  type Over = Partial<typeof base> & { minutes?: number; reason?: string };
  it.each([
    ["in person, by default", {}, { ok: true, minutes: VISIT_MINUTES_DEFAULT.inPerson, capped: false }],
    [
      "by phone, by default",
      { visit: { ...base.visit, mode: "phone" } },
      { ok: true, minutes: VISIT_MINUTES_DEFAULT.phone, capped: false },
    ],
    ["corrected with a reason", { minutes: 90, reason: "陪同就医" }, { ok: true, minutes: 90, capped: false }],
    ["corrected without a reason", { minutes: 90 }, "reason_required"],
    [
      "the default given again, no reason needed",
      { minutes: VISIT_MINUTES_DEFAULT.inPerson },
      { ok: true, minutes: 30, capped: false },
    ],
    ["beyond the most a visit counts for", { minutes: VISIT_MINUTES_MAX + 1, reason: "x" }, "minutes_over_cap"],
    ["by the visitor themselves", { actorUserId: 7 }, "own_hours"],
    ["a second time", { visit: { ...base.visit, confirmedAt: 5 } }, "already_confirmed"],
    ["a grid worker's own visit", { visit: { ...base.visit, byVolunteer: false } }, "not_volunteer"],
    ["on a day already full", { confirmedMinutesThatDay: DAILY_MINUTES_MAX }, "daily_cap_reached"],
    [
      "on a day nearly full",
      { confirmedMinutesThatDay: DAILY_MINUTES_MAX - 10 },
      { ok: true, minutes: 10, capped: true },
    ],
  ] as [string, Over, object | string][])("%s", (_, over, expected) => {
    const decided = decideVisitConfirm({ ...base, ...over });
    expect(decided).toEqual(typeof expected === "string" ? { ok: false, reason: expected } : expected);
  });
});
