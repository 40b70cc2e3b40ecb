/**
 * Characters no one means to type, for every human-entered text: free text (descriptions, places, reasons, messages…)
 * and, with a stricter rule on top, names (identity.ts). Each would let one person hide, cut or reorder what another reads.
 */

/** C0 and C1 controls (NUL, newline, tab, DEL, NEL…): a NUL truncates stored text, the others split or hide it. */
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/;
/** The same, less newline and tab, which a multi-line description legitimately holds. */
const CONTROLS_BUT_NEWLINE_AND_TAB = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
/** Bidi embeddings, overrides, isolates and marks: they reorder what a reader sees (a "right-to-left override" spoofs text). */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/**
 * Format characters (Unicode Cf: zero-width spaces, word joiners, byte-order marks, invisible operators, tag characters…)
 * and the line and paragraph separators U+2028/2029: invisible, they hide words from search and review or break lines unseen.
 * Two stay: the zero-width joiner, which builds emoji (👨‍👩‍👧), and the Mongolian vowel separator, part of Mongolian spelling.
 */
const INVISIBLE = /(?![\u200D\u180E])[\p{Cf}\u2028\u2029]/u;
/**
 * Runs of invisible joiners and selectors: one variation selector after a character (❤️) or one joiner between emoji
 * is how emoji are written; two or more in a row encode hidden bytes, and the combining grapheme joiner never shows.
 */
const HIDDEN_RUN = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}\u200D\u180E]{2,}|\u034F/u;
/** Half of a UTF-16 surrogate pair with no partner: not a character at all, and databases and exports mangle it. */
const LONE_SURROGATE = /\p{Cs}/u;

export const TEXT_PROBLEMS = ["control_character", "bidi_control", "invisible_character", "broken_character"] as const;
export type TextProblem = (typeof TEXT_PROBLEMS)[number];

/** Whether the field may span lines: descriptions may (newline and tab allowed), places, schedules and names may not. */
export type TextShape = { multiline: boolean };

/** What makes human-entered free text unacceptable, if anything. */
export function textProblem(text: string, { multiline }: TextShape): TextProblem | null {
  if ((multiline ? CONTROLS_BUT_NEWLINE_AND_TAB : CONTROLS).test(text)) return "control_character";
  if (BIDI_CONTROLS.test(text)) return "bidi_control";
  if (INVISIBLE.test(text) || HIDDEN_RUN.test(text)) return "invisible_character";
  if (LONE_SURROGATE.test(text)) return "broken_character";
  return null;
}

/** One spelling per text: composed (NFC, so "é" and CJK compatibility ideographs compare equal), without surrounding space. */
export function normaliseText(text: string): string {
  return text.normalize("NFC").trim();
}

/**
 * Nothing a reader would see: white space, marks (accents, variation selectors), format characters,
 * and the letters drawn as nothing (Hangul fillers U+3164/115F/1160/FFA0, the blank braille pattern U+2800).
 */
const UNSEEN = /[\s\p{M}\p{Cf}\u3164\u115F\u1160\uFFA0\u2800]/gu;

export const isBlank = (text: string): boolean => text.replace(UNSEEN, "") === "";
