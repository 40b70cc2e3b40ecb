import { describe, expect, it } from "vitest";
import { isMainlandMobile, maskName, maskPhone, passwordProblem, publicName } from "./identity";

describe("identity", () => {
  it.each([
    ["13800000001", true],
    ["19912345678", true],
    ["12800000001", false],
    ["1380000000", false],
    ["138000000011", false],
    ["1380000000a", false],
    ["+8613800000001", false],
  ])("accepts %s as a mainland mobile: %s", (phone, expected) => {
    expect(isMainlandMobile(phone)).toBe(expected);
  });

  it.each([
    ["张三", "张*"],
    ["张小华", "张*华"],
    ["欧阳小华", "欧**华"],
    ["李", "李"],
  ])("masks the name %s as %s", (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it.each([
    ["郑桂兰", false, false, "郑*兰"],
    ["郑桂兰", null, false, "郑*兰"],
    ["郑桂兰", true, false, "郑桂兰"],
    ["郑桂兰", false, true, "郑桂兰"],
    ["王五", false, false, "王*"],
  ] as const)("shows %s to others (consent %s, entrusted %s) as %s", (name, consent, entrusted, shown) => {
    expect(publicName(name, consent, entrusted)).toBe(shown);
  });

  it("masks the middle four digits of a phone", () => {
    expect(maskPhone("13812341234")).toBe("138****1234");
  });

  it.each([
    ["demo12345", null],
    ["short1", "too_short"],
    ["onlyletters", "needs_letter_and_digit"],
    ["123456789", "needs_letter_and_digit"],
    ["a1".repeat(40), "too_long"],
  ])("judges the password %s as %s", (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });
});
