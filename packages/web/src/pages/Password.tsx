import { Show, createSignal } from "solid-js";
import { Field, FormError } from "../components/Field";
import { api } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { t } from "../lib/i18n";

export default function Password() {
  const form = createForm();
  const [done, setDone] = createSignal(false);
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const v = formValues(el);
    setDone(false);
    if (await form.submit(async () => void (await api.changePassword({ currentPassword: v.currentPassword ?? "", newPassword: v.newPassword ?? "" })))) {
      el.reset();
      setDone(true);
    }
  };
  return (
    <section class="card narrow">
      <h1>{t("password.title")}</h1>
      <form onSubmit={onSubmit} novalidate>
        <Field label={t("fields.currentPassword")} name="currentPassword" type="password" autocomplete="current-password" error={form.error("currentPassword")} />
        <Field label={t("fields.newPassword")} name="newPassword" type="password" autocomplete="new-password" error={form.error("newPassword")} />
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
