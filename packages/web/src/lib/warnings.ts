import type { RequestCategory, WarningKind, WarningParams } from "@tongxin/core";
import { t } from "./i18n";

/** A warning's reason in the reader's language (`warning.<kind>`), a request's category named as the lists name it. */
export function warningText(w: { kind: WarningKind; params: WarningParams }): string {
  const category = w.params.category;
  const params =
    typeof category === "string"
      ? { ...w.params, category: t(`requestCategories.${category as RequestCategory}`) as string }
      : w.params;
  return t(`warning.${w.kind}`, params as never) as string;
}
