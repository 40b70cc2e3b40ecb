import { shanghaiClock } from "./suitability";
import type { AvailabilityWindow } from "./volunteer";
import { must } from "./result";

/** Where someone or something is, from the building up: grids nearest first. */
export type Place = { buildingId: number | null; gridIds: readonly number[]; communityId: number; streetId: number };

export type MatchRequest = {
  requiredSkillIds: readonly number[];
  category: string;
  place: Place;
  /** The resident's preferred time, if any. */
  window: { startsAt: number; endsAt: number } | null;
};

export type MatchCandidate = {
  key: string; // volunteer:12, team:3, offer:7
  kind: "volunteer" | "team" | "offer";
  skillIds: readonly number[];
  /** Offers name the categories they serve. */
  categories: readonly string[];
  place: Place;
  windows: readonly AvailabilityWindow[];
  /** Requests the candidate holds right now. */
  openLoad: number;
  ratingSum: number;
  ratingCount: number;
  /** Assignments accepted and declined so far. */
  accepted: number;
  declined: number;
};

export const MATCH_PARTS = ["fit", "distance", "availability", "load", "record"] as const;
export type MatchPart = (typeof MATCH_PARTS)[number];

/** How much each part counts; they sum to 1. */
export const MATCH_WEIGHTS: Record<MatchPart, number> = {
  fit: 0.35,
  distance: 0.25,
  availability: 0.15,
  load: 0.15,
  record: 0.1,
};

/** A part's score (0–1) and a reason code the interface turns into a sentence. */
export type PartScore = { part: MatchPart; score: number; weight: number; reason: string; detail?: number };
export type Match = { key: string; kind: MatchCandidate["kind"]; score: number; parts: PartScore[] };

/** The request's facts worked out once, not once per candidate. */
type Prepared = { request: MatchRequest; start: { weekday: number; minute: number } | null; endMinute: number };

function prepare(request: MatchRequest): Prepared {
  if (!request.window) return { request, start: null, endMinute: 0 };
  const start = shanghaiClock(request.window.startsAt);
  return {
    request,
    start,
    endMinute: start.minute + Math.min(24 * 60, Math.round((request.window.endsAt - request.window.startsAt) / 60_000)),
  };
}

// Each part's score, as plain numbers: the ranking loop runs these for every candidate.
function fitScore(p: Prepared, c: MatchCandidate): number {
  if (c.kind === "offer") return c.categories.includes(p.request.category) ? 1 : 0;
  const required = p.request.requiredSkillIds;
  if (required.length === 0) return 0.5;
  let have = 0;
  for (const id of required) if (c.skillIds.includes(id)) have += 1;
  return have / required.length;
}

function distanceScore(p: Prepared, c: MatchCandidate): number {
  const a = p.request.place;
  const b = c.place;
  if (a.buildingId !== null && a.buildingId === b.buildingId) return 1;
  for (const g of a.gridIds) if (b.gridIds.includes(g)) return 0.75;
  if (a.communityId === b.communityId) return 0.5;
  return a.streetId === b.streetId ? 0.25 : 0;
}

function availabilityScore(p: Prepared, c: MatchCandidate): number {
  if (!p.start) return 0.5;
  for (const w of c.windows)
    if (w.weekday === p.start.weekday && w.startMinute < p.endMinute && p.start.minute < w.endMinute) return 1;
  return 0;
}

/** Spreads the work: each request already held halves the score, so nobody gets everything. */
const loadScore = (c: MatchCandidate): number => 1 / (1 + c.openLoad);

/** Past ratings and answers to assignments, pulled towards a neutral prior until there is a record. */
const RATING_PRIOR_COUNT = 3;
const averageRating = (c: MatchCandidate) =>
  (c.ratingSum + RATING_PRIOR_COUNT * 3) / (c.ratingCount + RATING_PRIOR_COUNT); // 1–5, starts at 3
function recordScore(c: MatchCandidate): number {
  const answered = (c.accepted + 1) / (c.accepted + c.declined + 2); // starts at ½
  return 0.7 * ((averageRating(c) - 1) / 4) + 0.3 * answered;
}

const round = (score: number) => Math.round(score * 10_000) / 10_000;

function total(p: Prepared, c: MatchCandidate): number {
  const w = MATCH_WEIGHTS;
  return round(
    w.fit * fitScore(p, c) +
      w.distance * distanceScore(p, c) +
      w.availability * availabilityScore(p, c) +
      w.load * loadScore(c) +
      w.record * recordScore(c),
  );
}

const DISTANCE_REASONS: Record<number, string> = {
  1: "same_building",
  0.75: "same_grid",
  0.5: "same_community",
  0.25: "same_street",
  0: "far",
};

/** The same scores with their reasons, for the few candidates a person will read. */
function explain(p: Prepared, c: MatchCandidate): Match {
  const fit = fitScore(p, c);
  const fitReason =
    c.kind === "offer"
      ? fit === 1
        ? "offer_serves_category"
        : "offer_other_category"
      : p.request.requiredSkillIds.length === 0
        ? "no_skill_needed"
        : fit === 1
          ? "has_skills"
          : fit > 0
            ? "some_skills"
            : "lacks_skills";
  const distance = distanceScore(p, c);
  const availability = availabilityScore(p, c);
  const part = (name: MatchPart, score: number, reason: string, detail?: number): PartScore => ({
    part: name,
    score,
    weight: MATCH_WEIGHTS[name],
    reason,
    ...(detail === undefined ? {} : { detail }),
  });
  const parts = [
    part("fit", fit, fitReason),
    part("distance", distance, must(DISTANCE_REASONS[distance])),
    part("availability", availability, !p.start ? "no_time_given" : availability === 1 ? "free_then" : "busy_then"),
    part("load", loadScore(c), c.openLoad === 0 ? "free_hands" : "holds_requests", c.openLoad),
    part(
      "record",
      recordScore(c),
      c.ratingCount === 0 ? "no_record_yet" : "rated",
      Math.round(averageRating(c) * 10) / 10,
    ),
  ];
  return { key: c.key, kind: c.kind, score: total(p, c), parts };
}

export const scoreCandidate = (request: MatchRequest, c: MatchCandidate): Match => explain(prepare(request), c);

/** Best first; equal scores by key, so the same data always gives the same order. */
const before = (scoreA: number, keyA: string, scoreB: number, keyB: string) =>
  scoreA > scoreB || (scoreA === scoreB && keyA < keyB);

/**
 * Ranks candidates for a request. Deterministic for the same data: the clock
 * is not read, only the request's own window. Scores every candidate as plain
 * numbers, keeps the best `limit` in a small sorted buffer, and explains only those.
 */
export function rankCandidates(request: MatchRequest, candidates: readonly MatchCandidate[], limit = 20): Match[] {
  const p = prepare(request);
  const top: { score: number; c: MatchCandidate }[] = [];
  for (const c of candidates) {
    const score = total(p, c);
    const last = top[top.length - 1];
    if (top.length === limit && last && !before(score, c.key, last.score, last.c.key)) continue;
    let i = top.length;
    while (i > 0 && before(score, c.key, must(top[i - 1]).score, must(top[i - 1]).c.key)) i--;
    top.splice(i, 0, { score, c });
    if (top.length > limit) top.pop();
  }
  return top.map(({ c }) => explain(p, c));
}
