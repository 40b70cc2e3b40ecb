import type { ActivityStatus } from "./activity";
import type { SignupStatus } from "./signup";

/** RFC 5545 §3.1: a content line is at most this many octets before its CRLF; longer ones are folded. */
export const ICS_LINE_OCTETS_MAX = 75;
/** The reminder calendar apps show before a shift (VALARM). */
export const ICS_ALARM_MS_BEFORE = 2 * 60 * 60 * 1000;

const CRLF = "\r\n";

/** How a shift stands in someone's calendar. */
export type EventStatus = "CONFIRMED" | "TENTATIVE" | "CANCELLED";

export type CalendarEvent = {
  shiftId: number;
  startsAt: number;
  endsAt: number;
  /** The activity's title. */
  summary: string;
  location: string;
  /** What to bring, the organiser's note; null when there is none. */
  description: string | null;
  status: EventStatus;
  /** The activity's page, when the caller knows the site's address. */
  url: string | null;
};

/** The same UID for a shift in every feed and download, so calendar apps update it instead of duplicating it. */
export const shiftUid = (shiftId: number): string => `shift-${shiftId}@tongxin`;

/**
 * A place kept is CONFIRMED, a waitlist place TENTATIVE; a place given up, or a cancelled activity,
 * stays in the window as CANCELLED so calendar apps strike the event they already hold.
 */
export function eventStatus(signup: SignupStatus | null, activity: ActivityStatus): EventStatus {
  if (activity === "cancelled" || signup === "cancelled") return "CANCELLED";
  return signup === "waitlisted" ? "TENTATIVE" : "CONFIRMED";
}

/**
 * One event per shift: someone who gave a place up and signed up again has a cancelled sign-up beside
 * the live one, and the live one is what stands. Keeps the order of first appearance.
 */
export function placePerShift<T extends { shiftId: number; signupStatus: SignupStatus }>(rows: readonly T[]): T[] {
  const chosen = new Map<number, T>();
  for (const row of rows) {
    const held = chosen.get(row.shiftId);
    if (!held || (held.signupStatus === "cancelled" && row.signupStatus !== "cancelled")) chosen.set(row.shiftId, row);
  }
  return [...chosen.values()];
}

/** UTC date-time form (`20261201T010000Z`) of epoch milliseconds. */
export function icsTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/**
 * A TEXT value (§3.3.11): backslash, semicolon and comma escaped, every line break as `\n`;
 * other control characters dropped, since a stray one would end the line early for some readers.
 */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(/(?!\t)\p{Cc}/gu, "");
}

const octetsOf = (codePoint: number): number =>
  codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;

/**
 * Folds a content line at 75 octets (§3.1): each continuation starts with a space, which counts.
 * Splits only between code points, so a Chinese character (3 octets in UTF-8) is never cut in two.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = octetsOf(char.codePointAt(0) ?? 0);
    if (octets + size > ICS_LINE_OCTETS_MAX) {
      parts.push(current);
      current = " ";
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

function eventLines(event: CalendarEvent, now: number): string[] {
  const text = (name: string, value: string) => `${name}:${escapeText(value)}`;
  const lines = [
    "BEGIN:VEVENT",
    `UID:${shiftUid(event.shiftId)}`,
    `DTSTAMP:${icsTime(now)}`,
    `DTSTART:${icsTime(event.startsAt)}`,
    `DTEND:${icsTime(event.endsAt)}`,
    text("SUMMARY", event.summary),
    text("LOCATION", event.location),
  ];
  if (event.description) lines.push(text("DESCRIPTION", event.description));
  if (event.url) lines.push(`URL:${event.url}`);
  lines.push(`STATUS:${event.status}`);
  // A struck-out event needs no reminder.
  if (event.status !== "CANCELLED")
    lines.push(
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      `TRIGGER:-PT${ICS_ALARM_MS_BEFORE / 60_000}M`,
      text("DESCRIPTION", event.summary),
      "END:VALARM",
    );
  lines.push("END:VEVENT");
  return lines;
}

/** A whole VCALENDAR: CRLF after every line, long lines folded, DTSTAMP from the `now` given. */
export function renderCalendar(name: string, events: readonly CalendarEvent[], now: number): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Tongxin//Tongxin 同心//ZH",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(name)}`,
    ...events.flatMap((event) => eventLines(event, now)),
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
