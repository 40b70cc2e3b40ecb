import { describe, expect, it } from "vitest";
import { DEFAULT_EARNING_RULES as rules, earnForHours, earnForRequest } from "./earning";

describe("earning rules", () => {
  it.each([
    { minutes: 60, today: 0, points: 10, capped: false },
    { minutes: 150, today: 0, points: 25, capped: false },
    { minutes: 59, today: 0, points: 9, capped: false },
    { minutes: 0, today: 0, points: 0, capped: false },
    { minutes: 720, today: 150, points: 50, capped: true },
    { minutes: 60, today: 200, points: 0, capped: true },
  ])("$minutes confirmed minutes with $today already earned today → $points", ({ minutes, today, points, capped }) => {
    expect(earnForHours(minutes, rules, today)).toMatchObject({ points, capped });
  });

  it.each([
    { category: "plumbing" as const, rating: 4, points: 30 },
    { category: "plumbing" as const, rating: 5, points: 35 },
    { category: "haircut" as const, rating: 3, points: 15 },
    { category: "item" as const, rating: 5, points: 15 },
  ])("a confirmed $category request rated $rating → $points", ({ category, rating, points }) => {
    expect(earnForRequest(category, rating, rules, 0).points).toBe(points);
  });

  it("the daily cap holds across sources", () => {
    expect(earnForRequest("plumbing", 5, rules, 190)).toMatchObject({ points: 10, capped: true });
  });
});
