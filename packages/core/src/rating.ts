import { fail, ok, type Result } from "./result";

/**
 * Star ratings: schemes of stars with written criteria, cycles a committee
 * runs (nominate → review → public notice → publish), votes tallied by a rule
 * with conflicts of interest excluded, objections answered in public.
 */
export const SUBJECT_KINDS = ["partyMember", "household", "volunteer", "partnerUnit"] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** What Tongxin gathers about a candidate for the cycle's period. */
export const EVIDENCE_METRICS = [
  "serviceMinutes",
  "activities",
  "requestsServed",
  "pointsEarned",
  "pointsDonated",
  // 入户走访 confirmed as service (care visits, decision 0016): the 关爱星's record.
  "careVisits",
] as const;
export type EvidenceMetric = (typeof EVIDENCE_METRICS)[number];
export type Evidence = Record<EvidenceMetric, number> & { averageRating: number | null; teamRoles: string[] };

export type StarSpec = {
  key: string;
  name: string;
  criteria: string;
  evidence: { metric: EvidenceMetric; min: number } | null;
};
export type SchemeSpec = { code: string; name: string; subjectKind: SubjectKind; stars: StarSpec[] };

const star = (key: string, name: string, criteria: string, evidence: StarSpec["evidence"] = null): StarSpec => ({
  key,
  name,
  criteria,
  evidence,
});

export const BUILT_IN_SCHEMES: readonly SchemeSpec[] = [
  {
    code: "five_star_party_member",
    name: "五星党员",
    subjectKind: "partyMember",
    stars: [
      star("study", "学习星", "按时参加组织生活和理论学习，带头学习政策法规。"),
      star("unity", "团结星", "团结邻里，带头化解矛盾，维护社区和谐。"),
      star("help", "帮扶星", "结对帮扶困难群众，认领并办好群众需求。", { metric: "requestsServed", min: 3 }),
      star("care", "关爱星", "关心关爱老人、儿童和困难家庭。", { metric: "careVisits", min: 6 }),
      star("devotion", "奉献星", "积极参加志愿服务，服务时长达到要求。", { metric: "serviceMinutes", min: 20 * 60 }),
    ],
  },
  {
    code: "five_star_family",
    name: "五星家庭",
    subjectKind: "household",
    stars: [
      star("books", "文明书香之星", "家风良好，崇尚读书，文明有礼。"),
      star("neighbours", "邻里和睦之星", "邻里团结互助，家庭和睦。"),
      star("green", "绿色环保之星", "垃圾分类到位，节约资源，爱护环境。"),
      star("public_good", "热心公益之星", "家庭成员积极参加志愿服务和公益活动。", {
        metric: "serviceMinutes",
        min: 10 * 60,
      }),
      star("filial", "孝老爱亲之星", "孝敬老人，关爱家人。"),
    ],
  },
];

/** 星级志愿者 is computed from confirmed hours (see `starLevel` in volunteer.ts) and needs no committee. */
export const STAR_VOLUNTEER_SCHEME = "star_volunteer";

export type SchemeRefusal = "invalid_scheme";

/** A community's own scheme (服务之星…): a name, one to ten stars with distinct keys, each with its criteria. */
export function checkScheme(input: {
  name: string;
  subjectKind: SubjectKind;
  stars: StarSpec[];
}): Result<{ stars: StarSpec[] }, SchemeRefusal> {
  const keys = new Set(input.stars.map((s) => s.key));
  const name = input.name.trim();
  if (
    name.length < 1 ||
    name.length > 30 ||
    input.stars.length < 1 ||
    input.stars.length > 10 ||
    keys.size !== input.stars.length
  )
    return fail("invalid_scheme");
  const sane = input.stars.every(
    (s) =>
      /^[a-z0-9_]{1,30}$/.test(s.key) &&
      s.name.trim().length >= 1 &&
      s.name.trim().length <= 20 &&
      s.criteria.trim().length <= 500 &&
      (s.evidence === null || (Number.isSafeInteger(s.evidence.min) && s.evidence.min >= 0)),
  );
  return sane
    ? ok({ stars: input.stars.map((s) => ({ ...s, name: s.name.trim(), criteria: s.criteria.trim() })) })
    : fail("invalid_scheme");
}

