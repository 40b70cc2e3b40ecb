import { describe, expect, it } from "vitest";
import { readScanned } from "./qr-decode";

const ORIGIN = "https://tongxin.example.cn";

describe("what a scanned QR code asks for", () => {
  it.each([
    {
      case: "the organiser's check-in link",
      text: `${ORIGIN}/checkin?shift=12&token=12.5.abc`,
      expected: { kind: "checkin", shiftId: 12, token: "12.5.abc" },
    },
    {
      case: "a check-in link shown on another address of the server",
      text: "http://192.168.1.5:8787/checkin?shift=3&token=3.1.x",
      expected: { kind: "checkin", shiftId: 3, token: "3.1.x" },
    },
    {
      case: "a pickup code for the desk",
      text: `${ORIGIN}/store/1/desk?code=20260003`,
      expected: { kind: "page", path: "/store/1/desk?code=20260003" },
    },
    { case: "a public notice", text: `${ORIGIN}/notices/1`, expected: { kind: "page", path: "/notices/1" } },
    {
      case: "a check-in link without a token",
      text: `${ORIGIN}/checkin?shift=12`,
      expected: { kind: "page", path: "/checkin?shift=12" },
    },
    {
      case: "a check-in link with a bad shift",
      text: `${ORIGIN}/checkin?shift=x&token=y`,
      expected: { kind: "page", path: "/checkin?shift=x&token=y" },
    },
    { case: "someone else's site", text: "https://example.com/notices/1", expected: { kind: "unknown" } },
    { case: "plain text", text: "你好", expected: { kind: "unknown" } },
  ])("$case", ({ text, expected }) => {
    expect(readScanned(text, ORIGIN)).toEqual(expected);
  });
});
