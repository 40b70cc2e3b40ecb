import { For, Show, createResource } from "solid-js";
import type { VisitDue } from "@tongxin/core";
import { careApi } from "../lib/api";
import { careCategoryName } from "../lib/care-categories";
import { t } from "../lib/i18n";
import "../pages/care.css";

/** Where a household's visit plan stands today: overdue and due soon stand out, on plan is quiet. */
export function DueBadge(props: { due: VisitDue }) {
  const tone = () => ({ ok: "badge ok", dueSoon: "badge", overdue: "badge danger-badge" })[props.due];
  return <span class={tone()}>{t(`care.due.${props.due}`)}</span>;
}

/** The community's care categories as checkboxes named `categories` (a profile's, or a campaign's aim). */
export function CategoryChecks(props: {
  legend: string;
  communityId: number;
  chosen?: (key: string) => boolean;
  error: string | undefined;
}) {
  const [categories] = createResource(() => props.communityId, careApi.categories);
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <For each={categories()?.items}>
        {(c) => (
          <label class="check">
            <input type="checkbox" name="categories" value={c.key} checked={props.chosen?.(c.key) ?? false} />
            <span>{careCategoryName(c)}</span>
          </label>
        )}
      </For>
      <Show when={props.error}>
        <small class="field-error" role="alert">
          {props.error}
        </small>
      </Show>
    </fieldset>
  );
}