// ---- Cycles ----

export const CYCLE_STATUSES = ["draft", "nominating", "reviewing", "notice", "published", "cancelled"] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];
export const CYCLE_ACTIONS = ["open", "closeNominations", "startNotice", "publish", "cancel"] as const;
export type CycleAction = (typeof CYCLE_ACTIONS)[number];

const CYCLE_MOVES: Record<CycleAction, { from: readonly CycleStatus[]; to: CycleStatus }> = {
  open: { from: ["draft"], to: "nominating" },
  closeNominations: { from: ["nominating"], to: "reviewing" },
  startNotice: { from: ["reviewing"], to: "notice" },
  publish: { from: ["notice"], to: "published" },
  cancel: { from: ["draft", "nominating", "reviewing", "notice"], to: "cancelled" },
};

/**
 * The moves open to a cycle in this state, in the order of the cycle (cancel
 * last): what the committee's desk offers. The notice is not offered until
 * every candidate has a decision that follows the vote and someone is proposed.
 */
export const cycleActions = (status: CycleStatus, facts: Pick<CycleFacts, "undecided" | "entries">): CycleAction[] =>
  CYCLE_ACTIONS.filter(
    (action) =>
      CYCLE_MOVES[action].from.includes(status) &&
      (action !== "startNotice" || (facts.undecided === 0 && facts.entries > 0)),
  );

export type CycleFacts = {
  /** Candidates without a decision that (still) follows the committee's vote: none recorded, or votes or conflicts changed since (see `decisionHolds`). */
  undecided: number;
  /** Objections not yet answered. */
  openObjections: number;
  /** When the last entry's notice ends (entries restart on a material change); null before the notice. */
  noticeEndsAt: number | null;
  /** Entries proposed for the notice (decisions with at least one star). */
  entries: number;
  /** The publication date the committee announced, if any: results are not published before it. */
  publishOn: number | null;
};

export type CycleRefusal =
  | "not_allowed_in_state"
  | "undecided_candidates"
  | "no_entries"
  | "notice_running"
  | "objections_open"
  | "before_publication_date";

