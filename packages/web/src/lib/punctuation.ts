import { t } from "./i18n";

/** Items as a sentence lists them: 甲、乙 in Chinese, "A, B" in English. */
export const listText = (items: readonly string[]): string => items.join(t("common.listSeparator") as string);

/** Clauses one after another: 甲；乙 in Chinese, "A; B" in English. */
export const clausesText = (clauses: readonly string[]): string => clauses.join(t("common.clauseSeparator") as string);

/** The colon alone, for a label and a value that carry their own markup (<strong>名称</strong>：内容). */
export const colonText = (): string => t("common.labelled", { label: "", value: "" }) as string;
