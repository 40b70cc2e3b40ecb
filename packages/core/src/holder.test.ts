import { describe, expect, it } from "vitest";
import { parseHolderKey } from "./holder";

describe("holder keys", () => {
  it.each([
    { key: "volunteer:12", holder: { kind: "volunteer", id: 12 } },
    { key: "team:3", holder: { kind: "team", id: 3 } },
    { key: "partner:5", holder: { kind: "partner", id: 5 } },
    { key: "mayor:1", holder: null },
    { key: "team:x", holder: null },
    { key: "team:0", holder: null },
    { key: "team:1:2", holder: null },
    { key: "team", holder: null },
  ])("$key names $holder", ({ key, holder }) => {
    expect(parseHolderKey(key)).toEqual(holder);
  });
});
