import { pinyin } from "pinyin-pro";
import { fail, ok, type Result, must } from "./result";

/** The starting skill catalogue; staff can add more. */
export const DEFAULT_SKILLS = [
  "水电维修",
  "理发",
  "课业辅导",
  "医疗义诊",
  "法律咨询",
  "心理疏导",
  "助老陪护",
  "环境整治",
  "文艺",
  "驾驶",
] as const;

/** 在职 / 退休 / 流动 Party members; null for non-members. */
export const PARTY_STATUSES = ["active", "retired", "mobile"] as const;
export type PartyStatus = (typeof PARTY_STATUSES)[number];

export const TEAM_KINDS = ["医疗保健", "环境卫生", "政策宣传", "矛盾调解", "治安维稳", "暖心帮扶"] as const;
export const PARTNER_KINDS = ["agency", "school", "hospital", "enterprise", "social_org"] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** A weekly window, minutes from midnight: Monday = 1 … Sunday = 7. */
export type AvailabilityWindow = { weekday: number; startMinute: number; endMinute: number };

export const MINUTES_PER_DAY = 24 * 60;

export function checkAvailability(
  windows: readonly AvailabilityWindow[],
): Result<{ windows: AvailabilityWindow[] }, "invalid_window" | "overlapping_windows"> {
  for (const w of windows) {
    if (
      w.weekday < 1 ||
      w.weekday > 7 ||
      w.startMinute < 0 ||
      w.endMinute > MINUTES_PER_DAY ||
      w.startMinute >= w.endMinute
    )
      return fail("invalid_window");
  }
  const sorted = [...windows].sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
  for (let i = 1; i < sorted.length; i++) {
    const [prev, cur] = [must(sorted[i - 1]), must(sorted[i])];
    if (prev.weekday === cur.weekday && cur.startMinute < prev.endMinute) return fail("overlapping_windows");
  }
  return ok({ windows: sorted });
}

/** 星级志愿者 by confirmed hours (national volunteer-record practice). */
export const STAR_THRESHOLDS_HOURS = [100, 300, 600, 1000, 1500] as const;

export function starLevel(totalMinutes: number): number {
  const hours = totalMinutes / 60;
  return STAR_THRESHOLDS_HOURS.filter((threshold) => hours >= threshold).length;
}

/** Search keys for a name: 张三 → full "zhangsan", initials "zs"; stored so `zs` finds 张三 in SQL. */
export function nameSearchKeys(name: string): { full: string; initials: string } {
  const syllables = pinyin(name, { toneType: "none", type: "array", nonZh: "consecutive" });
  const initials = pinyin(name, { pattern: "first", toneType: "none", type: "array", nonZh: "consecutive" });
  return { full: syllables.join("").toLowerCase(), initials: initials.join("").toLowerCase() };
}
