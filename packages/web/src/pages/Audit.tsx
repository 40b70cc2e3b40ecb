import { useSearchParams } from "@solidjs/router";
import { Show } from "solid-js";
import type { AccessPlace } from "@tongxin/core";
import { api, booksApi } from "../lib/api";
import { BookLinks } from "../components/BookLinks";
import { addPageTexts, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";
import { listText } from "../lib/punctuation";
import { PagedTable } from "../components/PagedTable";
import { createPagedList } from "../lib/paged";
import { communitiesWith, hasRole, streetIds } from "../lib/session";
import { must } from "@tongxin/core";

addPageTexts(zhPages);

/** Who saw residents' phone numbers or addresses in the community, newest first. */
/** What a read revealed, as the access log records it (`phone`, `address`, `care`). */
const FIELD_WORDS = { phone: "accessLog.phone", address: "accessLog.address", care: "accessLog.care" } as const;

function AccessLog(props: { communityId: number }) {
  const reads = createPagedList(
    () => props.communityId,
    (communityId: number, cursor?: string) => api.accessLog(communityId, cursor),
  );
  const fieldsText = (fields: string) =>
    listText(
      fields.split(",").map((f) => t(FIELD_WORDS[f as keyof typeof FIELD_WORDS] ?? "accessLog.address") as string),
    );
  return (
    <section aria-labelledby="access-log-title">
      <h2 id="access-log-title">{t("accessLog.title")}</h2>
      <p class="muted">{t("accessLog.intro")}</p>
      <PagedTable
        list={reads}
        label={t("accessLog.title")}
        empty={t("accessLog.none")}
        headers={[t("audit.when"), t("accessLog.reader"), t("accessLog.resident"), t("accessLog.fields")]}
        row={(read) => (
          <tr>
            <td>{read.createdAt.slice(0, 16).replace("T", " ")}</td>
            <td>{read.readerName}</td>
            <td>{read.subjectName}</td>
            <td>
              {fieldsText(read.fields)}
              <div class="muted small-text">
                {t(`accessLog.places.${read.entity as AccessPlace}`, { id: String(read.entityId ?? "") })}
              </div>
            </td>
          </tr>
        )}
      />
    </section>
  );
}

/** Staff changes, newest first: a street admin sees the whole street's. */
export default function Audit() {
  const [params] = useSearchParams<{ community?: string }>();
  const scope = () => {
    const communityId = Number(params.community) || communitiesWith("communityStaff")[0];
    if (communityId) return { communityId };
    return hasRole("streetAdmin") ? { streetId: must(streetIds()[0]) } : false;
  };
  const entries = createPagedList(scope, (s: NonNullable<ReturnType<typeof scope>>, cursor?: string) =>
    api.audit({ ...s, cursor }),
  );
  const communityOf = (s: ReturnType<typeof scope>) => (s && "communityId" in s ? s.communityId : undefined);
  const summary = (value: unknown) => (value === null || value === undefined ? "—" : JSON.stringify(value));
  return (
    <section>
      <h1>{t("audit.title")}</h1>
      <Show when={scope()}>
        {(s) => (
          <BookLinks
            href={(format, lang) => {
              const chosen = s();
              const filters =
                "communityId" in chosen
                  ? { communityId: String(chosen.communityId) }
                  : { streetId: String(chosen.streetId) };
              return booksApi.audit(filters, format, lang);
            }}
          />
        )}
      </Show>
      <PagedTable
        list={entries}
        label={t("audit.title")}
        empty={t("audit.none")}
        headers={[t("audit.when"), t("audit.who"), t("audit.what")]}
        row={(entry) => (
          <tr>
            <td>{entry.createdAt.slice(0, 16).replace("T", " ")}</td>
            <td>{entry.actorName ?? "—"}</td>
            <td>
              <code>{entry.action}</code> #{entry.entityId}
              <div class="muted small-text">
                {summary(entry.before)} → {summary(entry.after)}
              </div>
            </td>
          </tr>
        )}
      />
      <Show when={communityOf(scope())}>{(communityId) => <AccessLog communityId={communityId()} />}</Show>
    </section>
  );
}
