import { describe, expect, it } from "vitest";
import { REQUEST_CATEGORY_CODES, type RequestCategory, type RequestRole } from "./request";
import {
  CLAIM_LIMITS,
  QUIET_RELEASE_MS,
  contactView,
  decideClaimLimits,
  isQuietRelease,
  maskContacts,
  needsVisit,
  revealedFields,
} from "./need-to-know";

describe("needs a visit", () => {
  it("only plumbing and companionship bring the holder to the door", () => {
    expect(REQUEST_CATEGORY_CODES.filter(needsVisit)).toEqual(["plumbing", "companionship"]);
  });
});

describe("contact view by role and category", () => {
  it.each<{
    roles: RequestRole[];
    category: RequestCategory;
    fullName: boolean;
    phone: boolean;
    address: string;
    fields: string | null;
  }>([
    { roles: ["owner"], category: "item", fullName: true, phone: true, address: "door", fields: "phone,address" },
    { roles: ["staff"], category: "item", fullName: true, phone: true, address: "door", fields: "phone,address" },
    {
      roles: ["holder", "volunteer"],
      category: "plumbing",
      fullName: true,
      phone: true,
      address: "door",
      fields: "phone,address",
    },
    {
      roles: ["holder", "volunteer"],
      category: "item",
      fullName: true,
      phone: true,
      address: "building",
      fields: "phone,address",
    },
    {
      roles: ["holder"],
      category: "companionship",
      fullName: true,
      phone: true,
      address: "door",
      fields: "phone,address",
    },
    { roles: ["volunteer"], category: "plumbing", fullName: false, phone: false, address: "none", fields: null },
    { roles: [], category: "plumbing", fullName: false, phone: false, address: "none", fields: null },
  ])(
    "$roles on $category: full name $fullName, phone $phone, address $address",
    ({ roles, category, fields, ...view }) => {
      expect(contactView(roles, category)).toEqual(view);
      expect(revealedFields(contactView(roles, category))).toBe(fields);
    },
  );

  it("a view with an address but no phone logs only the address", () => {
    expect(revealedFields({ fullName: true, phone: false, address: "building" })).toBe("address");
  });
});

describe("claim limits", () => {
  it.each([
    { vouched: true, releasedToday: 0, holding: 0, result: "ok" },
    {
      vouched: true,
      releasedToday: CLAIM_LIMITS.releasesPerDay - 1,
      holding: CLAIM_LIMITS.heldAtOnce - 1,
      result: "ok",
    },
    { vouched: true, releasedToday: CLAIM_LIMITS.releasesPerDay, holding: 0, result: "released_too_often" },
    { vouched: true, releasedToday: 0, holding: CLAIM_LIMITS.heldAtOnce, result: "holding_too_many" },
    {
      vouched: true,
      releasedToday: CLAIM_LIMITS.releasesPerDay + 5,
      holding: CLAIM_LIMITS.heldAtOnce,
      result: "released_too_often",
    },
    { vouched: false, releasedToday: 0, holding: 0, result: "not_vouched" },
    {
      vouched: false,
      releasedToday: CLAIM_LIMITS.releasesPerDay,
      holding: CLAIM_LIMITS.heldAtOnce,
      result: "not_vouched",
    },
  ])("vouched $vouched, released $releasedToday today, holding $holding → $result", ({ result, ...counts }) => {
    const decided = decideClaimLimits(counts);
    expect(decided.ok ? "ok" : decided.reason).toBe(result);
  });
});

describe("quiet release", () => {
  it.each([
    { after: 0, quiet: true },
    { after: QUIET_RELEASE_MS, quiet: true },
    { after: QUIET_RELEASE_MS + 1, quiet: false },
    { after: 24 * 3_600_000, quiet: false },
  ])("released $after ms after the claim: quiet $quiet", ({ after, quiet }) => {
    expect(isQuietRelease(5_000, 5_000 + after)).toBe(quiet);
  });
});

describe("contacts in audit details", () => {
  it("masks phones by field name and any mobile number, at any depth, and keeps the rest and the published 监督电话", () => {
    const details = {
      user: { name: "田桂兰", phone: "13912345678", buildingId: 3 },
      contactPhone: "021-5555 1234",
      to: [{ phone: "13800000007" }, "13700001111"],
      supervisionPhone: "13600002222",
      amount: 10,
      note: null,
    };
    expect(maskContacts(details)).toEqual({
      user: { name: "田桂兰", phone: "139****5678", buildingId: 3 },
      contactPhone: "021****1234",
      to: [{ phone: "138****0007" }, "137****1111"],
      supervisionPhone: "13600002222",
      amount: 10,
      note: null,
    });
  });
});
