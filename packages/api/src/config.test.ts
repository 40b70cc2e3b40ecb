import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

describe("PUBLIC_ORIGIN", () => {
  it.each([
    ["https://tongxin.example.org", "https://tongxin.example.org"],
    ["https://tongxin.example.org/", "https://tongxin.example.org"],
    ["http://10.0.0.5:8787", "http://10.0.0.5:8787"],
  ])("takes %s as the site's address %s", (value, origin) => {
    expect(loadConfig({ PUBLIC_ORIGIN: value }).publicOrigin).toBe(origin);
  });

  it("is unset when not given: links use the address the caller reached", () => {
    expect(loadConfig({}).publicOrigin).toBeUndefined();
  });

  it.each(["tongxin.example.org", "ftp://tongxin.example.org", "https://tongxin.example.org/app", "https://x.org?a=1"])(
    "refuses %s with a clear message",
    (value) => {
      expect(() => loadConfig({ PUBLIC_ORIGIN: value })).toThrow(ConfigError);
      expect(() => loadConfig({ PUBLIC_ORIGIN: value })).toThrow(/PUBLIC_ORIGIN must be an origin/);
    },
  );
});

describe("the webhook gateways for messages outside the app", () => {
  const secret = "s".repeat(16);
  it("send a channel without a URL to the log, and one with a URL and a secret to its gateway", () => {
    expect(loadConfig({}).channels).toEqual({});
    expect(
      loadConfig({ SMS_WEBHOOK_URL: "https://sms.example.org/hook", SMS_WEBHOOK_SECRET: secret }).channels,
    ).toEqual({ sms: { url: "https://sms.example.org/hook", secret } });
    expect(
      loadConfig({ WECHAT_WEBHOOK_URL: "http://10.0.0.9:9000/wx", WECHAT_WEBHOOK_SECRET: secret }).channels,
    ).toEqual({ wechat: { url: "http://10.0.0.9:9000/wx", secret } });
  });

  it.each([
    [{ SMS_WEBHOOK_URL: "https://sms.example.org/hook" }, /SMS_WEBHOOK_SECRET must be set/],
    [{ SMS_WEBHOOK_URL: "https://sms.example.org/hook", SMS_WEBHOOK_SECRET: "short" }, /at least 16/],
    [{ WECHAT_WEBHOOK_URL: "ftp://wx.example.org", WECHAT_WEBHOOK_SECRET: secret }, /WECHAT_WEBHOOK_URL must be/],
    [{ WECHAT_WEBHOOK_URL: "not a url", WECHAT_WEBHOOK_SECRET: secret }, /WECHAT_WEBHOOK_URL must be/],
  ])("refuses %o with a clear message", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
