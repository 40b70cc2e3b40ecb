import { For } from "solid-js";
import { EXPORT_FORMATS, type ExportFormat, type ExportLanguage } from "@tongxin/core";
import { locale, t } from "../lib/i18n";

/** "导出 Excel / CSV": a list's book (台账) with the list's filters, its header row in the reader's language. */
export function BookLinks(props: { href: (format: ExportFormat, lang: ExportLanguage) => string }) {
  return (
    <div class="actions" role="group" aria-label={t("books.label")}>
      <For each={EXPORT_FORMATS}>
        {(format) => (
          <a class="button" href={props.href(format, locale())} download="">
            {t(`books.${format}`)}
          </a>
        )}
      </For>
    </div>
  );
}
