import { describe, expect, it } from "vitest";
import { reminderDue, reminderWindows, requestReaders, summaryOf } from "./message";

const H = 3_600_000;
const start = 1_000 * H;

describe("shift reminders", () => {
  it.each([
    { case: "two days before", now: start - 48 * H, due: null },
    { case: "a minute before the day-before lead", now: start - 24 * H - 60_000, due: null },
    { case: "exactly a day before", now: start - 24 * H, due: "dayBefore" },
    { case: "the evening before (missed while down, still useful)", now: start - 10 * H, due: "dayBefore" },
    { case: "exactly two hours before", now: start - 2 * H, due: "twoHours" },
    { case: "an hour before (the day-before one is stale by now)", now: start - H, due: "twoHours" },
    { case: "at the start", now: start, due: null },
    { case: "after the start", now: start + H, due: null },
  ])("$case: $due", ({ now, due }) => {
    expect(reminderDue(start, now)).toBe(due);
    // The scheduler's query windows say the same.
    const window = reminderWindows(now).find((w) => start > w.after && start <= w.upTo);
    expect(window?.lead ?? null).toBe(due);
  });
});

describe("who hears of a move on a request, and in which words", () => {
  const base = { ownerUserId: 1, oldHolderUserId: null, newHolderUserId: null, actorUserId: 9, quiet: false };
  it.each([
    {
      case: "staff accept: the resident hears of progress",
      action: "accept",
      who: base,
      readers: [{ userId: 1, kind: "request_changed" }],
    },
    {
      case: "staff assign: the resident hears of progress, the assignee is told 派单",
      action: "assign",
      who: { ...base, newHolderUserId: 5 },
      readers: [
        { userId: 1, kind: "request_changed" },
        { userId: 5, kind: "request_assigned" },
      ],
    },
    {
      case: "staff reassign: the volunteer who held it is told too",
      action: "assign",
      who: { ...base, oldHolderUserId: 4, newHolderUserId: 5 },
      readers: [
        { userId: 1, kind: "request_changed" },
        { userId: 5, kind: "request_assigned" },
        { userId: 4, kind: "request_holder" },
      ],
    },
    {
      case: "a volunteer claims: only the resident (never the actor)",
      action: "claim",
      who: { ...base, newHolderUserId: 9 },
      readers: [{ userId: 1, kind: "request_changed" }],
    },
    {
      case: "the holder completes: the resident is asked to confirm",
      action: "complete",
      who: { ...base, oldHolderUserId: 9 },
      readers: [{ userId: 1, kind: "request_confirm" }],
    },
    {
      case: "staff complete: the resident is asked to confirm, the holder hears",
      action: "complete",
      who: { ...base, oldHolderUserId: 4 },
      readers: [
        { userId: 1, kind: "request_confirm" },
        { userId: 4, kind: "request_holder" },
      ],
    },
    {
      case: "the resident confirms: the holder hears",
      action: "confirm",
      who: { ...base, actorUserId: 1, oldHolderUserId: 4 },
      readers: [{ userId: 4, kind: "request_holder" }],
    },
    {
      case: "a quick release: the resident is left alone",
      action: "release",
      who: { ...base, actorUserId: 4, oldHolderUserId: 4, quiet: true },
      readers: [],
    },
    {
      case: "a resident posting for herself hears nothing of her own cancel",
      action: "cancel",
      who: { ...base, actorUserId: 1 },
      readers: [],
    },
  ] as const)("$case", ({ action, who, readers }) => {
    expect(requestReaders(action, who)).toEqual(readers);
  });
});

describe("a request's summary in messages", () => {
  it.each([
    { description: "水龙头坏了", summary: "水龙头坏了" },
    { description: "  想要一台\n助行器  ", summary: "想要一台 助行器" },
    {
      description: "一二三四五六七八九十一二三四五六七八九十一二",
      summary: "一二三四五六七八九十一二三四五六七八九十…",
    },
    { description: "😀".repeat(21), summary: `${"😀".repeat(20)}…` },
  ])("$description → $summary", ({ description, summary }) => {
    expect(summaryOf(description)).toBe(summary);
  });
});
