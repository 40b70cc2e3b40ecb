import { fileURLToPath } from "node:url";
import type { LogLevel } from "./deps";
import type { ChannelSettings } from "./services/outbox/adapters";

export type ServerConfig = {
  port: number;
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  seed: "demo" | "none";
  logLevel: LogLevel;
  trustProxy: boolean;
  trustedProxies: number;
  allowedOrigins: string[];
  publicOrigin: string | undefined;
  channels: ChannelSettings;
  webDist: string;
};

// Paths are resolved from this file, one folder below the package, as is the bundle (dist/server.mjs): both find them alike.
const DEFAULT_DB = `file:${fileURLToPath(new URL("../../../data/tongxin.db", import.meta.url))}`;
const WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));
export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../drizzle", import.meta.url));
const LEVELS = ["debug", "info", "warn", "error"] as const;

/** A bad setting in the environment; the server prints its message alone and exits. */
export class ConfigError extends Error {}

/** Reads the environment once at start; a bad value stops the start with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  const seed = env.SEED ?? "demo";
  if (seed !== "demo" && seed !== "none") throw new ConfigError(`SEED must be "demo" or "none", got "${seed}"`);
  const logLevel = (env.LOG_LEVEL ?? "info") as LogLevel;
  if (!LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LEVELS.join(", ")}`);
  const trustedProxies = Number(env.TRUSTED_PROXIES ?? 1);
  if (!Number.isInteger(trustedProxies) || trustedProxies < 1)
    throw new ConfigError(`TRUSTED_PROXIES must be a whole number from 1, got "${env.TRUSTED_PROXIES}"`);
  const publicOrigin = originSetting(env.PUBLIC_ORIGIN);
  return {
    port,
    databaseUrl: env.DATABASE_URL || DEFAULT_DB,
    databaseAuthToken: env.DATABASE_AUTH_TOKEN || undefined,
    seed,
    logLevel,
    trustProxy: env.TRUST_PROXY === "1" || env.TRUST_PROXY === "true",
    trustedProxies,
    allowedOrigins: (env.ALLOWED_ORIGINS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    publicOrigin,
    channels: {
      ...webhookSetting("sms", env.SMS_WEBHOOK_URL, env.SMS_WEBHOOK_SECRET),
      ...webhookSetting("wechat", env.WECHAT_WEBHOOK_URL, env.WECHAT_WEBHOOK_SECRET),
    },
    webDist: env.WEB_DIST || WEB_DIST,
  };
}

/** `https://tongxin.example.org` as the site's address in links made to be kept (calendar feeds); unset: as reached. */
function originSetting(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url || !["http:", "https:"].includes(url.protocol) || url.origin !== value.replace(/\/$/, ""))
    throw new ConfigError(`PUBLIC_ORIGIN must be an origin such as https://tongxin.example.org, got "${value}"`);
  return url.origin;
}

/** A channel's gateway: both its URL (http or https) and its secret, or neither (the log adapter). */
function webhookSetting(
  channel: "sms" | "wechat",
  url: string | undefined,
  secret: string | undefined,
): ChannelSettings {
  const name = channel.toUpperCase();
  if (!url) return {};
  if (!URL.canParse(url) || !["http:", "https:"].includes(new URL(url).protocol))
    throw new ConfigError(`${name}_WEBHOOK_URL must be an http(s) URL`);
  if (!secret || secret.length < 16)
    throw new ConfigError(`${name}_WEBHOOK_SECRET must be set, at least 16 characters, with ${name}_WEBHOOK_URL`);
  return { [channel]: { url, secret } };
}
