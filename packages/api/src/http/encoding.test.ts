import { describe, expect, it } from "vitest";
import { preferredEncoding } from "./encoding";

const BOTH = ["br", "gzip"] as const;

describe("the encoding sent for an Accept-Encoding header", () => {
  it.each([
    ["gzip, deflate, br", BOTH, "br"],
    ["br;q=0.5, gzip;q=1", BOTH, "gzip"],
    ["gzip;q=0.8, br;q=0.8", BOTH, "br"],
    ["br;q=0, gzip", BOTH, "gzip"],
    ["*;q=0.3, gzip;q=0.9", BOTH, "gzip"],
    ["*", BOTH, "br"],
    ["identity", BOTH, undefined],
    ["br", ["gzip"] as const, undefined],
    [undefined, BOTH, undefined],
  ] as const)("%s with %j available sends %s", (header, available, expected) => {
    expect(preferredEncoding(header, available)).toBe(expected);
  });
});
