import { useSearchParams } from "@solidjs/router";
import { Show, createResource } from "solid-js";
import { volunteering } from "../lib/api";
import { errorText, t } from "../lib/i18n";

/** Opened by scanning the organiser's QR code: checks the signed-in volunteer in, or out on the second scan. */
export default function CheckIn() {
  const [params] = useSearchParams<{ shift?: string; token?: string }>();
  const [result] = createResource(
    () => (params.shift && params.token ? { shift: Number(params.shift), token: params.token } : false),
    ({ shift, token }) => volunteering.scan(shift, token),
  );
  return (
    <section class="card narrow">
      <h1>{t("checkin.title")}</h1>
      <Show when={result.loading}>
        <p>{t("checkin.working")}</p>
      </Show>
      <Show when={result.error}>
        <p class="form-error" role="alert">
          {errorText(result.error)}
        </p>
      </Show>
      <Show when={result()}>
        {(r) => (
          <p class="notice big" role="status">
            {r().checkOutAt ? t("checkin.checkedOut", { title: r().title }) : t("checkin.checkedIn", { title: r().title })}
          </p>
        )}
      </Show>
      <Show when={result() && !result()!.checkOutAt}>
        <p class="muted">{t("checkin.again")}</p>
      </Show>
    </section>
  );
}
