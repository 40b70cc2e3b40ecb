import { describe, expect, it } from "vitest";
import { REFUSALS } from "./refusal";

describe("the list of refusals", () => {
  it("names each reason once, in snake_case", () => {
    expect(new Set(REFUSALS).size).toBe(REFUSALS.length);
    for (const reason of REFUSALS) expect(reason).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });
});
