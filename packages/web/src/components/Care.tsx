import type { VisitDue } from "@tongxin/core";
import { t } from "../lib/i18n";
import "../pages/care.css";

/** Where a household's visit plan stands today: overdue and due soon stand out, on plan is quiet. */
export function DueBadge(props: { due: VisitDue }) {
  const tone = () => ({ ok: "badge ok", dueSoon: "badge", overdue: "badge danger-badge" })[props.due];
  return <span class={tone()}>{t(`care.due.${props.due}`)}</span>;
}

/** A care category's name: a community's own as named, a built-in one in the reader's language. */
export const categoryText = (c: { key: string; name: string | null }): string =>
  c.name ?? (t(`care.category.${c.key}` as "care.category.livingAlone") as string);
