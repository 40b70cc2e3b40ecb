import { locale } from "./i18n";

/** Times arrive as ISO 8601 with +08:00; show them in Beijing time whatever the phone's zone. */
const ZONE = "Asia/Shanghai";

export function formatTime(iso: string | null | undefined, withDate = true): string {
  if (!iso) return "—";
  const options: Intl.DateTimeFormatOptions = withDate
    ? {
        timeZone: ZONE,
        month: "numeric",
        day: "numeric",
        weekday: "short",
        hour: "2-digit",
        minute: "2-digit",
        hour12: false,
      }
    : { timeZone: ZONE, hour: "2-digit", minute: "2-digit", hour12: false };
  return new Intl.DateTimeFormat(locale() === "zh" ? "zh-CN" : "en-GB", options).format(new Date(iso));
}

export const formatRange = (startIso: string, endIso: string) => `${formatTime(startIso)}–${formatTime(endIso, false)}`;

/** A date input (YYYY-MM-DD) and time input (HH:mm) read as Beijing time. */
export const shanghaiIso = (date: string, time: string) => `${date}T${time}:00+08:00`;

/** Today in Beijing, for date inputs. */
export const todayInShanghai = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

export const hoursOf = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

/** A day in Beijing with the year (公示 dates): 2026年12月2日. */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat(locale() === "zh" ? "zh-CN" : "en-GB", {
    timeZone: ZONE,
    year: "numeric",
    month: "long",
    day: "numeric",
  }).format(new Date(iso));
}

/** The last day a period ending at `endIso` (exclusive, e.g. 24:00) still covers. */
export const lastDayOf = (endIso: string | null | undefined) =>
  endIso ? new Date(Date.parse(endIso) - 1).toISOString() : null;
