import { useNavigate } from "@solidjs/router";
import { Field, FormError } from "../components/Field";
import { ApiError, api } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { t } from "../lib/i18n";
import { refreshMe, setupDone } from "../lib/session";

/** Shown only on an empty database (SEED=none): creates the street and its first admin. */
export default function Setup() {
  const navigate = useNavigate();
  const form = createForm();
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const v = formValues(e.currentTarget as HTMLFormElement);
    let setUpElsewhere = false;
    const done = await form.submit(async () => {
      try {
        await api.setup({
          streetName: v.streetName ?? "",
          name: v.name ?? "",
          phone: v.phone ?? "",
          password: v.password ?? "",
        });
      } catch (error) {
        // Someone finished setting up in another tab or on another phone: sign in instead.
        setUpElsewhere = error instanceof ApiError && error.reason === "already_set_up";
        throw error;
      }
    });
    if (setUpElsewhere) {
      setupDone();
      navigate("/login?setup=done", { replace: true });
    } else if (done) {
      setupDone();
      await refreshMe();
      navigate("/", { replace: true });
    }
  };
  return (
    <section class="card narrow">
      <h1>{t("setup.title")}</h1>
      <p>{t("setup.intro")}</p>
      <form onSubmit={onSubmit} novalidate>
        <Field
          label={t("fields.streetName")}
          name="streetName"
          maxLength={50}
          required
          error={form.error("streetName")}
        />
        <Field label={t("fields.name")} name="name" maxLength={30} required error={form.error("name")} />
        <Field
          label={t("fields.phone")}
          name="phone"
          type="tel"
          inputmode="numeric"
          maxLength={11}
          required
          error={form.error("phone")}
        />
        <Field
          label={t("fields.password")}
          name="password"
          type="password"
          autocomplete="new-password"
          required
          error={form.error("password")}
        />
        <FormError message={form.formError()} />
        <button type="submit" class="primary" disabled={form.busy()}>
          {t("setup.submit")}
        </button>
      </form>
    </section>
  );
}
