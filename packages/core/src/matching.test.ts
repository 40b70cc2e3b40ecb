import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { rankCandidates, scoreCandidate, type MatchCandidate, type MatchRequest } from "./matching";
import { must } from "./result";

// Saturday 2026-12-05 09:00–11:00 in Shanghai, in grid 11 (under grid 10) of community 1.
const request: MatchRequest = {
  requiredSkillIds: [1],
  category: "repair",
  place: { buildingId: 100, gridIds: [11, 10], communityId: 1, streetId: 1 },
  window: { startsAt: Date.parse("2026-12-05T09:00:00+08:00"), endsAt: Date.parse("2026-12-05T11:00:00+08:00") },
};

const volunteer = (over: Partial<MatchCandidate> = {}): MatchCandidate => ({
  key: "volunteer:1",
  kind: "volunteer",
  skillIds: [1],
  categories: [],
  place: { buildingId: 100, gridIds: [11, 10], communityId: 1, streetId: 1 },
  windows: [{ weekday: 6, startMinute: 480, endMinute: 720 }],
  openLoad: 0,
  ratingSum: 0,
  ratingCount: 0,
  accepted: 0,
  declined: 0,
  ...over,
});

const arbCandidate = fc.record({
  id: fc.integer({ min: 1, max: 10_000 }),
  skills: fc.subarray([1, 2, 3]),
  building: fc.constantFrom(100, 101, null),
  grid: fc.constantFrom(11, 12, 20),
  community: fc.constantFrom(1, 2),
  weekday: fc.integer({ min: 1, max: 7 }),
  openLoad: fc.integer({ min: 0, max: 6 }),
  ratings: fc.integer({ min: 0, max: 20 }),
  stars: fc.integer({ min: 1, max: 5 }),
});

type Drawn = typeof arbCandidate extends fc.Arbitrary<infer T> ? T : never;

const toCandidate = (a: Drawn): MatchCandidate =>
  volunteer({
    key: `volunteer:${a.id}`,
    skillIds: a.skills,
    place: { buildingId: a.building, gridIds: [a.grid], communityId: a.community, streetId: 1 },
    windows: [{ weekday: a.weekday, startMinute: 480, endMinute: 720 }],
    openLoad: a.openLoad,
    ratingSum: a.ratings * a.stars,
    ratingCount: a.ratings,
  });

describe("matching", () => {
  it("explains every score part with a reason", () => {
    const m = scoreCandidate(request, volunteer());
    expect(m.parts.map((p) => `${p.part}:${p.reason}`)).toEqual([
      "fit:has_skills",
      "distance:same_building",
      "availability:free_then",
      "load:free_hands",
      "record:no_record_yet",
    ]);
    expect(m.score).toBeCloseTo(
      m.parts.reduce((s, p) => s + p.score * p.weight, 0),
      3,
    );
  });

  it.each([
    { case: "same grid", place: { buildingId: 101, gridIds: [11], communityId: 1, streetId: 1 }, reason: "same_grid" },
    {
      case: "parent grid",
      place: { buildingId: null, gridIds: [10], communityId: 1, streetId: 1 },
      reason: "same_grid",
    },
    {
      case: "same community",
      place: { buildingId: 200, gridIds: [20], communityId: 1, streetId: 1 },
      reason: "same_community",
    },
    {
      case: "same street",
      place: { buildingId: 300, gridIds: [30], communityId: 2, streetId: 1 },
      reason: "same_street",
    },
  ])("ranks distance by the structure: $case", ({ place, reason }) => {
    expect(must(scoreCandidate(request, volunteer({ place })).parts[1]).reason).toBe(reason);
  });

  it("a better fit never ranks below a worse one when all else is equal", () => {
    fc.assert(
      fc.property(arbCandidate, (a) => {
        const base = toCandidate(a);
        const skilled = { ...base, key: "volunteer:skilled", skillIds: [...base.skillIds, 1] };
        const unskilled = { ...base, key: "volunteer:unskilled", skillIds: base.skillIds.filter((s) => s !== 1) };
        const ranked = rankCandidates(request, [unskilled, skilled]);
        return must(ranked[0]).key === "volunteer:skilled";
      }),
    );
  });

  it("spreads the work: holding more open requests never ranks higher, all else equal", () => {
    fc.assert(
      fc.property(arbCandidate, fc.integer({ min: 1, max: 5 }), (a, more) => {
        const light = { ...toCandidate(a), key: "volunteer:b-light" };
        const busy = { ...light, key: "volunteer:a-busy", openLoad: light.openLoad + more };
        return must(rankCandidates(request, [busy, light])[0]).key === "volunteer:b-light";
      }),
    );
  });

  it("is deterministic and independent of the input order", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbCandidate, { minLength: 1, maxLength: 60, selector: (a) => a.id }),
        fc.integer(),
        (raw, seed) => {
          const candidates = raw.map(toCandidate);
          const shuffled = [...candidates].sort(
            (x, y) => ((x.key.length * 31 + seed) % 7) - ((y.key.length * 17 + seed) % 5),
          );
          const a = rankCandidates(request, candidates, 10);
          const b = rankCandidates(request, shuffled, 10);
          expect(b).toEqual(a);
          expect(rankCandidates(request, candidates, 10)).toEqual(a);
          // The top-k buffer agrees with a full sort.
          const full = candidates
            .map((c) => scoreCandidate(request, c))
            .sort((x, y) => y.score - x.score || (x.key < y.key ? -1 : 1));
          expect(a.map((m) => m.key)).toEqual(full.slice(0, 10).map((m) => m.key));
        },
      ),
    );
  });

  it("offers match by the categories they serve", () => {
    const offer = volunteer({ key: "offer:1", kind: "offer", skillIds: [], categories: ["repair"] });
    const other = { ...offer, key: "offer:2", categories: ["haircut"] };
    expect(rankCandidates(request, [other, offer]).map((m) => m.key)).toEqual(["offer:1", "offer:2"]);
  });
});
