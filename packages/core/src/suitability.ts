import type { AvailabilityWindow } from "./volunteer";

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Weekday (Monday = 1 … Sunday = 7) and minute of the day in Asia/Shanghai. */
export function shanghaiClock(ms: number): { weekday: number; minute: number } {
  const local = new Date(ms + SHANGHAI_OFFSET_MS);
  return {
    weekday: local.getUTCDay() === 0 ? 7 : local.getUTCDay(),
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

/** YYYY-MM-DD in Asia/Shanghai. */
export const shanghaiDate = (ms: number): string => new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);

/** The instant the Shanghai day containing `ms` began. */
export const shanghaiDayStart = (ms: number): number =>
  Date.parse(`${shanghaiDate(ms)}T00:00:00Z`) - SHANGHAI_OFFSET_MS;

export type SuitabilityReason = "skills_match" | "fits_availability" | "near_home";

/** Whether a shift lies wholly inside one of the volunteer's weekly windows. */
function fitsWindows(shift: { startsAt: number; endsAt: number }, windows: readonly AvailabilityWindow[]): boolean {
  const start = shanghaiClock(shift.startsAt);
  const end = shanghaiClock(shift.endsAt);
  const endMinute = end.weekday === start.weekday ? end.minute : 24 * 60;
  return windows.some((w) => w.weekday === start.weekday && w.startMinute <= start.minute && endMinute <= w.endMinute);
}

/**
 * How well an activity suits a volunteer, with the reasons shown to them
 * ("适合我"): their skills cover what a shift needs, a shift fits their weekly
 * availability, the activity is aimed at their home grid.
 */
export function suitability(
  activity: {
    shifts: readonly { startsAt: number; endsAt: number; requiredSkillIds: readonly number[] }[];
    targetGridIds: readonly number[];
  },
  volunteer: { skillIds: readonly number[]; windows: readonly AvailabilityWindow[]; homeGridId: number | null },
): { score: number; reasons: SuitabilityReason[] } {
  const reasons: SuitabilityReason[] = [];
  const skilled = activity.shifts.filter(
    (s) => s.requiredSkillIds.length > 0 && s.requiredSkillIds.every((id) => volunteer.skillIds.includes(id)),
  );
  if (skilled.length > 0) reasons.push("skills_match");
  if (activity.shifts.some((s) => fitsWindows(s, volunteer.windows))) reasons.push("fits_availability");
  if (volunteer.homeGridId !== null && activity.targetGridIds.includes(volunteer.homeGridId)) reasons.push("near_home");
  const weights: Record<SuitabilityReason, number> = { skills_match: 2, fits_availability: 2, near_home: 1 };
  return { score: reasons.reduce((sum, r) => sum + weights[r], 0), reasons };
}
