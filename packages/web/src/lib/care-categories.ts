import { t } from "./i18n";

/** A care category's name: the community's own as it named it, a built-in one in the reader's language (care texts). */
export const careCategoryName = (c: { key: string; name: string | null }): string =>
  c.name ?? (t(`care.category.${c.key}` as "care.category.livingAlone") as string);
