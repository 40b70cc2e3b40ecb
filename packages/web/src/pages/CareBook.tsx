import { A, useParams } from "@solidjs/router";
import { For, Show } from "solid-js";
import { BookLinks } from "../components/BookLinks";
import { DueBadge } from "../components/Care";
import { LoadError } from "../components/LoadError";
import { careBookApi, type CareBookItem } from "../lib/api";
import { careCategoryName } from "../lib/care-categories";
import { addPageTexts, t } from "../lib/i18n";
import { createPagedList } from "../lib/paged";
import { zhCareBook } from "../i18n/zh-care-book";
import { zhCare } from "../i18n/zh-care";

addPageTexts(zhCareBook);
addPageTexts(zhCare);

/** One household of the book: its door, people, plan and where it stands, as a card a phone shows whole. */
function Household(props: { item: CareBookItem }) {
  const item = () => props.item;
  const consent = () => {
    const c = item().consent;
    if (!c) return t("careBook.consentNone");
    if (c.withdrawnAt) return t("careBook.consentWithdrawn", { day: c.withdrawnAt.slice(0, 10) });
    return t("careBook.consentGiven", { name: c.givenByName, day: c.givenAt.slice(0, 10) });
  };
  const names = (list: string[], none: string) => (list.length ? list.join(t("common.listSeparator")) : none);
  return (
    <article class="card" data-household={item().householdId}>
      <div class="row spread">
        <h2>{item().label}</h2>
        <DueBadge due={item().due} />
      </div>
      <dl class="facts">
        <dt>{t("careBook.residents")}</dt>
        <dd>
          {names(
            item().residents.map((r) => r.name),
            t("careBook.noResidents"),
          )}
        </dd>
        <dt>{t("careBook.categories")}</dt>
        <dd>{item().categories.map(careCategoryName).join(t("common.listSeparator"))}</dd>
        <dt>{t("careBook.level")}</dt>
        <dd>{t(`care.level.${item().level}`)}</dd>
        <Show when={item().needs}>
          <dt>{t("careBook.needs")}</dt>
          <dd>{item().needs}</dd>
        </Show>
        <dt>{t("careBook.lastVisit")}</dt>
        <dd>{item().lastVisitedOn ?? t("careBook.never")}</dd>
        <dt>{t("careBook.nextVisit")}</dt>
        <dd>{item().nextVisitOn}</dd>
        <dt>{t("careBook.visitors")}</dt>
        <dd>
          {names(
            item().pairings.map((p) => p.visitorName),
            t("careBook.noVisitors"),
          )}
        </dd>
        <dt>{t("careBook.consent")}</dt>
        <dd>{consent()}</dd>
        <Show when={item().emergencyContact}>
          {(contact) => (
            <>
              <dt>{t("careBook.emergency")}</dt>
              <dd>
                {t("common.aside", { text: contact().name, note: contact().relation })}{" "}
                <a
                  class="button"
                  href={`tel:${contact().phone}`}
                  aria-label={`${contact().phone} ${t("careBook.call")} ${contact().name}`}
                >
                  {contact().phone}
                </a>
              </dd>
            </>
          )}
        </Show>
        <dt>{t("careBook.requests")}</dt>
        <dd>{t("careBook.requestCounts", { open: item().requests.open, closed: item().requests.closed })}</dd>
      </dl>
      <div class="actions">
        <A class="button" href={`/households/${item().householdId}/care`}>
          {t("careBook.open")}
        </A>
      </div>
    </article>
  );
}

/** 民情账: the grid's households with a care profile, a page at a time, and its download (every view is logged). */
export default function CareBook() {
  const params = useParams<{ id: string }>();
  const gridId = () => Number(params.id) || false;
  const book = createPagedList(gridId, (id: number, cursor?: string) => careBookApi.page(id, cursor));
  return (
    <Show when={!book.error()} fallback={<LoadError error={book.error()} />}>
      <section>
        <h1>{t("careBook.title")}</h1>
        <p class="muted">{t("careBook.intro")}</p>
        <Show when={gridId()}>
          {(id) => <BookLinks href={(format, lang) => careBookApi.download(id(), format, lang)} />}
        </Show>
        <Show when={book.loaded()} fallback={<p>{t("common.loading")}</p>}>
          <Show when={book.items().length > 0} fallback={<p class="muted">{t("careBook.empty")}</p>}>
            <For each={book.items()}>{(item) => <Household item={item} />}</For>
          </Show>
        </Show>
        <Show when={book.hasMore()}>
          <button type="button" onClick={() => book.loadMore()}>
            {t("careBook.more")}
          </button>
        </Show>
      </section>
    </Show>
  );
}
