import { describe, expect, it } from "vitest";
import {
  afterAttempt,
  deliveryMove,
  externalText,
  isUrgent,
  outcomeOfStatus,
  RETRY_DELAYS_MS,
  sendableAt,
  type DeliveryEvent,
  type DeliveryState,
} from "./delivery";
import type { Message } from "./message";

const at = (local: string) => Date.parse(`${local}+08:00`);
const M = 60_000;
const H = 60 * M;

describe("SMS quiet hours, 21:00–08:00 Shanghai time", () => {
  it.each([
    { case: "in the afternoon: now", now: "2026-12-10T15:00:00", sms: "2026-12-10T15:00:00" },
    { case: "at 20:59: now", now: "2026-12-10T20:59:00", sms: "2026-12-10T20:59:00" },
    { case: "at 21:00: the next morning at 08:00", now: "2026-12-10T21:00:00", sms: "2026-12-11T08:00:00" },
    { case: "just before midnight: the next morning", now: "2026-12-10T23:59:00", sms: "2026-12-11T08:00:00" },
    { case: "just after midnight: the same morning", now: "2026-12-11T00:01:00", sms: "2026-12-11T08:00:00" },
    { case: "at 07:59: a minute later", now: "2026-12-11T07:59:00", sms: "2026-12-11T08:00:00" },
    { case: "at 08:00: now", now: "2026-12-11T08:00:00", sms: "2026-12-11T08:00:00" },
    { case: "on New Year's Eve night: 1 January", now: "2026-12-31T22:30:00", sms: "2027-01-01T08:00:00" },
  ])("$case", ({ now, sms }) => {
    expect(sendableAt("sms", false, at(now))).toBe(at(sms));
    // Urgent SMS and WeChat messages never wait.
    expect(sendableAt("sms", true, at(now))).toBe(at(now));
    expect(sendableAt("wechat", false, at(now))).toBe(at(now));
  });
});

describe("urgent messages pass quiet hours", () => {
  const now = at("2026-12-10T22:00:00");
  const shift = { shiftId: 1, activityId: 2, title: "巡逻", endsAt: now + 14 * H, path: "/activities/2" };
  it.each<{ case: string; message: Message; urgent: boolean }>([
    {
      case: "an activity cancelled that starts within 12 h",
      message: {
        kind: "activity_cancelled",
        payload: { activityId: 2, title: "义诊", reason: "雨", startsAt: now + 10 * H, path: "/a" },
      },
      urgent: true,
    },
    {
      case: "an activity cancelled that starts in two days",
      message: {
        kind: "activity_cancelled",
        payload: { activityId: 2, title: "义诊", reason: "雨", startsAt: now + 48 * H, path: "/a" },
      },
      urgent: false,
    },
    {
      case: "the two-hour shift reminder",
      message: { kind: "shift_reminder", payload: { ...shift, startsAt: now + 2 * H, place: "站", lead: "twoHours" } },
      urgent: true,
    },
    {
      case: "the day-before shift reminder",
      message: {
        kind: "shift_reminder",
        payload: { ...shift, startsAt: now + 24 * H, place: "站", lead: "dayBefore" },
      },
      urgent: false,
    },
    {
      case: "a place from the waitlist for tomorrow morning",
      message: { kind: "waitlist_promoted", payload: { ...shift, startsAt: now + 10 * H } },
      urgent: true,
    },
    {
      case: "a request's progress",
      message: {
        kind: "request_changed",
        payload: {
          requestId: 1,
          kind: "service",
          category: "plumbing",
          summary: "水管漏水",
          path: "/r",
          action: "accept",
          status: "accepted",
        },
      },
      urgent: false,
    },
  ])("$case: $urgent", ({ message, urgent }) => {
    expect(isUrgent(message, now)).toBe(urgent);
  });
});

