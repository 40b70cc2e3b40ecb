import { t } from "./i18n";

/** Items as a sentence lists them: 甲、乙 in Chinese, "A, B" in English. */
export const listText = (items: readonly string[]): string => items.join(t("common.listSeparator") as string);
