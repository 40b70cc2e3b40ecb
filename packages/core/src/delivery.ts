import { fail, ok, type Fail, type Ok } from "./result";
import { summaryOf, type Message } from "./message";

/**
 * Messages that leave the app: every in-app message also goes, as one outbox
 * row per channel, to the channels its reader chose (opt-in). These are the
 * rules a dispatcher follows; the adapters that speak to a gateway live in api.
 */
export const CHANNELS = ["sms", "wechat"] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * pending → sending → delivered | failed, back to pending for a retry, and
 * skipped when the reader unsubscribed while the row waited. A row in
 * `sending` whose claim expired (its dispatcher died) may be claimed again.
 */
export const DELIVERY_STATES = ["pending", "sending", "delivered", "failed", "skipped"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
export type DeliveryEvent = "claim" | "reclaim" | "delivered" | "retry" | "fail" | "skip";

const MOVES: Record<DeliveryEvent, { from: DeliveryState; to: DeliveryState }> = {
  claim: { from: "pending", to: "sending" },
  reclaim: { from: "sending", to: "sending" },
  delivered: { from: "sending", to: "delivered" },
  retry: { from: "sending", to: "pending" },
  fail: { from: "sending", to: "failed" },
  skip: { from: "pending", to: "skipped" },
};

/** The state after an event, or a refusal when the event does not apply to the state (delivered and failed are final). */
export function deliveryMove(
  state: DeliveryState,
  event: DeliveryEvent,
): Ok<{ state: DeliveryState }> | Fail<"not_allowed_in_state"> {
  const move = MOVES[event];
  return move.from === state ? ok({ state: move.to }) : fail("not_allowed_in_state");
}

/** The row states a dispatcher may take: waiting ones, and ones whose claim expired. */
export const CLAIMABLE_STATES = ["pending", "sending"] as const satisfies readonly DeliveryState[];

/**
 * How long a dispatcher holds a claimed row. Longer than a webhook's timeout
 * (10 s) with room to record the answer, so a live dispatcher never loses a row
 * it is still sending; a dead one's rows go again after this.
 */
export const CLAIM_MS = 60_000;
export const WEBHOOK_TIMEOUT_MS = 10_000;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** After the 1st, 2nd… failed attempt the row waits this long; after the last it is `failed` (six attempts over about 8.6 h). */
export const RETRY_DELAYS_MS = [MINUTE_MS, 5 * MINUTE_MS, 30 * MINUTE_MS, 2 * HOUR_MS, 6 * HOUR_MS] as const;

/** Asia/Shanghai has no daylight saving: a fixed offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;
const DAY_MS = 24 * HOUR_MS;
/** No SMS from 21:00 to 08:00 Shanghai time but urgent ones; a row written then waits until 08:00. */
export const SMS_QUIET_HOURS = { fromHour: 21, untilHour: 8 } as const;

/** When a message may go on a channel: now, or for SMS in quiet hours the next 08:00 Shanghai time (urgent ones go now). */
export function sendableAt(channel: Channel, urgent: boolean, at: number): number {
  if (channel !== "sms" || urgent) return at;
  const local = at + SHANGHAI_OFFSET_MS;
  const dayStart = local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
  const hour = Math.floor((local - dayStart) / HOUR_MS);
  if (hour >= SMS_QUIET_HOURS.untilHour && hour < SMS_QUIET_HOURS.fromHour) return at;
  const nextDay = hour >= SMS_QUIET_HOURS.fromHour ? DAY_MS : 0;
  return dayStart + nextDay + SMS_QUIET_HOURS.untilHour * HOUR_MS - SHANGHAI_OFFSET_MS;
}

/** What a gateway's answer means for the row: 2xx delivered; a 4xx the same request can never pass (but 408, 429) failed; the rest retried. */
export type SendOutcome =
  | { kind: "delivered" }
  | { kind: "rejected"; error: string }
  | { kind: "transient"; error: string };

export function outcomeOfStatus(status: number): SendOutcome {
  if (status >= 200 && status < 300) return { kind: "delivered" };
  if (status >= 400 && status < 500 && status !== 408 && status !== 429)
    return { kind: "rejected", error: `HTTP ${status}` };
  return { kind: "transient", error: `HTTP ${status}` };
}

export type AfterAttempt =
  | { state: "delivered"; nextAttemptAt: null; lastError: null }
  | { state: "failed"; nextAttemptAt: null; lastError: string }
  | { state: "pending"; nextAttemptAt: number; lastError: string };

/**
 * The row after an attempt (`attempts` counts this one): delivered; failed at
 * once when rejected or when the backoff schedule is spent; else pending again
 * after the next delay — a non-urgent SMS retry that would land in quiet hours
 * waits for 08:00 like a new one.
 */
export function afterAttempt(
  outcome: SendOutcome,
  attempts: number,
  row: { channel: Channel; urgent: boolean },
  now: number,
): AfterAttempt {
  if (outcome.kind === "delivered") return { state: "delivered", nextAttemptAt: null, lastError: null };
  const delayMs = RETRY_DELAYS_MS[attempts - 1];
  if (outcome.kind === "rejected" || delayMs === undefined)
    return { state: "failed", nextAttemptAt: null, lastError: outcome.error };
  return {
    state: "pending",
    nextAttemptAt: sendableAt(row.channel, row.urgent, now + delayMs),
    lastError: outcome.error,
  };
}

/** A message about a start within this is urgent: waiting for 08:00 would make it arrive too late to act on. */
export const URGENT_WITHIN_MS = 12 * HOUR_MS;

/**
 * Urgent messages pass SMS quiet hours. Only those about something that happens
 * soon, where a message at 08:00 comes too late: an activity cancelled that
 * would have started within 12 h (people would go there for nothing), the
 * two-hour shift reminder (sent two hours before; holding it defeats it), and a
 * place given from the waitlist for a shift within 12 h (the person is now
 * expected). Everything else — requests, points, ratings, topics — keeps until morning.
 */
export function isUrgent(message: Message, now: number): boolean {
  switch (message.kind) {
    case "activity_cancelled":
      return message.payload.startsAt === null || message.payload.startsAt - now <= URGENT_WITHIN_MS;
    case "shift_reminder":
      return message.payload.lead === "twoHours";
    case "waitlist_promoted":
      return message.payload.startsAt - now <= URGENT_WITHIN_MS;
    default:
      return false;
  }
}

/** 12月10日 09:00, Shanghai time. */
function shanghaiTime(ms: number): string {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

const SIGN = "【同心】";
const LOOK = "请登录同心查看。";
const name = (text: string) => `“${summaryOf(text)}”`;

/**
 * The words of a message outside the app (SMS, WeChat), in Chinese, short. They
 * carry less than the inbox: names of activities, teams, cycles and meetings
 * (public in the community) and times, never another person's name, a
 * request's description or anyone's free text (a donation's note, a
 * cancellation's reason), which pass a third-party gateway and sit on a lock
 * screen; the reader opens the app for those.
 */
export function externalText(message: Message): string {
  return SIGN + body(message);
}

function body(m: Message): string {
  switch (m.kind) {
    case "request_new":
      return `有新需求待受理，${LOOK}`;
    case "request_posted_for_you":
      return `工作人员为您登记了一条需求，${LOOK}`;
    case "request_changed":
      return `您的需求有新进展，${LOOK}`;
    case "request_confirm":
      return "您的需求已办结，请登录同心确认并评价。";
    case "request_assigned":
      return `您被派单了一条需求，${LOOK}`;
    case "request_holder":
      return `您承接的需求有变化，${LOOK}`;
    case "activity_cancelled":
      return `活动${name(m.payload.title)}${m.payload.startsAt === null ? "" : `（${shanghaiTime(m.payload.startsAt)}）`}已取消，${LOOK}`;
    case "waitlist_promoted":
      return `您已从候补转为正式报名：${name(m.payload.title)}，${shanghaiTime(m.payload.startsAt)}开始。`;
    case "shift_reminder":
      return `提醒：${name(m.payload.title)}${shanghaiTime(m.payload.startsAt)}开始，地点：${summaryOf(m.payload.place)}。`;
    case "team_approved":
      return `您已加入${name(m.payload.teamName)}。`;
    case "team_rejected":
      return `您加入${name(m.payload.teamName)}的申请未获通过，${LOOK}`;
    case "points_fund_empty":
      return `社区积分基金余额不足，${m.payload.points}积分待发放，${LOOK}`;
    case "points_donated":
      return `您收到${m.payload.amount}积分的转赠，${LOOK}`;
    case "rating_objection":
      return `${name(m.payload.cycleTitle)}收到一条异议，请登录同心答复。`;
    case "rating_objection_nominee":
      return `您在${name(m.payload.cycleTitle)}公示中收到一条异议，${LOOK}`;
    case "warning_opened":
      return `有1条新预警，请登录同心处理。`;
    case "warnings_opened":
      return `有${m.payload.count}条新预警，请登录同心处理。`;
    case "topic_changed":
      return `您提出的议题${name(m.payload.title)}有新进展，${LOOK}`;
    case "commitment_decided":
      return `您的承诺${name(m.payload.what)}已有评定结果，${LOOK}`;
    case "meeting_invited":
      return `邀请您参加${name(m.payload.title)}，${shanghaiTime(m.payload.startsAt)}，地点：${summaryOf(m.payload.place)}。`;
  }
}
