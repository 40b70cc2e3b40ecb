/** Mainland mobile numbers: 11 digits, starting 13–19. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

export const isMainlandMobile = (phone: string): boolean => PHONE_PATTERN.test(phone);

/** 13812341234 → 138****1234, for any list a stranger may see. */
export function maskPhone(phone: string): string {
  if (phone.length < 8) return "*".repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** 张三 → 张*, 张小华 → 张*华, 欧阳小华 → 欧**华: keep the first and last character only. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join("");
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/**
 * The one way a person's name reaches anyone but themselves: in full to whom it is entrusted (staff in scope, a team's managers),
 * in full to others only with the person's consent (given on the volunteer profile), masked otherwise.
 */
export const publicName = (name: string, consent: boolean | null, entrusted = false): string => (entrusted || consent ? name : maskName(name));

export const PASSWORD_LENGTH_MIN = 8;
export const PASSWORD_LENGTH_MAX = 72;

export type PasswordProblem = "too_short" | "too_long" | "needs_letter_and_digit";

/** Residents are often elderly: demand length and a mix, nothing more. */
export function passwordProblem(password: string): PasswordProblem | null {
  if (password.length < PASSWORD_LENGTH_MIN) return "too_short";
  if (password.length > PASSWORD_LENGTH_MAX) return "too_long";
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return "needs_letter_and_digit";
  return null;
}

/** Characters no one types in a name: C0 and C1 controls (NUL, tab, newline, DEL…), which truncate, split or hide text. */
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F]/;
/** Bidi embeddings, overrides, isolates and marks: they reorder what a reader sees (a "right-to-left override" spoofs names). */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/** Characters with no visible mark: a name made only of them looks empty. */
const INVISIBLE = /[\s\u00AD\u180E\u200B-\u200D\u2060\uFEFF]/gu;

export const NAME_PROBLEMS = ["control_character", "bidi_control", "blank"] as const;
export type NameProblem = (typeof NAME_PROBLEMS)[number];

/** What makes a human-entered name (of a person, team, place, item, activity…) unacceptable, if anything. */
export function nameProblem(name: string): NameProblem | null {
  if (CONTROL_CHARACTERS.test(name)) return "control_character";
  if (BIDI_CONTROLS.test(name)) return "bidi_control";
  if (name.replace(INVISIBLE, "") === "") return "blank";
  return null;
}

/** One spelling per name: composed (NFC, so "é" and CJK compatibility ideographs compare equal) and trimmed. */
export function normaliseName(name: string): string {
  return name.normalize("NFC").trim();
}
