import { A, useNavigate } from "@solidjs/router";
import { For, createResource, createSignal } from "solid-js";
import { Field, FormError, SelectField } from "../components/Field";
import { api } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { t } from "../lib/i18n";
import { buildingLabel } from "../lib/places";
import { refreshMe } from "../lib/session";

export default function Register() {
  const navigate = useNavigate();
  const form = createForm();
  const [communities] = createResource(api.communities);
  const [communityId, setCommunityId] = createSignal<number | null>(null);
  const [buildings] = createResource(communityId, (id) => api.buildings(id));

  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const v = formValues(e.currentTarget as HTMLFormElement);
    const done = await form.submit(async () => {
      await api.register({
        phone: v.phone ?? "",
        password: v.password ?? "",
        name: v.name ?? "",
        communityId: Number(v.communityId),
        ...(v.buildingId ? { buildingId: Number(v.buildingId) } : {}),
      });
    });
    if (done) {
      await refreshMe();
      navigate("/", { replace: true });
    }
  };

  return (
    <section class="card narrow">
      <h1>{t("register.title")}</h1>
      <form onSubmit={onSubmit} novalidate>
        <Field
          label={t("fields.name")}
          name="name"
          autocomplete="name"
          maxLength={30}
          required
          error={form.error("name")}
        />
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
          autocomplete="new-password"
          required
          error={form.error("password")}
        />
        <SelectField
          label={t("fields.communityId")}
          name="communityId"
          required
          error={form.error("communityId")}
          onChange={(e) => setCommunityId(Number(e.currentTarget.value) || null)}
        >
          <option value="">{t("register.chooseCommunity")}</option>
          <For each={communities()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
        </SelectField>
        <SelectField label={t("fields.buildingId")} name="buildingId" error={form.error("buildingId")}>
          <option value="">{t("register.noBuilding")}</option>
          <For each={buildings()}>{(b) => <option value={b.id}>{buildingLabel(b)}</option>}</For>
        </SelectField>
        <FormError message={form.formError()} />
        <button type="submit" class="primary" disabled={form.busy()}>
          {t("register.submit")}
        </button>
      </form>
      <p>
        {t("register.hasAccount")} <A href="/login">{t("nav.login")}</A>
      </p>
    </section>
  );
}
