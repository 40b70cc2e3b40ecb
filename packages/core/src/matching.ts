import { shanghaiClock } from "./suitability";
import type { AvailabilityWindow } from "./volunteer";

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
export const MATCH_WEIGHTS: Record<MatchPart, number> = { fit: 0.35, distance: 0.25, availability: 0.15, load: 0.15, record: 0.1 };

/** A part's score (0–1) and a reason code the interface turns into a sentence. */
export type PartScore = { part: MatchPart; score: number; weight: number; reason: string; detail?: number };
export type Match = { key: string; kind: MatchCandidate["kind"]; score: number; parts: PartScore[] };

function fit(request: MatchRequest, c: MatchCandidate): PartScore {
  if (c.kind === "offer") {
    const serves = c.categories.includes(request.category);
    return { part: "fit", score: serves ? 1 : 0, weight: MATCH_WEIGHTS.fit, reason: serves ? "offer_serves_category" : "offer_other_category" };
  }
  if (request.requiredSkillIds.length === 0) return { part: "fit", score: 0.5, weight: MATCH_WEIGHTS.fit, reason: "no_skill_needed" };
  const have = request.requiredSkillIds.filter((id) => c.skillIds.includes(id)).length;
  const score = have / request.requiredSkillIds.length;
  return { part: "fit", score, weight: MATCH_WEIGHTS.fit, reason: score === 1 ? "has_skills" : score > 0 ? "some_skills" : "lacks_skills", detail: have };
}

function distance(request: MatchRequest, c: MatchCandidate): PartScore {
  const a = request.place;
  const b = c.place;
  const part = (score: number, reason: string): PartScore => ({ part: "distance", score, weight: MATCH_WEIGHTS.distance, reason });
  if (a.buildingId !== null && a.buildingId === b.buildingId) return part(1, "same_building");
  if (a.gridIds.some((g) => b.gridIds.includes(g))) return part(0.75, "same_grid");
  if (a.communityId === b.communityId) return part(0.5, "same_community");
  if (a.streetId === b.streetId) return part(0.25, "same_street");
  return part(0, "far");
}

function availability(request: MatchRequest, c: MatchCandidate): PartScore {
  const part = (score: number, reason: string): PartScore => ({ part: "availability", score, weight: MATCH_WEIGHTS.availability, reason });
  if (!request.window) return part(0.5, "no_time_given");
  const start = shanghaiClock(request.window.startsAt);
  const endMinute = start.minute + Math.min(24 * 60, Math.round((request.window.endsAt - request.window.startsAt) / 60_000));
  const free = c.windows.some((w) => w.weekday === start.weekday && w.startMinute < endMinute && start.minute < w.endMinute);
  return free ? part(1, "free_then") : part(0, "busy_then");
}

/** Spreads the work: each request already held halves the score, so nobody gets everything. */
function load(c: MatchCandidate): PartScore {
  return { part: "load", score: 1 / (1 + c.openLoad), weight: MATCH_WEIGHTS.load, reason: c.openLoad === 0 ? "free_hands" : "holds_requests", detail: c.openLoad };
}

/** Past ratings and answers to assignments, pulled towards a neutral prior until there is a record. */
function record(c: MatchCandidate): PartScore {
  const PRIOR = 3;
  const rating = (c.ratingSum + PRIOR * 3) / (c.ratingCount + PRIOR); // 1–5, starts at 3
  const answered = (c.accepted + 1) / (c.accepted + c.declined + 2); // starts at ½
  const score = 0.7 * ((rating - 1) / 4) + 0.3 * answered;
  return { part: "record", score, weight: MATCH_WEIGHTS.record, reason: c.ratingCount === 0 ? "no_record_yet" : "rated", detail: Math.round(rating * 10) / 10 };
}

export function scoreCandidate(request: MatchRequest, c: MatchCandidate): Match {
  const parts = [fit(request, c), distance(request, c), availability(request, c), load(c), record(c)];
  const score = parts.reduce((sum, p) => sum + p.score * p.weight, 0);
  return { key: c.key, kind: c.kind, score: Math.round(score * 10_000) / 10_000, parts };
}

/** Best first; equal scores by key, so the same data always gives the same order. */
const better = (a: Match, b: Match) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Ranks candidates for a request. Deterministic for the same data: the clock
 * is not read, only the request's own window. Keeps the best `limit` in a
 * small sorted buffer rather than sorting every candidate.
 */
export function rankCandidates(request: MatchRequest, candidates: readonly MatchCandidate[], limit = 20): Match[] {
  const top: Match[] = [];
  for (const c of candidates) {
    const m = scoreCandidate(request, c);
    if (top.length === limit && better(m, top[top.length - 1]!) >= 0) continue;
    let i = top.length;
    while (i > 0 && better(m, top[i - 1]!) < 0) i--;
    top.splice(i, 0, m);
    if (top.length > limit) top.pop();
  }
  return top;
}
