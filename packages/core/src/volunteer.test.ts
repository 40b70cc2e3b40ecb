import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkAvailability, nameSearchKeys, starLevel } from "./volunteer";

describe("volunteer rules", () => {
  it.each([
    [0, 0],
    [99 * 60 + 59, 0],
    [100 * 60, 1],
    [299 * 60, 1],
    [300 * 60, 2],
    [600 * 60, 3],
    [1000 * 60, 4],
    [1499 * 60, 4],
    [1500 * 60, 5],
    [5000 * 60, 5],
  ])("%i confirmed minutes earn %i stars", (minutes, stars) => {
    expect(starLevel(minutes)).toBe(stars);
  });

  it.each([
    ["张三", "zhangsan", "zs"],
    ["欧阳小华", "ouyangxiaohua", "oyxh"],
    ["郑桂兰", "zhengguilan", "zgl"],
  ])("%s is found by %s and by %s", (name, full, initials) => {
    expect(nameSearchKeys(name)).toEqual({ full, initials });
  });

  // The volunteer search reads one letter on the initials' index alone (api services/volunteer/search.ts).
  it("a name's full pinyin and its initials start with the same letter", () => {
    const hanzi = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c));
    const part = fc.oneof(
      fc.string({ minLength: 1, maxLength: 4, unit: hanzi }),
      fc.stringMatching(/^[A-Za-zë ]{1,6}$/),
    );
    const name = fc.array(part, { minLength: 1, maxLength: 3 }).map((parts) => parts.join("").trim());
    fc.assert(
      fc.property(
        name.filter((n) => n.length > 0),
        (n) => {
          const { full, initials } = nameSearchKeys(n);
          expect(initials[0]).toBe(full[0]);
        },
      ),
      { seed: 20261201, numRuns: 500 },
    );
  });

  it.each([
    {
      case: "a weekday out of range",
      windows: [{ weekday: 8, startMinute: 0, endMinute: 60 }],
      reason: "invalid_window",
    },
    { case: "an empty window", windows: [{ weekday: 1, startMinute: 60, endMinute: 60 }], reason: "invalid_window" },
    {
      case: "a window past midnight",
      windows: [{ weekday: 1, startMinute: 60, endMinute: 1441 }],
      reason: "invalid_window",
    },
    {
      case: "two overlapping windows on one day",
      windows: [
        { weekday: 2, startMinute: 540, endMinute: 720 },
        { weekday: 2, startMinute: 600, endMinute: 660 },
      ],
      reason: "overlapping_windows",
    },
  ])("refuses availability with $case", ({ windows, reason }) => {
    expect(checkAvailability(windows)).toEqual({ ok: false, reason });
  });

  it("sorts valid windows by day and time", () => {
    const result = checkAvailability([
      { weekday: 6, startMinute: 540, endMinute: 720 },
      { weekday: 2, startMinute: 840, endMinute: 960 },
      { weekday: 2, startMinute: 540, endMinute: 720 },
    ]);
    expect(result.ok && result.windows.map((w) => `${w.weekday}:${w.startMinute}`)).toEqual([
      "2:540",
      "2:840",
      "6:540",
    ]);
  });
});
