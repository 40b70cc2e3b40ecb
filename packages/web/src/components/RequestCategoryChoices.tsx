import { For } from "solid-js";
import type { RequestCategory } from "@tongxin/core";
import { t } from "../lib/i18n";

/** The request categories as big buttons, the chosen one pressed (a new request, a need found on a visit). */
export function RequestCategoryChoices(props: {
  label: string;
  categories: readonly RequestCategory[];
  chosen: RequestCategory | null;
  onChoose: (category: RequestCategory) => void;
}) {
  return (
    <div class="choices" role="group" aria-label={props.label}>
      <For each={props.categories}>
        {(c) => (
          <button
            type="button"
            class="choice small-choice"
            aria-pressed={props.chosen === c}
            onClick={() => props.onChoose(c)}
          >
            {t(`requestCategories.${c}`)}
          </button>
        )}
      </For>
    </div>
  );
}
