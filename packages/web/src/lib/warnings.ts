import { WARNING_KINDS, type RequestCategory, type WarningKind, type WarningParams } from "@tongxin/core";
import { t } from "./i18n";
import { listText } from "./punctuation";

/** A warning's reason in the reader's language (`warning.<kind>`), a request's category named as the lists name it. */
export function warningText(w: { kind: WarningKind; params: WarningParams }): string {
  const category = w.params.category;
  const params =
    typeof category === "string"
      ? { ...w.params, category: t(`requestCategories.${category as RequestCategory}`) as string }
      : w.params;
  return t(`warning.${w.kind}`, params as never) as string;
}

/** How many warnings of each kind, in the order warnings are listed: "超时未受理 2 条、超过办结时限 8 条". */
export function warningKindsText(kinds: Partial<Record<WarningKind, number>>): string {
  return listText(
    WARNING_KINDS.filter((kind) => (kinds[kind] ?? 0) > 0).map(
      (kind) =>
        t("notes.warningKindCount", { kind: t(`warningKinds.${kind}`) as string, n: kinds[kind] ?? 0 }) as string,
    ),
  );
}
