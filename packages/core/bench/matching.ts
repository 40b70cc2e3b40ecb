/**
 * Matching in core: one request ranked against 100,000 volunteers and 10,000
 * offers, repeated; prints p50/p99. Run with `pnpm bench` (root).
 */
import { prngForBench } from "./prng";
import { rankCandidates, type MatchCandidate, type MatchRequest } from "../src/matching";
import { must } from "@tongxin/core";

const random = prngForBench(7);
const pick = <T>(items: readonly T[]) => must(items[Math.floor(random() * items.length)]);

function candidate(i: number, kind: "volunteer" | "offer"): MatchCandidate {
  const community = 1 + Math.floor(random() * 5);
  const grid = community * 100 + Math.floor(random() * 9);
  return {
    key: `${kind}:${i}`,
    kind,
    skillIds:
      kind === "volunteer" ? [pick([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), pick([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])] : [],
    categories: kind === "offer" ? [pick(["plumbing", "haircut", "tutoring", "health", "companionship"])] : [],
    place: {
      buildingId: grid * 10 + Math.floor(random() * 6),
      gridIds: [grid, community * 100],
      communityId: community,
      streetId: 1,
    },
    windows: [{ weekday: 1 + Math.floor(random() * 7), startMinute: 480, endMinute: 720 }],
    openLoad: Math.floor(random() * 3),
    ratingSum: Math.floor(random() * 40),
    ratingCount: Math.floor(random() * 10),
    accepted: Math.floor(random() * 5),
    declined: Math.floor(random() * 2),
  };
}

const candidates = [
  ...Array.from({ length: 100_000 }, (_, i) => candidate(i, "volunteer")),
  ...Array.from({ length: 10_000 }, (_, i) => candidate(i, "offer")),
];
const requestAt = (i: number): MatchRequest => ({
  requiredSkillIds: [1 + (i % 10)],
  category: pick(["plumbing", "haircut", "companionship"]),
  place: { buildingId: 1010 + (i % 5), gridIds: [101, 100], communityId: 1, streetId: 1 },
  window: {
    startsAt: Date.parse("2026-12-05T09:00:00+08:00") + (i % 7) * 86_400_000,
    endsAt: Date.parse("2026-12-05T11:00:00+08:00") + (i % 7) * 86_400_000,
  },
});

for (let i = 0; i < 5; i++) rankCandidates(requestAt(i), candidates); // warm up
const timesMs: number[] = [];
for (let i = 0; i < 200; i++) {
  const start = performance.now();
  rankCandidates(requestAt(i), candidates, 20);
  timesMs.push(performance.now() - start);
}
timesMs.sort((a, b) => a - b);
const at = (q: number) => must(timesMs[Math.min(timesMs.length - 1, Math.floor(q * timesMs.length))]).toFixed(1);
console.log(
  `core matching: 1 request × ${candidates.length.toLocaleString()} candidates (100k volunteers + 10k offers), 200 runs: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms (target p99 < 50 ms)`,
);
