import chineseDays from "chinese-days";
import type { Action, Role } from "./authz";
import { ACTIVE_VOLUNTEER_DAYS, fundWeeks, isMilestoneLate } from "./indicators";
import { commitmentDue } from "./commitment";
import { requestPath, type MessagePayloads } from "./message";
import type { ProjectStatus } from "./project";
import { limitsOf, overdue, type RequestCategory, type RequestStatus } from "./request";
import { shanghaiDate } from "./suitability";
import { missedVisits, type VisitPlan } from "./visit";

/**
 * 预警: what staff must look at now, each a pure rule over a community's facts at `now`. A warning is one fact about
 * one subject (`request:12`, `item:3`…); the same kind and subject never stand open twice.
 */
export const WARNING_KINDS = [
  "request_unaccepted",
  "request_overdue",
  "objection_unanswered",
  "fund_running_out",
  "item_out_of_stock",
  "hours_unconfirmed",
  "grid_without_volunteer",
  "milestone_late",
  "commitment_due",
  "commitment_overdue",
  "visit_missed",
] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

/**
 * Warnings that name a cared-for household (民情账, decision 0016): listed and acknowledged only by those who read its
 * profile (`care.read`), not by everyone who reads the dashboard (the street, the committee).
 */
export const CARE_WARNING_KINDS = ["visit_missed"] as const satisfies readonly WarningKind[];

/** The action a reader needs over a warning's place to see it. */
export const warningReadAction = (kind: WarningKind): Action =>
  (CARE_WARNING_KINDS as readonly WarningKind[]).includes(kind) ? "care.read" : "dashboard.read";

/** An objection to a public notice is answered within this many working days (statutory holidays and make-up days counted). */
export const OBJECTION_ANSWER_WORKING_DAYS = 3;
/** A fund that lasts fewer weeks than this at its recent rate (core `fundWeeks`) is warned on. */
export const FUND_WARNING_WEEKS = 4;
/** Volunteers present at a shift have their hours confirmed within this many days of its end. */
export const HOURS_CONFIRM_DAYS = 7;
/** A fact that comes back this soon after its warning cleared (stock sold out again) opens one silently: no new message. */
export const WARNING_QUIET_MS = 24 * 60 * 60_000;
/** A reader told of more new warnings than this in one run gets one message counting them instead: a first run over a neglected community opens thousands. */
export const WARNING_MESSAGES_PER_RUN_MAX = 3;
/** The page listing the warnings a reader may see. */
export const WARNINGS_PATH = "/warnings";

const DAY_MS = 86_400_000;

/**
 * Who must act on each kind, told in their inbox when it opens: the workers of the warning's grid (and of the grids
 * above it), the community's staff, the committee for objections. Nobody found, the community's staff hear of it.
 */
export const WARNING_ACTORS: Record<WarningKind, readonly Role[]> = {
  request_unaccepted: ["gridWorker"],
  request_overdue: ["gridWorker"],
  objection_unanswered: ["communityStaff", "committeeMember"],
  fund_running_out: ["communityStaff"],
  item_out_of_stock: ["communityStaff"],
  hours_unconfirmed: ["communityStaff"],
  grid_without_volunteer: ["gridWorker", "communityStaff"],
  milestone_late: ["communityStaff"],
  commitment_due: ["communityStaff"],
  commitment_overdue: ["communityStaff"],
  visit_missed: ["gridWorker"],
};

export type WarningFacts = {
  communityId: number;
  /** Open requests past a deadline as the overdue list finds them; `overdue` (core request.ts) says which. */
  requests: readonly {
    id: number;
    gridId: number | null;
    category: RequestCategory;
    status: RequestStatus;
    createdAt: number;
    acceptedAt: number | null;
    holderUserId: number | null;
  }[];
  /** Objections not answered yet, with their cycle. */
  objections: readonly { id: number; cycleId: number; cycleTitle: string; createdAt: number }[];
  /** The fund's available points and what it paid out over core's FUND_RATE_WEEKS. */
  fund: { available: number; paidOutRecently: number };
  /** Items on sale (active), with their stock. */
  items: readonly { id: number; name: string; stock: number }[];
  /** Shifts that ended with present volunteers whose hours nobody confirmed. */
  unconfirmedShifts: readonly {
    shiftId: number;
    activityId: number;
    title: string;
    endsAt: number;
    waiting: number;
    organiserUserId: number;
  }[];
  /** Live grids and how many volunteers living in each (or below it) served within ACTIVE_VOLUNTEER_DAYS. */
  grids: readonly { id: number; name: string; activeVolunteers: number }[];
  /**
   * Milestones short of their target with a due day before today, of projects under way; core `isMilestoneLate`
   * decides. `holderUserIds`: who acts for the project's holder (a team's leaders), told besides the staff.
   */
  milestones: readonly {
    id: number;
    projectId: number;
    projectTitle: string;
    projectStatus: ProjectStatus;
    title: string;
    target: number;
    progress: number;
    dueOn: string | null;
    holderUserIds: readonly number[];
  }[];
  /**
   * Open commitments (承诺践诺) due within COMMITMENT_DUE_SOON_DAYS or past their day; core `commitmentDue` decides.
   * `committerUserIds`: the member who made it or whoever made it for a unit, told besides the staff.
   */
  commitments: readonly { id: number; what: string; dueOn: string; committerUserIds: readonly number[] }[];
  /** Every care profile's visit plan (民情账) with its grid and door label: core `missedVisits` decides. */
  carePlans: readonly { householdId: number; gridId: number; label: string; plan: VisitPlan }[];
};

