import { TEXT_PROBLEMS, isBlank, normaliseText, textProblem } from "./text";

/** Mainland mobile numbers: 11 digits, starting 13–19. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

export const isMainlandMobile = (phone: string): boolean => PHONE_PATTERN.test(phone);

/** 13812341234 → 138****1234, for any list a stranger may see. */
export function maskPhone(phone: string): string {
  if (phone.length < 8) return "*".repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** 13812341234 → 1234: enough for a desk to check who is collecting, without the number itself. */
/** How many digits of a phone a masked phone shows at its end, and a lookup accepts alone. */
export const PHONE_TAIL_DIGITS = 4;
export const phoneTail = (phone: string): string => phone.slice(-PHONE_TAIL_DIGITS);

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
export const publicName = (name: string, consent: boolean | null, entrusted = false): string =>
  entrusted || consent ? name : maskName(name);

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

export const NAME_PROBLEMS = [...TEXT_PROBLEMS, "blank", "leading_mark"] as const;
export type NameProblem = (typeof NAME_PROBLEMS)[number];

/** A combining mark has nothing to sit on at the start of a name: it draws over whatever the page shows before it. */
const LEADING_MARK = /^\p{M}/u;

/**
 * Inside a name, nothing invisible at all: no variation selectors, joiners or
 * fillers drawn as nothing, which would make "罗文春" and "罗文春\uFE0F" two
 * people (or two teams, two skills) who look the same.
 */
const INVISIBLE_IN_NAME = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}\u200D\u180E\u034F\u3164\u115F\u1160\uFFA0\u2800]/u;

/** What makes a human-entered name (of a person, team, place, item, activity…) unacceptable, if anything: free text's rule on one line, then visibility. */
export function nameProblem(name: string): NameProblem | null {
  const problem = textProblem(name, { multiline: false });
  if (problem) return problem;
  if (isBlank(name)) return "blank";
  if (LEADING_MARK.test(name.trim())) return "leading_mark";
  if (INVISIBLE_IN_NAME.test(name)) return "invisible_character";
  return null;
}

/** One spelling per name: the same as free text. */
export const normaliseName = normaliseText;

/**
 * What someone typed to find a person, as the lookup reads it: a number typed the usual ways
 * (spaces, dashes, full-width digits, +86) becomes its digits — matched as a whole mobile number
 * or as its last four digits only, what the masked answer shows anyway, so the hidden middle
 * cannot be read back by trying parts of it; anything else is part of a name, spaces dropped
 * ("郑 桂兰" → "郑桂兰").
 */
export function personQuery(q: string): { digits: string } | { name: string } {
  const plain = q.normalize("NFKC").replace(/[\s\-()]/g, "");
  if (/^\+?\d+$/.test(plain)) return { digits: plain.replace(/^\+?86(?=1\d{10}$)/, "").replace(/^\+/, "") };
  return { name: plain };
}
