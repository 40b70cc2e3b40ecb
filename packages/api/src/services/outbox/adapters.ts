import { createHmac } from "node:crypto";
import { maskPhone, outcomeOfStatus, WEBHOOK_TIMEOUT_MS, type Channel, type SendOutcome } from "@tongxin/core";
import type { Log } from "../../deps";

/** A gateway for one channel: where to POST and the secret both sides sign with. */
type WebhookSetting = { url: string; secret: string };
/** Per channel, its gateway; a channel without one goes to the log (development, the demo). */
export type ChannelSettings = Partial<Record<Channel, WebhookSetting>>;

/** One message on one channel, as the gateway gets it. The phone is the recipient's own, for the gateway to reach them. */
export type Delivery = {
  id: number;
  channel: Channel;
  kind: string;
  urgent: boolean;
  to: { userId: number; phone: string };
  text: string;
  url: string;
  createdAt: string;
};

/** Every channel's adapter does one thing: try to hand one delivery over and say how it went. */
export type Adapter = { send: (delivery: Delivery) => Promise<SendOutcome> };

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as the receiver recomputes it. */
function signature(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * POSTs the delivery as JSON, signed (X-Tongxin-Signature) and keyed by the outbox row
 * (Idempotency-Key: the same on every retry, so the gateway drops a repeat). 2xx delivered;
 * 4xx but 408/429 rejected; anything else, a timeout or a network error is tried again later.
 */
function webhookAdapter(setting: WebhookSetting, now: () => number): Adapter {
  return {
    async send(delivery) {
      const body = JSON.stringify(delivery);
      try {
        const res = await fetch(setting.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "idempotency-key": String(delivery.id),
            "x-tongxin-signature": signature(setting.secret, Math.floor(now() / 1000), body),
          },
          body,
          redirect: "manual",
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        });
        await res.body?.cancel();
        return outcomeOfStatus(res.status);
      } catch (error) {
        return { kind: "transient", error: errorText(error) };
      }
    },
  };
}

/** A short cause without the URL (it may carry a token): the timeout, or the network error's code. */
function errorText(error: unknown): string {
  if (error instanceof DOMException && error.name === "TimeoutError") return "timeout";
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === "string" ? cause.code : "network error";
}

/** Development and the demo: a JSON log line per message, the phone masked, always delivered. */
function logAdapter(log: Log): Adapter {
  return {
    async send(delivery) {
      log("info", "message sent to log", {
        outboxId: delivery.id,
        channel: delivery.channel,
        kind: delivery.kind,
        to: maskPhone(delivery.to.phone),
        text: delivery.text,
      });
      return { kind: "delivered" };
    },
  };
}

export function adapterFor(channel: Channel, settings: ChannelSettings | undefined, log: Log, now: () => number) {
  const setting = settings?.[channel];
  return setting ? webhookAdapter(setting, now) : logAdapter(log);
}
