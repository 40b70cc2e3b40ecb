import { describe, expect, it } from "vitest";
import { loggedPath } from "./logger";

describe("a logged path keeps no secret a path carries (request log lines, token.use audit rows)", () => {
  it.each([
    ["/api/calendar/abc.ics", "/api/calendar/***"],
    ["/api/public/walls/abcDEF123", "/api/public/walls/***"],
    ["/api/communities/1/store/pickups/483920", "/api/communities/1/store/pickups/***"],
    ["/api/public/certificates/AB12CD34", "/api/public/certificates/***"],
    ["/api/walls/12/revoke", "/api/walls/12/revoke"],
    ["/api/volunteers/3/certificates", "/api/volunteers/3/certificates"],
    ["/api/requests/5", "/api/requests/5"],
  ])("%s → %s", (path, logged) => expect(loggedPath(path)).toBe(logged));
});
