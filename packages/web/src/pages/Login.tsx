import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { Show } from "solid-js";
import { Field, FormError } from "../components/Field";
import { api } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { t } from "../lib/i18n";
import { refreshMe } from "../lib/session";

export default function Login() {
  const navigate = useNavigate();
  const [params] = useSearchParams<{ next?: string; setup?: string }>();
  // Only a path on this site: never an open redirect.
  const next = () => (params.next?.startsWith("/") && !params.next.startsWith("//") ? params.next : "/");
  const form = createForm();
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const values = formValues(e.currentTarget as HTMLFormElement);
    const done = await form.submit(async () => {
      await api.login({ phone: values.phone ?? "", password: values.password ?? "" });
    });
    if (done) {
      await refreshMe();
      navigate(next(), { replace: true });
    }
  };
  return (
    <section class="card narrow">
      <h1>{t("login.title")}</h1>
      <p class="muted">{t("app.tagline")}</p>
      <Show when={params.setup === "done"}>
        <p class="notice" role="status">
          {t("login.setUpElsewhere")}
        </p>
      </Show>
      <form onSubmit={onSubmit} novalidate>
        <Field
          label={t("fields.phone")}
          name="phone"
          type="tel"
          inputmode="numeric"
          autocomplete="tel"
          maxLength={11}
          required
          error={form.error("phone")}
        />
        <Field
          label={t("fields.password")}
          name="password"
          type="password"
          autocomplete="current-password"
          required
          error={form.error("password")}
        />
        <FormError message={form.formError()} />
        <button type="submit" class="primary" disabled={form.busy()}>
          {t("login.submit")}
        </button>
      </form>
      <p>
        <A class="button" href="/forgot-password">
          {t("login.forgot")}
        </A>
      </p>
      <p>
        {t("login.noAccount")} <A href="/register">{t("login.toRegister")}</A>
      </p>
    </section>
  );
}
