import { describe, expect, it } from "vitest";
import { en } from "./en";

/** Every text of a catalogue with its key, functions (plurals) called with a count of 1 and of 2. */
function texts(node: unknown, path: string): [string, string][] {
  if (typeof node === "string") return [[path, node]];
  if (typeof node === "function") return [1, 2].map((n) => [path, String(node({ n, count: n }))]);
  if (node && typeof node === "object")
    return Object.entries(node).flatMap(([key, value]) => texts(value, path ? `${path}.${key}` : key));
  return [];
}

describe("the English catalogue", () => {
  it("has no full-width colon in any text: English punctuation is half-width", () => {
    const all = texts(en, "");
    expect(all.length).toBeGreaterThan(1000);
    expect(all.filter(([, text]) => text.includes("："))).toEqual([]);
  });

  it("labels a value with an English colon and an aside with English brackets", () => {
    expect(en.common.labelled).toBe("{{ label }}: {{ value }}");
    expect(en.common.aside).toBe("{{ text }} ({{ note }})");
  });
});
