import { t } from "./i18n";

// Apart from listText: only lazy pages use it, so it stays off the first page (its size budget).
/** The colon alone, for a label and a value that carry their own markup (<strong>名称</strong>：内容). */
export const colonText = (): string => t("common.labelled", { label: "", value: "" }) as string;