export type WarningParams = Record<string, string | number>;
export type Warning = {
  kind: WarningKind;
  subject: string;
  /** The grid it concerns (its grid workers act); null for the community's staff. */
  gridId: number | null;
  /** What the reason text (`warning.<kind>`) needs; nothing a viewer's lists do not already show. */
  params: WarningParams;
  /** The web page where someone acts on it. */
  path: string;
  /** Besides those in charge of the grid or community, who must hear of it (the request's holder). */
  alsoTell: number[];
};

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Whether a Shanghai date (YYYY-MM-DD) is a working day: weekends and statutory holidays off, make-up days on. */
export function isWorkingDay(date: string): boolean {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  // chinese-days reads a Date in the process's time zone: noon of that local day names the date whatever the zone.
  return chineseDays.isWorkday(new Date(year, month - 1, day, 12));
}

/** The end (24:00 Shanghai) of the `days`-th working day after the day `fromMs` falls on. */
export function workingDaysAfter(fromMs: number, days: number): number {
  let dayStart = Date.parse(`${shanghaiDate(fromMs)}T00:00:00Z`) - SHANGHAI_OFFSET_MS;
  for (let counted = 0; counted < days; ) {
    dayStart += DAY_MS;
    if (isWorkingDay(shanghaiDate(dayStart))) counted += 1;
  }
  return dayStart + DAY_MS;
}

const warning = (kind: WarningKind, subject: string, gridId: number | null, params: WarningParams, path: string) => ({
  kind,
  subject,
  gridId,
  params,
  path,
  alsoTell: [] as number[],
});

function requestWarnings(facts: WarningFacts, now: number): Warning[] {
  return facts.requests.flatMap((r) => {
    const late = overdue(r, limitsOf(r.category), now);
    if (!late) return [];
    const kind = late === "accept_overdue" ? "request_unaccepted" : "request_overdue";
    const found = warning(
      kind,
      `request:${r.id}`,
      r.gridId,
      { requestId: r.id, category: r.category },
      requestPath(r.id),
    );
    return [{ ...found, alsoTell: r.holderUserId === null ? [] : [r.holderUserId] }];
  });
}

const objectionWarnings = (facts: WarningFacts, now: number): Warning[] =>
  facts.objections
    .filter((o) => now >= workingDaysAfter(o.createdAt, OBJECTION_ANSWER_WORKING_DAYS))
    .map((o) =>
      warning(
        "objection_unanswered",
        `objection:${o.id}`,
        null,
        { cycleTitle: o.cycleTitle, days: OBJECTION_ANSWER_WORKING_DAYS },
        `/ratings/cycles/${o.cycleId}`,
      ),
    );

function fundWarnings(facts: WarningFacts): Warning[] {
  const weeks = fundWeeks(facts.fund.available, facts.fund.paidOutRecently);
  if (weeks === null || weeks >= FUND_WARNING_WEEKS) return [];
  const params = { weeks, available: Math.max(0, facts.fund.available) };
  return [warning("fund_running_out", `fund:${facts.communityId}`, null, params, "/admin/points")];
}

const itemWarnings = (facts: WarningFacts): Warning[] =>
  facts.items
    .filter((i) => i.stock <= 0)
    .map((i) =>
      warning("item_out_of_stock", `item:${i.id}`, null, { name: i.name }, `/store/${facts.communityId}/desk`),
    );

const hoursWarnings = (facts: WarningFacts, now: number): Warning[] =>
  facts.unconfirmedShifts
    .filter((s) => s.waiting > 0 && now > s.endsAt + HOURS_CONFIRM_DAYS * DAY_MS)
    .map((s) => ({
      ...warning(
        "hours_unconfirmed",
        `shift:${s.shiftId}`,
        null,
        { title: s.title, date: shanghaiDate(s.endsAt), waiting: s.waiting, days: HOURS_CONFIRM_DAYS },
        `/organise/${s.activityId}`,
      ),
      alsoTell: [s.organiserUserId],
    }));

const gridWarnings = (facts: WarningFacts): Warning[] =>
  facts.grids
    .filter((g) => g.activeVolunteers === 0)
    .map((g) =>
      warning(
        "grid_without_volunteer",
        `grid:${g.id}`,
        g.id,
        { name: g.name, days: ACTIVE_VOLUNTEER_DAYS },
        "/volunteers",
      ),
    );

/** The community's projects (项目清单) page, where the holder reports progress and staff follow up. */
export const projectsPath = (communityId: number) => `/projects/${communityId}`;

