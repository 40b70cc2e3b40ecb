import { describe, expect, it } from "vitest";
import { shanghaiClock, shanghaiDate, shanghaiDayStart, suitability } from "./suitability";

const at = (iso: string) => Date.parse(iso);
// Saturday 2026-12-05, 09:00–11:00 in Shanghai.
const shift = {
  startsAt: at("2026-12-05T09:00:00+08:00"),
  endsAt: at("2026-12-05T11:00:00+08:00"),
  requiredSkillIds: [1],
};

describe("suitability", () => {
  it("reads weekday, minute and date in Asia/Shanghai", () => {
    expect(shanghaiClock(shift.startsAt)).toEqual({ weekday: 6, minute: 540 });
    expect(shanghaiClock(at("2026-12-06T23:30:00+08:00"))).toEqual({ weekday: 7, minute: 1410 });
    expect(shanghaiDate(at("2026-12-05T00:30:00+08:00"))).toBe("2026-12-05");
  });

  it("a Shanghai day starts at midnight Shanghai time, 16:00 UTC the day before", () => {
    expect(shanghaiDayStart(at("2026-12-05T00:30:00+08:00"))).toBe(at("2026-12-05T00:00:00+08:00"));
    expect(shanghaiDayStart(at("2026-12-05T23:59:59+08:00"))).toBe(at("2026-12-05T00:00:00+08:00"));
    expect(shanghaiDayStart(at("2026-12-05T00:00:00+08:00"))).toBe(at("2026-12-05T00:00:00+08:00"));
  });

  it.each([
    {
      case: "skills, a Saturday-morning window and the home grid",
      volunteer: { skillIds: [1, 2], windows: [{ weekday: 6, startMinute: 480, endMinute: 720 }], homeGridId: 5 },
      expected: { score: 5, reasons: ["skills_match", "fits_availability", "near_home"] },
    },
    {
      case: "a window that ends too early",
      volunteer: { skillIds: [1], windows: [{ weekday: 6, startMinute: 480, endMinute: 600 }], homeGridId: null },
      expected: { score: 2, reasons: ["skills_match"] },
    },
    {
      case: "no matching skill, a window on another day",
      volunteer: { skillIds: [2], windows: [{ weekday: 5, startMinute: 0, endMinute: 1440 }], homeGridId: 9 },
      expected: { score: 0, reasons: [] },
    },
  ])("scores $case", ({ volunteer, expected }) => {
    expect(suitability({ shifts: [shift], targetGridIds: [5] }, volunteer)).toEqual(expected);
  });
});
