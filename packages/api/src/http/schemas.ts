import * as v from "valibot";
import {
  COMMUNITY_KINDS,
  PASSWORD_LENGTH_MAX,
  PASSWORD_LENGTH_MIN,
  PHONE_PATTERN,
  PHOTO_DATA_URL_CHARS_MAX,
  ROLES,
  isBlank,
  nameProblem,
  normaliseName,
  normaliseText,
  textProblem,
  type TextShape,
} from "@tongxin/core";

/** Field rules shared by every route; each failed check maps to a code the web app translates. */
export const phone = v.pipe(v.string(), v.regex(PHONE_PATTERN));
/**
 * Every human-entered name or title (people, teams, places, items, activities…): no control, bidi or invisible characters,
 * something visible, no leading combining mark, stored composed (NFC) and trimmed. The failed check's code is core's name problem.
 */
export const humanName = (max: number) =>
  v.pipe(
    v.string(),
    v.check(
      (text) => nameProblem(text) === null,
      (issue) => nameProblem(issue.input) ?? "invalid_format",
    ),
    v.transform(normaliseName),
    v.minLength(1),
    v.maxLength(max),
  );
export const personName = humanName(30);
export const unitName = humanName(50);
export const password = v.pipe(
  v.string(),
  v.minLength(PASSWORD_LENGTH_MIN),
  v.maxLength(PASSWORD_LENGTH_MAX),
  v.check((p) => /[A-Za-z]/.test(p) && /\d/.test(p), "needs_letter_and_digit"),
);
export const anyPassword = v.pipe(v.string(), v.minLength(1), v.maxLength(PASSWORD_LENGTH_MAX));
export const id = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER));
export const version = v.pipe(v.number(), v.integer(), v.minValue(1));
export const idParam = v.pipe(v.string(), v.regex(/^[1-9]\d{0,14}$/), v.transform(Number));
export const flag = v.optional(
  v.pipe(
    v.picklist(["0", "1", "true", "false"]),
    v.transform((s) => s === "1" || s === "true"),
  ),
);
export const role = v.picklist(ROLES);
export const communityKind = v.picklist(COMMUNITY_KINDS);

export const idParams = v.strictObject({ id: idParam });
export const renameBody = v.strictObject({ name: unitName, version });
export const archiveBody = v.strictObject({ version });

/**
 * valibot's date checks take 2027-02-30 (and Date.parse moves it to March): the day as written must be on the
 * calendar. valibot runs this after a failed format check too, so anything unparsable is simply not a day.
 */
const onCalendar = (text: string) => {
  const day = text.slice(0, 10);
  return new Date(Date.parse(`${day}T00:00:00Z`) || 0).toISOString().startsWith(day);
};

/** The first bytes of each image type a photo may be: a data URL's declared type must be what its bytes are. */
const IMAGE_SIGNATURES = {
  jpeg: [[0, "ffd8ff"]],
  png: [[0, "89504e470d0a1a0a"]],
  webp: [
    [0, "52494646"],
    [8, "57454250"],
  ],
} as const satisfies Record<string, readonly (readonly [number, string])[]>;
const PHOTO_PATTERN = /^data:image\/(jpeg|png|webp);base64,([A-Za-z0-9+/=]+)$/;

const bytesAre = (dataUrl: string): boolean => {
  const [, type, data] = PHOTO_PATTERN.exec(dataUrl) ?? [];
  if (!type || !data) return false;
  const head = Buffer.from(data.slice(0, 24), "base64").toString("hex");
  return IMAGE_SIGNATURES[type as keyof typeof IMAGE_SIGNATURES].every(([at, hex]) => head.startsWith(hex, at * 2));
};

/** A small photo as a data URL (the web app resizes photos to fit): JPEG, PNG or WebP, and truly that. */
export const photoDataUrl = v.pipe(
  v.string(),
  v.maxLength(PHOTO_DATA_URL_CHARS_MAX),
  v.regex(PHOTO_PATTERN),
  v.check(bytesAre, "not_an_image"),
);

/** A Shanghai day as written, YYYY-MM-DD, that exists. */
export const calendarDay = v.pipe(v.string(), v.isoDate(), v.check(onCalendar, "invalid_date"));

/** ISO 8601 with seconds and an offset (2026-12-05T09:00:00+08:00) on a day that exists, as epoch milliseconds. */
export const isoTime = v.pipe(
  v.string(),
  v.isoTimestamp(),
  v.check(onCalendar, "invalid_date"),
  v.transform((text) => Date.parse(text)),
);

type Presence = { required?: boolean };
/**
 * Every other human-entered text goes through core's free-text rule (the failed check's code is its text problem),
 * is stored composed (NFC) and trimmed, and, where it is required, must show something ("blank" otherwise).
 */
const freeText = (shape: TextShape, max: number, { required = false }: Presence) =>
  v.pipe(
    v.string(),
    // Windows and old Mac line ends are line ends, not control characters.
    v.transform((text) => (shape.multiline ? text.replace(/\r\n?/g, "\n") : text)),
    v.check(
      (text) => textProblem(text, shape) === null,
      (issue) => textProblem(issue.input, shape) ?? "invalid_format",
    ),
    v.transform(normaliseText),
    v.check((text) => !required || !isBlank(text), "blank"),
    v.maxLength(max),
  );
/** One line of free text: a place, a schedule, a short reason, a message, a search. */
export const singleLineText = (max: number, presence: Presence = {}) => freeText({ multiline: false }, max, presence);
/** Free text that may span lines (newline and tab allowed): descriptions, statements, comments, long reasons. */
export const multiLineText = (max: number, presence: Presence = {}) => freeText({ multiline: true }, max, presence);
export const ids = (max: number) => v.pipe(v.array(id), v.maxLength(max));
