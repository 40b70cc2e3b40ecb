import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { photoDataUrl } from "./schemas";

const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const JPEG = "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP";
const WEBP = "UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoBAAEAAwA0JaQAA3AA/vuUAAA=";
const TEXT = Buffer.from("<script>alert(1)</script>").toString("base64");

describe("a photo is what its data URL says it is", () => {
  it.each([
    ["a PNG", `data:image/png;base64,${PNG}`, "ok"],
    ["a JPEG", `data:image/jpeg;base64,${JPEG}`, "ok"],
    ["a WebP", `data:image/webp;base64,${WEBP}`, "ok"],
    ["a PNG called a JPEG", `data:image/jpeg;base64,${PNG}`, "not_an_image"],
    ["a JPEG called a WebP", `data:image/webp;base64,${JPEG}`, "not_an_image"],
    ["text called a PNG", `data:image/png;base64,${TEXT}`, "not_an_image"],
    [
      "a RIFF that is no WebP",
      `data:image/webp;base64,${Buffer.from("RIFF\0\0\0\0WAVEfmt ").toString("base64")}`,
      "not_an_image",
    ],
    ["no bytes at all", "data:image/png;base64,", "regex"],
    ["an SVG", `data:image/svg+xml;base64,${TEXT}`, "regex"],
    ["a photo too large", `data:image/png;base64,${PNG}${"A".repeat(60_000)}`, "max_length"],
  ])("%s", (_name, input, expected) => {
    // The route reports a failed check by its message and the others by their type (http/validate.ts).
    const parsed = v.safeParse(photoDataUrl, input, { abortPipeEarly: true });
    const issue = parsed.issues?.[0];
    expect(issue ? (issue.type === "check" ? issue.message : issue.type) : "ok").toBe(expected);
  });
});
