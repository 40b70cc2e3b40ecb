import { CARE_CATEGORIES, type BuiltInCareCategory } from "@tongxin/core";
import { t } from "./i18n";

/** A care category's name: the community's own as it named it, a built-in one in the reader's language. */
export const careCategoryName = (c: { key: string; name: string | null }): string =>
  c.name ??
  ((CARE_CATEGORIES as readonly string[]).includes(c.key) ? t(`careCategory.${c.key as BuiltInCareCategory}`) : c.key);