const milestoneWarnings = (facts: WarningFacts, now: number): Warning[] =>
  facts.milestones
    .filter((m) => isMilestoneLate(m, m.projectStatus, shanghaiDate(now)))
    .map((m) => ({
      ...warning(
        "milestone_late",
        `milestone:${m.id}`,
        null,
        { projectTitle: m.projectTitle, title: m.title, dueOn: m.dueOn ?? "", progress: m.progress, target: m.target },
        projectsPath(facts.communityId),
      ),
      alsoTell: [...m.holderUserIds],
    }));

/** The community's commitments (承诺践诺) page, where committers report progress and staff mark outcomes. */
export const commitmentsPath = (communityId: number) => `/commitments/${communityId}`;

const commitmentWarnings = (facts: WarningFacts, now: number): Warning[] =>
  facts.commitments.flatMap((c) => {
    const due = commitmentDue("open", c.dueOn, shanghaiDate(now));
    if (!due) return [];
    const kind = due === "overdue" ? "commitment_overdue" : "commitment_due";
    const params = { what: c.what, dueOn: c.dueOn };
    return [
      {
        ...warning(kind, `commitment:${c.id}`, null, params, commitmentsPath(facts.communityId)),
        alsoTell: [...c.committerUserIds],
      },
    ];
  });

/** The household's care page, where the grid's worker sees its visits and records one. */
const careHouseholdPath = (householdId: number) => `/households/${householdId}/care`;

/**
 * A visit missed past its grace (core `missedVisits`), to the grid's worker. The params name the door and the due day
 * only: a warning travels in inboxes and lists, away from the profile's page, so no category, need or level goes in it.
 */
const visitWarnings = (facts: WarningFacts, now: number): Warning[] =>
  missedVisits(facts.carePlans, now).map((h) =>
    warning(
      "visit_missed",
      `household:${h.householdId}`,
      h.gridId,
      { label: h.label, dueOn: h.dueOn },
      careHouseholdPath(h.householdId),
    ),
  );

/** Every warning a community's facts call for at `now`. */
export function warningsDue(facts: WarningFacts, now: number): Warning[] {
  return [
    ...requestWarnings(facts, now),
    ...objectionWarnings(facts, now),
    ...fundWarnings(facts),
    ...itemWarnings(facts),
    ...hoursWarnings(facts, now),
    ...gridWarnings(facts),
    ...milestoneWarnings(facts, now),
    ...commitmentWarnings(facts, now),
    ...visitWarnings(facts, now),
  ];
}

export type OpenWarning = { id: number; kind: WarningKind; subject: string };

const keyOf = (w: { kind: string; subject: string }) => `${w.kind} ${w.subject}`;

/** Which warnings to open (due, not yet open) and which to clear (open, no longer due): a fact opens one warning, once. */
export function reconcile(open: readonly OpenWarning[], due: readonly Warning[]): { open: Warning[]; clear: number[] } {
  const openKeys = new Set(open.map(keyOf));
  const dueKeys = new Set(due.map(keyOf));
  const fresh = due.filter((w) => !openKeys.has(keyOf(w)) && (openKeys.add(keyOf(w)), true));
  return { open: fresh, clear: open.filter((w) => !dueKeys.has(keyOf(w))).map((w) => w.id) };
}

type Opened = MessagePayloads["warning_opened"];
export type WarningMessage =
  | { userId: number; kind: "warning_opened"; payload: Opened }
  | { userId: number; kind: "warnings_opened"; payload: MessagePayloads["warnings_opened"] };

/**
 * What each reader is told of the warnings opened in one run. Those in charge (who read the warnings page) get a
 * message per warning, or past WARNING_MESSAGES_PER_RUN_MAX one message counting them by kind, pointing at that
 * page; the others told (a request's holder, an organiser) get each warning, with the page where they act on it.
 */
export function warningMessages(
  opened: readonly { news: Opened; inCharge: readonly number[]; alsoTell: readonly number[] }[],
): WarningMessage[] {
  const charged = new Map<number, Opened[]>();
  const single: WarningMessage[] = [];
  for (const { news, inCharge, alsoTell } of opened) {
    for (const userId of new Set(inCharge)) {
      const told = charged.get(userId) ?? [];
      told.push(news);
      charged.set(userId, told);
    }
    for (const userId of new Set(alsoTell))
      if (!inCharge.includes(userId)) single.push({ userId, kind: "warning_opened", payload: news });
  }
  const counted = [...charged].flatMap(([userId, news]): WarningMessage[] => {
    if (news.length <= WARNING_MESSAGES_PER_RUN_MAX)
      return news.map((payload) => ({ userId, kind: "warning_opened", payload }));
    const kinds: Partial<Record<WarningKind, number>> = {};
    for (const n of news) kinds[n.kind] = (kinds[n.kind] ?? 0) + 1;
    return [{ userId, kind: "warnings_opened", payload: { count: news.length, kinds, path: WARNINGS_PATH } }];
  });
  return [...counted, ...single];
}
