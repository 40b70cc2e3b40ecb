import { describe, expect, it } from "vitest";
import {
  ICS_LINE_OCTETS_MAX,
  escapeText,
  eventStatus,
  foldLine,
  icsTime,
  placePerShift,
  renderCalendar,
  shiftUid,
  type CalendarEvent,
} from "./calendar";

const octets = (s: string) => new TextEncoder().encode(s).length;
/** Undoes folding (§3.1): a CRLF followed by one space joins the lines again. */
const unfold = (s: string) => s.replace(/\r\n /g, "");

const NOW = Date.UTC(2026, 11, 1, 0, 0, 0);
const event: CalendarEvent = {
  shiftId: 42,
  startsAt: Date.UTC(2026, 11, 5, 1, 0, 0),
  endsAt: Date.UTC(2026, 11, 5, 3, 30, 0),
  summary: "敬老院陪伴",
  location: "和平社区服务中心",
  description: "请带好水杯",
  status: "CONFIRMED",
  url: null,
};

describe("TEXT values are escaped", () => {
  it.each([
    { text: "plain", escaped: "plain" },
    { text: "a;b,c", escaped: "a\\;b\\,c" },
    { text: "C:\\temp", escaped: "C:\\\\temp" },
    { text: "一行\n二行\r\n三行\r四行", escaped: "一行\\n二行\\n三行\\n四行" },
    { text: "全角：水杯，毛巾；雨伞", escaped: "全角：水杯，毛巾；雨伞" },
    { text: "tab\tkept, bell\u0007 dropped", escaped: "tab\tkept\\, bell dropped" },
    { text: "\\n is not a newline", escaped: "\\\\n is not a newline" },
  ])("$text", ({ text, escaped }) => {
    expect(escapeText(text)).toBe(escaped);
  });
});

describe("long lines fold at 75 octets without splitting a character", () => {
  it.each([
    { case: "short ASCII stays whole", line: "SUMMARY:hello", parts: 1 },
    { case: "exactly 75 octets stays whole", line: `X:${"a".repeat(73)}`, parts: 1 },
    { case: "76 octets folds once", line: `X:${"a".repeat(74)}`, parts: 2 },
    {
      case: "Chinese (3 octets each) folds before a character would cross the limit",
      line: `SUMMARY:${"敬老".repeat(40)}`,
      parts: 4,
    },
    { case: "emoji (4 octets, a surrogate pair) stays whole", line: `DESCRIPTION:${"🙂".repeat(40)}`, parts: 3 },
    { case: "mixed scripts", line: `LOCATION:${"和平 Road 1号，".repeat(12)}`, parts: 4 },
  ])("$case", ({ line, parts }) => {
    const folded = foldLine(line);
    const lines = folded.split("\r\n");
    expect(lines).toHaveLength(parts);
    for (const l of lines) expect(octets(l)).toBeLessThanOrEqual(ICS_LINE_OCTETS_MAX);
    for (const l of lines.slice(1)) expect(l.startsWith(" ")).toBe(true);
    // No replacement characters: every piece is valid UTF-8 on its own.
    for (const l of lines)
      expect(new TextDecoder("utf-8", { fatal: true }).decode(new TextEncoder().encode(l))).toBe(l);
    expect(unfold(folded)).toBe(line);
  });
});

describe("a shift's status in the calendar", () => {
  it.each([
    { signup: "confirmed", activity: "published", status: "CONFIRMED" },
    { signup: "waitlisted", activity: "published", status: "TENTATIVE" },
    { signup: "cancelled", activity: "published", status: "CANCELLED" },
    { signup: "confirmed", activity: "cancelled", status: "CANCELLED" },
    { signup: "waitlisted", activity: "cancelled", status: "CANCELLED" },
    { signup: "confirmed", activity: "finished", status: "CONFIRMED" },
    { signup: null, activity: "published", status: "CONFIRMED" },
    { signup: null, activity: "cancelled", status: "CANCELLED" },
  ] as const)("$signup place on a $activity activity is $status", ({ signup, activity, status }) => {
    expect(eventStatus(signup, activity)).toBe(status);
  });
});

