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
