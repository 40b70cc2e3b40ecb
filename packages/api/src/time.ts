const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** ISO 8601 in Asia/Shanghai (UTC+8 all year, no daylight saving). */
export function toIso(ms: number): string;
export function toIso(ms: number | null): string | null;
export function toIso(ms: number | null): string | null {
  if (ms === null) return null;
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().replace("Z", "+08:00");
}
