import { describe, expect, it } from "vitest";
import { isBlank, normaliseText, textProblem } from "./text";

describe("human-entered free text", () => {
  it.each([
    {
      case: "ordinary Chinese with full-width punctuation",
      text: "楼下门口（东侧）：请带好身份证！",
      single: null,
      multi: null,
    },
    { case: "emoji, with a variation selector", text: "谢谢❤️😀", single: null, multi: null },
    { case: "a family emoji built with zero-width joiners", text: "👨\u200D👩\u200D👧", single: null, multi: null },
    { case: "Mongolian with its vowel separator", text: "ᠨᠠ\u180Eᠠ", single: null, multi: null },
    {
      case: "bytes hidden as a run of variation selectors",
      text: "需要帮忙修水管\uFE00\uFE01\uFE0F\u{E0100}\u{E0101}",
      single: "invisible_character",
      multi: "invisible_character",
    },
    {
      case: "two variation selectors in a row",
      text: "❤\uFE0F\uFE0F",
      single: "invisible_character",
      multi: "invisible_character",
    },
    {
      case: "two joiners in a row",
      text: "👨\u200D\u200D👩",
      single: "invisible_character",
      multi: "invisible_character",
    },
    {
      case: "a combining grapheme joiner",
      text: "理\u034F发",
      single: "invisible_character",
      multi: "invisible_character",
    },
    { case: "a newline", text: "第一行\n第二行", single: "control_character", multi: null },
    { case: "a tab", text: "时间\t地点", single: "control_character", multi: null },
    { case: "a NUL", text: "楼\u0000下", single: "control_character", multi: "control_character" },
    { case: "a carriage return", text: "第一行\r\n第二行", single: "control_character", multi: "control_character" },
    { case: "a vertical tab", text: "a\u000Bb", single: "control_character", multi: "control_character" },
    { case: "an escape", text: "a\u001B[31mb", single: "control_character", multi: "control_character" },
    { case: "DEL", text: "a\u007F", single: "control_character", multi: "control_character" },
    { case: "a C1 next-line", text: "a\u0085b", single: "control_character", multi: "control_character" },
    {
      case: "a C1 control at the end of the range",
      text: "a\u009Fb",
      single: "control_character",
      multi: "control_character",
    },
    { case: "a right-to-left override", text: "楼下\u202E门口", single: "bidi_control", multi: "bidi_control" },
    { case: "a left-to-right embedding", text: "\u202Aabc", single: "bidi_control", multi: "bidi_control" },
    { case: "a right-to-left isolate", text: "a\u2067b\u2069", single: "bidi_control", multi: "bidi_control" },
    { case: "a right-to-left mark", text: "ab\u200F", single: "bidi_control", multi: "bidi_control" },
    { case: "an Arabic letter mark", text: "ab\u061C", single: "bidi_control", multi: "bidi_control" },
    { case: "a zero-width space", text: "敬老\u200B院", single: "invisible_character", multi: "invisible_character" },
    { case: "a zero-width non-joiner", text: "a\u200Cb", single: "invisible_character", multi: "invisible_character" },
    { case: "a word joiner", text: "a\u2060b", single: "invisible_character", multi: "invisible_character" },
    { case: "an invisible plus", text: "a\u2064b", single: "invisible_character", multi: "invisible_character" },
    { case: "a byte-order mark", text: "\uFEFF说明", single: "invisible_character", multi: "invisible_character" },
    { case: "a soft hyphen", text: "a\u00ADb", single: "invisible_character", multi: "invisible_character" },
    {
      case: "an interlinear annotation anchor",
      text: "a\uFFF9b",
      single: "invisible_character",
      multi: "invisible_character",
    },
    { case: "a tag character", text: "说明\u{E0041}", single: "invisible_character", multi: "invisible_character" },
    { case: "a cancel tag", text: "说明\u{E007F}", single: "invisible_character", multi: "invisible_character" },
    { case: "a line separator", text: "a\u2028b", single: "invisible_character", multi: "invisible_character" },
    { case: "a paragraph separator", text: "a\u2029b", single: "invisible_character", multi: "invisible_character" },
    { case: "a lone high surrogate", text: "a\uD83D", single: "broken_character", multi: "broken_character" },
    { case: "a lone low surrogate", text: "\uDE00b", single: "broken_character", multi: "broken_character" },
    { case: "nothing", text: "", single: null, multi: null },
  ])("$case → one line: $single, several lines: $multi", ({ text, single, multi }) => {
    expect(textProblem(text, { multiline: false })).toBe(single);
    expect(textProblem(text, { multiline: true })).toBe(multi);
  });

  it.each([
    { case: "a decomposed é", text: "cafe\u0301", stored: "caf\u00E9" },
    { case: "a CJK compatibility ideograph", text: "\uF900\u5C0F\u534E", stored: "\u8C48\u5C0F\u534E" },
    {
      case: "surrounding space and newlines, inner ones kept",
      text: "\n 第一行\n\n第二行\u3000\n",
      stored: "第一行\n\n第二行",
    },
    { case: "emoji and full-width punctuation, unchanged", text: "谢谢❤️！（东门）", stored: "谢谢❤️！（东门）" },
  ])("normalises $case to NFC, trimmed", ({ text, stored }) => {
    expect(normaliseText(text)).toBe(stored);
  });

  it.each([
    { text: "", blank: true },
    { text: " \u3000\n\t", blank: true },
    { text: "\u3164\u2800\u115F\u1160\uFFA0", blank: true },
    { text: "\u0301\uFE0F\u200D", blank: true },
    { text: "\u3164a", blank: false },
    { text: "😀", blank: false },
  ])("counts $text as blank: $blank", ({ text, blank }) => {
    expect(isBlank(text)).toBe(blank);
  });
});