/** Guards in a fixed order: the state, then what the move needs (decisions before the notice; a notice run out and answered before publishing). */
export function decideCycleTransition(
  status: CycleStatus,
  action: CycleAction,
  facts: CycleFacts,
  now: number,
): Result<{ status: CycleStatus }, CycleRefusal> {
  const move = CYCLE_MOVES[action];
  if (!move.from.includes(status)) return fail("not_allowed_in_state");
  if (action === "startNotice" && facts.undecided > 0) return fail("undecided_candidates");
  if (action === "startNotice" && facts.entries === 0) return fail("no_entries");
  if (action === "publish" && facts.noticeEndsAt !== null && now < facts.noticeEndsAt) return fail("notice_running");
  if (action === "publish" && facts.openObjections > 0) return fail("objections_open");
  if (action === "publish" && facts.publishOn !== null && now < facts.publishOn) return fail("before_publication_date");
  return ok({ status: move.to });
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Start of the Shanghai day holding `ms`, as epoch ms. */
const shanghaiMidnight = (ms: number) => Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
const isWeekend = (dayStartMs: number) => [0, 6].includes(new Date(dayStartMs + SHANGHAI_OFFSET_MS).getUTCDay());

/**
 * The end (24:00 Asia/Shanghai) of the `days`-th working day of a notice that
 * starts at `startMs`; the start day counts when it is a working day. Weekends
 * are skipped; statutory holidays are not known to it.
 */
export function noticeEndsAt(startMs: number, days: number): number {
  let day = shanghaiMidnight(startMs);
  let counted = 0;
  for (;;) {
    if (!isWeekend(day)) counted += 1;
    if (counted === days) return day + DAY_MS;
    day += DAY_MS;
  }
}

export const NOTICE_DAYS_DEFAULT = 5;

/** 监督电话 on a public notice: a mobile, a landline with its area code (010-65012345, extension after a dash) or a five-digit hotline (12345). */
export const SUPERVISION_PHONE_PATTERN = /^(?:1[3-9]\d{9}|0\d{2,3}-\d{7,8}(?:-\d{1,6})?|\d{5})$/;

/** `2026` or `2026-Q3` → [start, end) in Asia/Shanghai; null for anything else. */
export function periodRange(label: string): [number, number] | null {
  const m = /^(20\d\d)(?:-Q([1-4]))?$/.exec(label);
  if (!m) return null;
  const year = Number(m[1]);
  const [fromMonth, toMonth] = m[2] ? [(Number(m[2]) - 1) * 3, Number(m[2]) * 3] : [0, 12];
  return [Date.UTC(year, fromMonth, 1) - SHANGHAI_OFFSET_MS, Date.UTC(year, toMonth, 1) - SHANGHAI_OFFSET_MS];
}

export type CyclePlan = {
  periodLabel: string;
  nominationEndsAt: number;
  reviewEndsAt: number;
  noticeWorkingDays: number;
  publishOn: number | null;
};
export type PlanRefusal = "invalid_period" | "windows_out_of_order" | "invalid_notice_days";

export function checkCyclePlan(
  plan: CyclePlan,
  now: number,
): Result<{ periodStart: number; periodEnd: number }, PlanRefusal> {
  const range = periodRange(plan.periodLabel);
  if (!range) return fail("invalid_period");
  if (
    !(now < plan.nominationEndsAt && plan.nominationEndsAt < plan.reviewEndsAt) ||
    (plan.publishOn !== null && plan.publishOn <= plan.reviewEndsAt)
  )
    return fail("windows_out_of_order");
  if (!Number.isSafeInteger(plan.noticeWorkingDays) || plan.noticeWorkingDays < 1 || plan.noticeWorkingDays > 30)
    return fail("invalid_notice_days");
  return ok({ periodStart: range[0], periodEnd: range[1] });
}

// ---- Nominations ----

export const NOMINATION_ROUTES = ["self", "gridWorker", "teamLeader", "partyBranch", "committee"] as const;
export type NominationRoute = (typeof NOMINATION_ROUTES)[number];

export type NominationRefusal =
  | "nominations_closed"
  | "route_not_allowed"
  | "unknown_star"
  | "statement_missing"
  | "already_nominated";

/** Guards in a fixed order: the window, who may use this route for this subject, the stars' statements, a second nomination. */
export function decideNomination(input: {
  status: CycleStatus;
  now: number;
  nominationEndsAt: number;
  route: NominationRoute;
  allowedRoutes: readonly NominationRoute[];
  starKeys: readonly string[];
  statements: Record<string, string>;
  alreadyNominated: boolean;
}): Result<{ statements: Record<string, string> }, NominationRefusal> {
  if (input.status !== "nominating" || input.now >= input.nominationEndsAt) return fail("nominations_closed");
  if (!input.allowedRoutes.includes(input.route)) return fail("route_not_allowed");
  const entries = Object.entries(input.statements)
    .map(([k, v]) => [k, v.trim()] as const)
    .filter(([, v]) => v.length > 0);
  if (entries.some(([k]) => !input.starKeys.includes(k))) return fail("unknown_star");
  if (entries.length === 0) return fail("statement_missing");
  if (input.alreadyNominated) return fail("already_nominated");
  return ok({ statements: Object.fromEntries(entries) });
}

/** Whether the evidence Tongxin gathered meets a star's automatic rule (null when the star has none). */
export const meetsRule = (evidence: Evidence, rule: StarSpec["evidence"]): boolean | null =>
  rule ? evidence[rule.metric] >= rule.min : null;

// ---- Review ----

export type VoteRefusal = "not_reviewing" | "not_committee" | "conflict_of_interest" | "unknown_star";

/** A member may score in review only, never on themselves or their own household, and only the scheme's stars. */
export function decideVote(input: {
  status: CycleStatus;
  isMember: boolean;
  ownSubject: boolean;
  starKeys: readonly string[];
  votedStars: readonly string[];
}): Result<object, VoteRefusal> {
  if (input.status !== "reviewing") return fail("not_reviewing");
  if (!input.isMember) return fail("not_committee");
  if (input.ownSubject) return fail("conflict_of_interest");
  if (input.votedStars.some((k) => !input.starKeys.includes(k))) return fail("unknown_star");
  return ok({});
}

export const DECISION_RULES = ["majority", "twoThirds", "unanimous"] as const;
export type DecisionRule = (typeof DECISION_RULES)[number];

export type Vote = { memberId: number; starKey: string; award: boolean };
export type StarTally = {
  starKey: string;
  yes: number;
  no: number;
  notVoted: number;
  eligible: number;
  excluded: number;
  awarded: boolean;
};

const passes: Record<DecisionRule, (yes: number, eligible: number) => boolean> = {
  majority: (yes, eligible) => yes * 2 > eligible,
  twoThirds: (yes, eligible) => yes * 3 >= eligible * 2,
  unanimous: (yes, eligible) => yes === eligible,
};

/**
 * Per star: the votes of committee members who are not excluded (declared
 * conflicts, own subject). Counted against every eligible member, so not
 * voting is not a yes; no eligible member means no award.
 */
export function tally(
  votes: readonly Vote[],
  members: readonly number[],
  excluded: ReadonlySet<number>,
  starKeys: readonly string[],
  rule: DecisionRule,
): StarTally[] {
  const eligible = members.filter((m) => !excluded.has(m));
  return starKeys.map((starKey) => {
    const counted = votes.filter((v) => v.starKey === starKey && eligible.includes(v.memberId));
    const yes = counted.filter((v) => v.award).length;
    const no = counted.length - yes;
    return {
      starKey,
      yes,
      no,
      notVoted: eligible.length - counted.length,
      eligible: eligible.length,
      excluded: members.length - eligible.length,
      awarded: eligible.length > 0 && passes[rule](yes, eligible.length),
    };
  });
}

export type ReviewStanding = {
  /** Enough eligible members scored every star for the rule to decide (see `reviewStanding`). */
  scored: boolean;
  /** The stars the vote carried. */
  carried: string[];
  /** Eligible members who have not scored every star yet. */
  waitingFor: number[];
};

/**
 * Whether the committee has scored a candidate by the cycle's rule. The quorum
 * is the rule's own share, counted over eligible members (conflicts and the
 * member's own subject excluded): for every star, more than half of them
 * (majority), two thirds (twoThirds) or all of them (unanimous) must have
 * scored it. With nobody eligible the candidate counts as scored and carries
 * nothing, so a cycle cannot be stuck on a candidate nobody may judge.
 */
export function reviewStanding(
  votes: readonly Vote[],
  members: readonly number[],
  excluded: ReadonlySet<number>,
  starKeys: readonly string[],
  rule: DecisionRule,
): ReviewStanding {
  const tallies = tally(votes, members, excluded, starKeys, rule);
  const eligible = members.filter((m) => !excluded.has(m));
  const scoredAll = (m: number) => starKeys.every((k) => votes.some((v) => v.memberId === m && v.starKey === k));
  return {
    scored: eligible.length === 0 || tallies.every((s) => passes[rule](s.yes + s.no, s.eligible)),
    carried: tallies.filter((s) => s.awarded).map((s) => s.starKey),
    waitingFor: eligible.filter((m) => !scoredAll(m)),
  };
}

export type DecisionRefusal = "not_reviewing" | "unknown_star" | "votes_missing" | "star_not_carried";

/**
 * The decision follows the vote: recorded only once the committee has scored
 * the candidate by its rule, and only with stars the vote carried (it may keep
 * fewer, with its reason — e.g. an evidence rule not met).
 */
export function decideDecision(input: {
  status: CycleStatus;
  standing: ReviewStanding;
  proposed: readonly string[];
  starKeys: readonly string[];
}): Result<{ stars: string[] }, DecisionRefusal> {
  if (input.status !== "reviewing") return fail("not_reviewing");
  if (input.proposed.some((k) => !input.starKeys.includes(k))) return fail("unknown_star");
  if (!input.standing.scored) return fail("votes_missing");
  if (input.proposed.some((k) => !input.standing.carried.includes(k))) return fail("star_not_carried");
  return ok({ stars: [...new Set(input.proposed)] });
}

/** A recorded decision still follows the vote (members may change votes or declare conflicts after it): checked again before the notice. */
export const decisionHolds = (standing: ReviewStanding, decided: readonly string[] | null): boolean =>
  decided !== null && decideDecision({ status: "reviewing", standing, proposed: decided, starKeys: decided }).ok;

// ---- Notice and objections ----

export type ObjectionRefusal = "not_in_notice" | "notice_over" | "not_on_notice" | "own_entry" | "already_objected";

/**
 * One objection per person per entry (a unique key backs it): a second would only repeat the first, and the committee answers each.
 * Nobody objects to their own entry (or their household's): a notice asks the public, and a nominee who wants less withdraws by asking the committee.
 */
export function decideObjection(input: {
  status: CycleStatus;
  onNotice: boolean;
  entryNoticeEndsAt: number | null;
  now: number;
  ownEntry: boolean;
  alreadyObjected: boolean;
}): Result<object, ObjectionRefusal> {
  if (input.status !== "notice") return fail("not_in_notice");
  if (!input.onNotice) return fail("not_on_notice");
  if (input.entryNoticeEndsAt !== null && input.now >= input.entryNoticeEndsAt) return fail("notice_over");
  if (input.ownEntry) return fail("own_entry");
  if (input.alreadyObjected) return fail("already_objected");
  return ok({});
}

export const OBJECTION_OUTCOMES = ["dismissed", "removed", "changed"] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];

