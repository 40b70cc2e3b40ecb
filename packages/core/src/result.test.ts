import { describe, expect, it } from "vitest";
import { must } from "./result";

describe("must", () => {
  it("returns a present value, falsy ones included", () => {
    expect(must(0)).toBe(0);
    expect(must("")).toBe("");
  });

  it("throws on a missing value, naming what was missing", () => {
    expect(() => must(undefined, "the inserted row")).toThrow("assertion failed: the inserted row is missing");
    expect(() => must(null)).toThrow("assertion failed");
  });
});
