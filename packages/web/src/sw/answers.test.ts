import { describe, expect, it } from "vitest";
import { API_PATH, isKeptAnswer, isSigning } from "./answers";

const ORIGIN = "https://tongxin.example.org";

describe("the answers the service worker keeps for reading offline", () => {
  it.each([
    ["GET", "/api/me", true],
    ["GET", "/api/me/shifts", true],
    ["GET", "/api/me/tasks/requests?limit=20", true],
    ["GET", "/api/me/tasks/shifts?cursor=abc&limit=20", true],
    ["GET", "/api/me/points?month=2026-12", true],
    ["POST", "/api/me/shifts", false],
    ["GET", "/api/me/notifications", false],
    ["GET", "/api/me/volunteer", false],
    ["GET", "/api/volunteers", false],
    ["GET", "/api/communities/1/points", false],
    ["GET", "/api/me/points/export", false],
    ["GET", "/me/shifts", false],
  ])("%s %s is kept: %s", (method, path, kept) => {
    expect(isKeptAnswer({ method, url: `${ORIGIN}${path}` }, ORIGIN)).toBe(kept);
  });

  it("keeps nothing from another origin", () => {
    expect(isKeptAnswer({ method: "GET", url: "https://elsewhere.example.org/api/me" }, ORIGIN)).toBe(false);
  });

  it.each([
    ["POST", "/api/auth/login", true],
    ["POST", "/api/auth/logout", true],
    ["POST", "/api/auth/register", true],
    ["POST", "/api/setup", true],
    ["GET", "/api/setup", false],
    ["POST", "/api/auth/password", false],
    ["POST", "/api/shifts/1/checkin", false],
  ])("%s %s forgets every kept answer: %s", (method, path, signing) => {
    expect(isSigning({ method, url: `${ORIGIN}${path}` }, ORIGIN)).toBe(signing);
  });

  it.each([
    ["/api", true],
    ["/api/docs", true],
    ["/api/communities/1/requests/export", true],
    ["/apiary", false],
    ["/me/shifts", false],
  ])("%s is the API's, never the app shell's: %s", (path, api) => {
    expect(API_PATH.test(path)).toBe(api);
  });
});
