import { useParams } from "@solidjs/router";
import { Show, createResource } from "solid-js";
import { ApiError, certificatesApi } from "../lib/api";
import { addPageTexts, errorText, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";
import { formatDay } from "../lib/time";

addPageTexts(zhPages);

/** Anyone who scans a certificate's QR code reads what it certified, the name masked; no sign-in. */
export default function Verify() {
  const params = useParams<{ code: string }>();
  const [found] = createResource(() => params.code, certificatesApi.verify);
  const notFound = () => found.error instanceof ApiError && found.error.status === 404;
  return (
    <section class="card narrow">
      <h1>{t("certificate.verifyTitle")}</h1>
      <Show when={found.error}>
        <p class="form-error" role="alert" data-testid="verify-error">
          {notFound() ? t("certificate.notFound") : errorText(found.error)}
        </p>
      </Show>
      {/* Read only once loaded: a refused load is this page's own message, not the generic error page. */}
      <Show when={found.state === "ready" && found()}>
        {(c) => (
          <>
            <p class="notice" role="status">
              {t("certificate.verified")}
            </p>
            <dl class="facts" data-testid="verified">
              <dt>{t("certificate.name")}</dt>
              <dd>{c().name}</dd>
              <dt>{t("certificate.community")}</dt>
              <dd>{c().community}</dd>
              <dt>{t("certificate.period")}</dt>
              <dd>{t("certificate.periodText", { from: c().from, to: c().to })}</dd>
              <dt>{t("certificate.totalHours")}</dt>
              <dd>{t("certificate.hoursText", { hours: String(c().hours) })}</dd>
              <dt>{t("certificate.issuedAt")}</dt>
              <dd>{formatDay(c().issuedAt)}</dd>
            </dl>
            <p class="muted">{t("certificate.privacy")}</p>
          </>
        )}
      </Show>
    </section>
  );
}
