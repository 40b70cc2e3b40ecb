import type { Database } from "./db/client";
import type { Sessions } from "./auth/session";
import type { Readings } from "./services/readings/readings";
import type { ChannelSettings } from "./services/outbox/adapters";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type Log = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

export type Config = {
  /** Trust X-Forwarded-For for the client address (behind a load balancer). */
  trustProxy: boolean;
  /** How many proxies in front append to X-Forwarded-For (default 1); the client is that many hops from the right. */
  trustedProxies?: number;
  /** Origins besides the API's own that may send state-changing requests. */
  allowedOrigins: readonly string[];
  /** The site's public address for links kept outside it (a calendar feed); unset, the address the caller used. */
  publicOrigin?: string | undefined;
  /** Per channel outside the app (sms, wechat), the webhook gateway; a channel without one writes to the log. */
  channels?: ChannelSettings;
};

/** Everything the app and its services need from outside; tests pass their own clock and database. */
export type Deps = {
  database: Database;
  sessions: Sessions;
  now: () => number;
  log: Log;
  config: Config;
  /** Where the long reads run (decision 0014): a served instance's worker thread; unset, the calling thread. */
  readings?: Readings;
};