/**
 * An answer: dismissed keeps the entry; upheld removes it or changes its stars.
 * A change that adds a star nobody could object to yet is material: that
 * entry's notice starts again.
 */
export function decideAnswer(input: {
  answered: boolean;
  status: CycleStatus;
  outcome: ObjectionOutcome;
  current: readonly string[];
  proposed: readonly string[] | null;
  starKeys: readonly string[];
}): Result<
  { stars: string[]; restartNotice: boolean },
  "already_answered" | "not_in_notice" | "unknown_star" | "stars_required"
> {
  if (input.answered) return fail("already_answered");
  if (input.status !== "notice") return fail("not_in_notice");
  if (input.outcome === "dismissed") return ok({ stars: [...input.current], restartNotice: false });
  if (input.outcome === "removed") return ok({ stars: [], restartNotice: false });
  if (!input.proposed || input.proposed.length === 0) return fail("stars_required");
  if (input.proposed.some((k) => !input.starKeys.includes(k))) return fail("unknown_star");
  return ok({
    stars: [...new Set(input.proposed)],
    restartNotice: input.proposed.some((k) => !input.current.includes(k)),
  });
}

/** All of a scheme's stars: the title itself (五星家庭) rather than some of its stars. */
export const isFullHonour = (awarded: readonly string[], starKeys: readonly string[]) =>
  starKeys.length > 0 && starKeys.every((k) => awarded.includes(k));
