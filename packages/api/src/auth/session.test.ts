import { describe, expect, it } from "vitest";
import { sessionIdOf } from "./session";

describe("session ids", () => {
  // Stored sessions are found by this hash: a change of how it is computed would sign everyone out.
  it("are the hex SHA-256 of the cookie's token, as stored since the first release", () => {
    expect(sessionIdOf("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sessionIdOf("同心")).toBe("33c83afac51755251893a39ab2e3bb643ffb7243ff61af82f925a88865d8677e"); // over UTF-8 bytes
  });
});