describe("retries back off, then fail", () => {
  const wechat = { channel: "wechat", urgent: false } as const;
  const now = at("2026-12-10T10:00:00");
  const transient = { kind: "transient", error: "HTTP 500" } as const;
  it.each([
    { attempts: 1, waitMs: 1 * M },
    { attempts: 2, waitMs: 5 * M },
    { attempts: 3, waitMs: 30 * M },
    { attempts: 4, waitMs: 2 * H },
    { attempts: 5, waitMs: 6 * H },
  ])("after attempt $attempts the row waits $waitMs ms", ({ attempts, waitMs }) => {
    expect(afterAttempt(transient, attempts, wechat, now)).toEqual({
      state: "pending",
      nextAttemptAt: now + waitMs,
      lastError: "HTTP 500",
    });
  });
  it("after the sixth attempt the row has failed", () => {
    expect(afterAttempt(transient, RETRY_DELAYS_MS.length + 1, wechat, now)).toEqual({
      state: "failed",
      nextAttemptAt: null,
      lastError: "HTTP 500",
    });
  });
  it("a rejection fails at once, a success is delivered", () => {
    expect(afterAttempt({ kind: "rejected", error: "HTTP 400" }, 1, wechat, now).state).toBe("failed");
    expect(afterAttempt({ kind: "delivered" }, 3, wechat, now).state).toBe("delivered");
  });
  it("a non-urgent SMS retry that would land in quiet hours waits until 08:00", () => {
    const evening = at("2026-12-10T20:50:00");
    expect(afterAttempt(transient, 3, { channel: "sms", urgent: false }, evening).nextAttemptAt).toBe(
      at("2026-12-11T08:00:00"),
    );
    expect(afterAttempt(transient, 3, { channel: "sms", urgent: true }, evening).nextAttemptAt).toBe(evening + 30 * M);
  });
});

describe("a gateway's answer", () => {
  it.each([
    { status: 200, kind: "delivered" },
    { status: 204, kind: "delivered" },
    { status: 400, kind: "rejected" },
    { status: 404, kind: "rejected" },
    { status: 408, kind: "transient" },
    { status: 429, kind: "transient" },
    { status: 500, kind: "transient" },
    { status: 503, kind: "transient" },
    { status: 302, kind: "transient" },
  ])("$status is $kind", ({ status, kind }) => {
    expect(outcomeOfStatus(status).kind).toBe(kind);
  });
});

describe("the delivery state machine", () => {
  const states: DeliveryState[] = ["pending", "sending", "delivered", "failed", "skipped"];
  const allowed: Record<DeliveryEvent, Partial<Record<DeliveryState, DeliveryState>>> = {
    claim: { pending: "sending" },
    reclaim: { sending: "sending" },
    delivered: { sending: "delivered" },
    retry: { sending: "pending" },
    fail: { sending: "failed" },
    skip: { pending: "skipped" },
  };
  for (const [event, moves] of Object.entries(allowed) as [
    DeliveryEvent,
    Partial<Record<DeliveryState, DeliveryState>>,
  ][])
    it.each(states)(`${event} from %s`, (from) => {
      const to = moves[from];
      expect(deliveryMove(from, event)).toEqual(
        to ? { ok: true, state: to } : { ok: false, reason: "not_allowed_in_state" },
      );
    });
});

describe("the words outside the app", () => {
  it("name the activity and its Shanghai time, never a cancellation's reason", () => {
    const text = externalText({
      kind: "activity_cancelled",
      payload: {
        activityId: 2,
        title: "社区义诊",
        reason: "王大妈家有事",
        startsAt: at("2026-12-10T09:00:00"),
        path: "/a",
      },
    });
    expect(text).toBe("【同心】活动“社区义诊”（12月10日 09:00）已取消，请登录同心查看。");
  });
  it("never carry a request's description, another person's name or a donor's note", () => {
    const texts = [
      externalText({
        kind: "request_posted_for_you",
        payload: {
          requestId: 1,
          kind: "service",
          category: "plumbing",
          summary: "住3栋502，电话13912345678",
          path: "/r",
          postedBy: "gridWorker",
          posterName: "李小红",
        },
      }),
      externalText({ kind: "points_donated", payload: { amount: 20, message: "给张三家", path: "/p" } }),
      externalText({
        kind: "rating_objection",
        payload: { cycleId: 1, nominationId: 2, cycleTitle: "2026年五星党员", entryName: "赵四", path: "/c" },
      }),
    ];
    for (const text of texts) expect(text).not.toMatch(/502|139|李小红|张三|赵四/);
    expect(texts[1]).toBe("【同心】您收到20积分的转赠，请登录同心查看。");
  });
});
