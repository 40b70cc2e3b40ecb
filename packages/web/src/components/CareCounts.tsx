import { For, Show, createResource } from "solid-js";
import { careBookApi } from "../lib/api";
import { careCategoryName } from "../lib/care-categories";
import { addPageTexts, errorText, t } from "../lib/i18n";
import { zhCareBook } from "../i18n/zh-care-book";
import { zhCare } from "../i18n/zh-care";

addPageTexts(zhCareBook);
addPageTexts(zhCare);

type CountPlace = { kind: "street" | "community"; id: number };

/**
 * 关爱对象: households with a care profile per grid and category, as the API suppressed them (decision 0016): a
 * hidden count reads "fewer than 5", never a number, zeros included.
 */
export function CareCounts(props: { place: CountPlace }) {
  const [counts] = createResource(
    () => ({ ...props.place }),
    (p) => careBookApi.counts(p.kind, p.id),
  );
  const min = () => (counts.state === "ready" ? counts().shownMin : 5);
  const shown = (n: number | null) => (n === null ? t("careCounts.fewer", { min: min() }) : String(n));
  return (
    <section class="area" aria-labelledby="area-care">
      <h2 id="area-care">{t("careCounts.title")}</h2>
      <p class="muted">{t("careCounts.intro", { min: min() })}</p>
      <Show when={counts.error}>
        <p class="form-error">{errorText(counts.error)}</p>
      </Show>
      <Show when={counts.state === "ready" && counts()}>
        {(c) => (
          <div class="table-wrap" role="region" aria-label={t("careCounts.title")} tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("careCounts.grid")}</th>
                  <For each={c().categories}>{(category) => <th scope="col">{careCategoryName(category)}</th>}</For>
                </tr>
              </thead>
              <tbody>
                <For each={c().rows}>
                  {(row) => (
                    <tr>
                      <th scope="row">
                        {props.place.kind === "street" ? `${row.communityName} · ${row.gridName}` : row.gridName}
                      </th>
                      <For each={row.cells}>{(n) => <td>{shown(n)}</td>}</For>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        )}
      </Show>
    </section>
  );
}