describe("one event per shift", () => {
  it.each([
    { case: "one place", rows: [[1, "confirmed"]], kept: [[1, "confirmed"]] },
    {
      case: "given up, then signed up again",
      rows: [
        [1, "cancelled"],
        [1, "waitlisted"],
      ],
      kept: [[1, "waitlisted"]],
    },
    {
      case: "the live place listed first",
      rows: [
        [1, "confirmed"],
        [1, "cancelled"],
      ],
      kept: [[1, "confirmed"]],
    },
    {
      case: "given up twice",
      rows: [
        [1, "cancelled"],
        [1, "cancelled"],
      ],
      kept: [[1, "cancelled"]],
    },
    {
      case: "several shifts keep their order",
      rows: [
        [2, "confirmed"],
        [1, "cancelled"],
        [1, "confirmed"],
      ],
      kept: [
        [2, "confirmed"],
        [1, "confirmed"],
      ],
    },
  ] as const)("$case", ({ rows, kept }) => {
    const asRows = (list: readonly (readonly [number, "confirmed" | "waitlisted" | "cancelled"])[]) =>
      list.map(([shiftId, signupStatus]) => ({ shiftId, signupStatus }));
    expect(placePerShift(asRows(rows))).toEqual(asRows(kept));
  });
});

describe("a calendar", () => {
  const text = renderCalendar("我的志愿服务", [event], NOW);
  const lines = unfold(text).split("\r\n");

  it("ends every line with CRLF and has no bare LF", () => {
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("wraps events in one VCALENDAR of version 2.0", () => {
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines).toContain("VERSION:2.0");
    expect(lines).toContain("X-WR-CALNAME:我的志愿服务");
    expect(lines.at(-2)).toBe("END:VCALENDAR");
  });

  it.each([
    `UID:${shiftUid(42)}`,
    "UID:shift-42@tongxin",
    "DTSTAMP:20261201T000000Z",
    "DTSTART:20261205T010000Z",
    "DTEND:20261205T033000Z",
    "SUMMARY:敬老院陪伴",
    "LOCATION:和平社区服务中心",
    "DESCRIPTION:请带好水杯",
    "STATUS:CONFIRMED",
    "BEGIN:VALARM",
    "TRIGGER:-PT120M",
    "ACTION:DISPLAY",
  ])("has the line %s", (line) => {
    expect(lines).toContain(line);
  });

  it.each([
    { case: "no description", over: { description: null }, absent: /^DESCRIPTION:请/ },
    { case: "no URL", over: { url: null }, absent: /^URL:/ },
    { case: "no reminder on a cancelled event", over: { status: "CANCELLED" as const }, absent: /^BEGIN:VALARM/ },
  ])("leaves out a line when there is $case", ({ over, absent }) => {
    const out = unfold(renderCalendar("x", [{ ...event, ...over }], NOW)).split("\r\n");
    expect(out.filter((l) => absent.test(l))).toEqual([]);
  });

  it("escapes a title and folds a long note, which reads back whole", () => {
    const note = "集合地点：东门，带好身份证; 穿运动鞋\n".repeat(5);
    const out = renderCalendar(
      "x",
      [{ ...event, summary: "义诊, 测血压", description: note, url: "https://tx.example/activities/7" }],
      NOW,
    );
    for (const l of out.split("\r\n")) expect(octets(l)).toBeLessThanOrEqual(ICS_LINE_OCTETS_MAX);
    const read = unfold(out).split("\r\n");
    expect(read).toContain("SUMMARY:义诊\\, 测血压");
    expect(read).toContain(`DESCRIPTION:${escapeText(note)}`);
    expect(read).toContain("URL:https://tx.example/activities/7");
  });

  it("has no event for an empty list, still a valid calendar", () => {
    const out = renderCalendar("x", [], NOW).split("\r\n");
    expect(out.filter((l) => l === "BEGIN:VEVENT")).toEqual([]);
    expect(out).toContain("END:VCALENDAR");
  });

  it("writes times in UTC whatever the time zone of the machine", () => {
    expect(icsTime(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe("20260102T030405Z");
  });
});
