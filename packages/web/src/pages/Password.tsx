import { useNavigate } from "@solidjs/router";
import { Show, createSignal } from "solid-js";
import { PASSWORD_LENGTH_MIN } from "@tongxin/core";
import { Field, FormError } from "../components/Field";
import { api } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { addPageTexts, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";
import { mustChangePassword, refreshMe } from "../lib/session";

addPageTexts(zhPages);

/** Change one's password; after a one-time password (reset, proxy registration) this is the only page until it is done. */
export default function Password() {
  const navigate = useNavigate();
  const form = createForm();
  const [done, setDone] = createSignal(false);
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const v = formValues(el);
    const forced = mustChangePassword();
    setDone(false);
    if (
      await form.submit(
        async () =>
          void (await api.changePassword({
            currentPassword: v.currentPassword ?? "",
            newPassword: v.newPassword ?? "",
          })),
      )
    ) {
      el.reset();
      await refreshMe();
      if (forced) navigate("/", { replace: true });
      else setDone(true);
    }
  };
  return (
    <section class="card narrow">
      <h1>{mustChangePassword() ? t("password.forcedTitle") : t("password.title")}</h1>
      <Show when={mustChangePassword()}>
        <p>{t("password.forcedIntro")}</p>
      </Show>
      <form onSubmit={onSubmit} novalidate>
        <Field
          label={t("fields.currentPassword")}
          name="currentPassword"
          type="password"
          autocomplete="current-password"
          hint={mustChangePassword() ? t("password.oneTimeHint") : undefined}
          error={form.error("currentPassword")}
        />
        <Field
          label={t("fields.newPassword")}
          name="newPassword"
          type="password"
          autocomplete="new-password"
          hint={t("password.rule", { n: PASSWORD_LENGTH_MIN })}
          error={form.error("newPassword")}
        />
        <FormError message={form.formError()} />
        <Show when={done()}>
          <p class="notice" role="status">
            {t("password.done")}
          </p>
        </Show>
        <button type="submit" class="primary" disabled={form.busy()}>
          {t("password.submit")}
        </button>
      </form>
    </section>
  );
}
