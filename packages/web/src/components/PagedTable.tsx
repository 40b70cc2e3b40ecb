import { For, Show, type JSX } from "solid-js";
import { errorText, t } from "../lib/i18n";
import type { PagedList } from "../lib/paged";

/** A cursor-paged list as a table: its error, its empty state, the rows and "load more". */
export function PagedTable<T>(props: {
  list: PagedList<T>;
  empty: string;
  /** Names the table's region: on a narrow phone it scrolls sideways, so it takes focus and is announced. */
  label: string;
  headers: string[];
  row: (item: T) => JSX.Element;
}) {
  return (
    <>
      <Show when={props.list.error()}>
        <p class="form-error">{errorText(props.list.error())}</p>
      </Show>
      <Show when={props.list.loaded() && props.list.items().length === 0}>
        <p class="muted">{props.empty}</p>
      </Show>
      <div class="table-wrap" role="region" aria-label={props.label} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <For each={props.headers}>{(header) => <th>{header}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={props.list.items()}>{(item) => props.row(item)}</For>
          </tbody>
        </table>
      </div>
      <Show when={props.list.hasMore()}>
        <button type="button" onClick={() => props.list.loadMore()}>
          {t("audit.more")}
        </button>
      </Show>
    </>
  );
}
