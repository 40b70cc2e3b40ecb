import * as i18n from "@solid-primitives/i18n";
import { createMemo, createSignal } from "solid-js";
import { type Dict, zh } from "../i18n/zh";
import { ApiError, type FieldIssue } from "./api";

export type Locale = "zh" | "en";
const STORAGE_KEY = "tongxin.locale";

// English is fetched only when chosen, so the first page carries one catalogue.
const [english, setEnglish] = createSignal<Dict>();
const [locale, setLocaleSignal] = createSignal<Locale>("zh");
// False only while a remembered English catalogue is on its way: the page waits rather than flash Chinese.
const [catalogueReady, setCatalogueReady] = createSignal(true);

export { catalogueReady, locale };

/**
 * Remembers the choice at once (a page loaded next uses it), and switches the interface once the catalogue
 * is here; if English cannot load, this page stays in Chinese.
 */
export async function setLocale(next: Locale): Promise<void> {
  localStorage.setItem(STORAGE_KEY, next);
  if (next === "en" && !english()) {
    const loaded = await import("../i18n/en").then(
      (module) => module.en,
      () => undefined,
    );
    if (!loaded) return;
    setEnglish(() => loaded);
    // A click on 中文 while English was on its way wins.
    if (localStorage.getItem(STORAGE_KEY) !== next) return;
  }
  setLocaleSignal(next);
  document.documentElement.lang = next === "zh" ? "zh-CN" : "en";
}

if (typeof localStorage !== "undefined" && localStorage.getItem(STORAGE_KEY) === "en") {
  setCatalogueReady(false);
  void setLocale("en").finally(() => setCatalogueReady(true));
}

// Blocks only lazy pages read (the dashboards' definitions) come with those pages' code, not with the first page.
const [pageTexts, setPageTexts] = createSignal<Partial<Dict>>({});

/** Called at the top of a lazy page's module, so its texts are in place before it first renders. */
export function addPageTexts(texts: Partial<Dict>): void {
  setPageTexts((added) => ({ ...added, ...texts }));
}

// Typed as the whole Dict: a key of a page's block is read only by that page, whose module added it first.
const dict = createMemo(() => i18n.flatten((locale() === "en" && english()) || ({ ...zh, ...pageTexts() } as Dict)));

/** t("login.title"), t("home.greeting", { name }) — typed keys, reactive to the locale. */
export const t = i18n.translator(dict, i18n.resolveTemplate);

type Key = Parameters<typeof t>[0];
const has = (key: string): key is Key => key in dict();

/** One sentence for a refusal: the domain reason when known, else the error code. */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return t("errors.internal");
  if (error.status === 401 && error.code === "unauthenticated" && error.reason === "invalid_credentials")
    return t("errors.invalid_credentials");
  if (error.code === "rate_limited" && error.retryAfterSeconds) return waitText(error.retryAfterSeconds);
  for (const key of [`errors.${error.reason}`, `errors.${error.code}`]) if (has(key)) return t(key) as string;
  return t("errors.internal");
}

/** "请 30 秒后再试" / "请 15 分钟后再试": the wait a limit asks for, in whole seconds or rounded-up minutes. */
function waitText(seconds: number): string {
  return seconds < 120 ? t("wait.seconds", { n: seconds }) : t("wait.minutes", { n: Math.ceil(seconds / 60) });
}

/**
 * A field's issue in the user's language: "请填写手机号". A form whose field means something else than the shared
 * `fields` name (a token's name is not a person's 姓名) passes its own label.
 */
export function issueText(issue: FieldIssue, label?: string): string {
  const fieldKey = `fields.${issue.path}`;
  const field = label ?? (has(fieldKey) ? (t(fieldKey) as string) : issue.path);
  const key = `field.${issue.code}`;
  return has(key) ? (t(key as "field.required", { field }) as string) : `${field}: ${issue.message}`;
}
