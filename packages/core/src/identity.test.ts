import { describe, expect, it } from "vitest";
import {
  isMainlandMobile,
  maskName,
  maskPhone,
  nameProblem,
  normaliseName,
  passwordProblem,
  publicName,
} from "./identity";

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

describe("human-entered names", () => {
  it.each([
    { case: "a Chinese name", name: "张小华", problem: null },
    { case: "a name with inner spaces", name: "Anna Li", problem: null },
    { case: "a name with a middle dot", name: "买买提·艾力", problem: null },
    { case: "a zero-width joiner between visible letters", name: "a\u200Db", problem: "invisible_character" },
    {
      case: "a variation selector after a name (a look-alike of 罗文春)",
      name: "罗文春\uFE0F",
      problem: "invisible_character",
    },
    { case: "an ideographic variation selector", name: "罗文春\u{E0100}", problem: "invisible_character" },
    { case: "a combining grapheme joiner", name: "理\u034F发", problem: "invisible_character" },
    { case: "a Hangul filler inside", name: "张\u3164三", problem: "invisible_character" },
    { case: "a blank braille pattern inside", name: "张\u2800三", problem: "invisible_character" },
    { case: "a Mongolian vowel separator inside", name: "张\u180E三", problem: "invisible_character" },
    { case: "a NUL inside", name: "a\u0000b", problem: "control_character" },
    { case: "a newline", name: "张\n三", problem: "control_character" },
    { case: "a trailing newline", name: "张三\n", problem: "control_character" },
    { case: "a tab", name: "张\t三", problem: "control_character" },
    { case: "a carriage return", name: "张三\r", problem: "control_character" },
    { case: "DEL", name: "张三\u007F", problem: "control_character" },
    { case: "a C1 control", name: "张\u0085三", problem: "control_character" },
    { case: "a right-to-left override", name: "\u202Eabc", problem: "bidi_control" },
    { case: "a left-to-right embedding", name: "abc\u202A", problem: "bidi_control" },
    { case: "a first-strong isolate", name: "a\u2068b\u2069", problem: "bidi_control" },
    { case: "a right-to-left mark", name: "ab\u200F", problem: "bidi_control" },
    { case: "a left-to-right mark", name: "\u200Eab", problem: "bidi_control" },
    { case: "an Arabic letter mark", name: "ab\u061C", problem: "bidi_control" },
    { case: "zero-width spaces only", name: "\u200B\u200B", problem: "invisible_character" },
    { case: "a byte-order mark and a word joiner only", name: "\uFEFF\u2060", problem: "invisible_character" },
    { case: "a zero-width space between letters", name: "张\u200B三", problem: "invisible_character" },
    { case: "a soft hyphen", name: "张\u00AD三", problem: "invisible_character" },
    { case: "a tag character", name: "\u{E0041}", problem: "invisible_character" },
    { case: "a tag character after letters", name: "李四\u{E0041}", problem: "invisible_character" },
    { case: "a line separator", name: "a\u2028b", problem: "invisible_character" },
    { case: "a paragraph separator", name: "a\u2029b", problem: "invisible_character" },
    { case: "an invisible operator", name: "a\u2062b", problem: "invisible_character" },
    { case: "a lone high surrogate", name: "张\uD800", problem: "broken_character" },
    { case: "a lone low surrogate", name: "\uDC00三", problem: "broken_character" },
    { case: "an emoji (a surrogate pair)", name: "小红😀", problem: null },
    { case: "a Hangul filler only", name: "\u3164", problem: "blank" },
    { case: "a half-width Hangul filler only", name: "\uFFA0", problem: "blank" },
    { case: "Hangul choseong and jungseong fillers only", name: "\u115F\u1160", problem: "blank" },
    { case: "a blank braille pattern only", name: "\u2800", problem: "blank" },
    { case: "a lone combining accent", name: "\u0301", problem: "blank" },
    { case: "a variation selector only", name: "\uFE0F", problem: "blank" },
    { case: "a zero-width joiner only", name: "\u200D", problem: "blank" },
    { case: "fillers between spaces", name: " \u3164 \u2800 ", problem: "blank" },
    { case: "a combining mark first", name: "\u0301abc", problem: "leading_mark" },
    { case: "a combining mark first after a space", name: " \u20DD张三", problem: "leading_mark" },
    { case: "a combining mark after a letter", name: "Jose\u0301", problem: null },
    { case: "a Hangul name", name: "김민준", problem: null },
    { case: "ideographic spaces only", name: "\u3000\u3000", problem: "blank" },
    { case: "spaces only", name: "   ", problem: "blank" },
    { case: "nothing", name: "", problem: "blank" },
  ])("$case → $problem", ({ name, problem }) => {
    expect(nameProblem(name)).toBe(problem);
  });

  it.each([
    { case: "a decomposed é", name: "Jose\u0301", stored: "Jos\u00E9" },
    { case: "a CJK compatibility ideograph", name: "\uF900\u5C0F\u534E", stored: "\u8C48\u5C0F\u534E" },
    { case: "surrounding spaces, ideographic too", name: "\u3000 张三 ", stored: "张三" },
  ])("normalises $case to NFC, trimmed", ({ name, stored }) => {
    expect(normaliseName(name)).toBe(stored);
  });
});
