import { A, useSearchParams } from "@solidjs/router";
import { For, Show, createMemo, createResource, createSignal } from "solid-js";
import { ROLES, ROLE_SCOPE, type Role } from "@tongxin/core";
import { Field, FormError, SelectField } from "../components/Field";
import { api, type Account } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { addPageTexts, errorText, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";
import { buildingLabel } from "../lib/places";
import { communitiesWith, hasRole, me } from "../lib/session";

addPageTexts(zhPages);

export default function Accounts() {
  const [params, setParams] = useSearchParams<{ community?: string; grid?: string; q?: string }>();
  const [allCommunities] = createResource(api.communities);
  const communities = createMemo(() => {
    const mine = communitiesWith("communityStaff", "gridWorker");
    return (allCommunities() ?? []).filter((c) => hasRole("streetAdmin") || mine.includes(c.id));
  });
  const communityId = createMemo(() => Number(params.community) || communities()[0]?.id || 0);
  const myGrid = () => me()?.roles.find((r) => r.role === "gridWorker" && r.communityId === communityId())?.scopeId;
  const isCommunityLevel = () => hasRole("streetAdmin") || communitiesWith("communityStaff").includes(communityId());
  // A grid worker sees their grid only; community staff may narrow to a grid.
  const gridId = () => Number(params.grid) || (isCommunityLevel() ? undefined : myGrid());
  const [grids] = createResource(
    () => communityId() || false,
    (id) => api.grids(id),
  );
  const [buildings] = createResource(
    () => communityId() || false,
    (id) => api.buildings(id),
  );
  const [teams] = createResource(
    () => communityId() || false,
    (id) => api.teams(id),
  );

  const query = () => (communityId() ? { communityId: communityId(), gridId: gridId(), q: params.q } : false);
  const [extra, setExtra] = createSignal<Account[]>([]);
  const [page, { refetch }] = createResource(query, (q) => {
    setExtra([]);
    return api.accounts(q);
  });
  const [cursor, setCursor] = createSignal<string | null>(null);
  const items = () => [...(page()?.items ?? []), ...extra()];
  const nextCursor = () => (extra().length ? cursor() : (page()?.nextCursor ?? null));
  const loadMore = async () => {
    const q = query();
    const from = nextCursor();
    if (!q || !from) return;
    const more = await api.accounts({ ...q, cursor: from });
    setExtra([...extra(), ...more.items]);
    setCursor(more.nextCursor);
  };
  const [status, setStatus] = createSignal("");

  const proxy = createForm();
  const onProxy = async (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const v = formValues(el);
    await proxy.submit(async () => {
      const created = await api.proxyRegister({
        phone: v.phone ?? "",
        name: v.name ?? "",
        communityId: communityId(),
        ...(v.buildingId ? { buildingId: Number(v.buildingId) } : {}),
      });
      setStatus(t("accounts.proxyDone", { name: created.user.name, password: created.temporaryPassword }));
      el.reset();
      await refetch();
    });
  };

  const scopeOptions = (role: Role) => {
    switch (ROLE_SCOPE[role]) {
      case "street":
        return (me()?.roles ?? [])
          .filter((r) => r.role === "streetAdmin")
          .map((r) => ({ id: r.scopeId, name: r.scopeName }));
      case "community":
        return communities().filter((c) => c.id === communityId());
      case "grid":
        return grids() ?? [];
      case "team":
        return teams() ?? [];
    }
  };

  const GrantForm = (props: { account: Account }) => {
    const [role, setRole] = createSignal<Role>("volunteer");
    const form = createForm();
    const onGrant = async (e: SubmitEvent) => {
      e.preventDefault();
      const v = formValues(e.currentTarget as HTMLFormElement);
      if (
        await form.submit(
          async () => void (await api.grantRole(props.account.id, { role: role(), scopeId: Number(v.scopeId) })),
        )
      ) {
        setStatus(t("accounts.granted"));
        await refetch();
      }
    };
    return (
      <form class="inline-form" onSubmit={onGrant} aria-label={t("accounts.grant")}>
        <label>
          <span>{t("fields.role")}</span>
          <select name="role" value={role()} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            <For each={ROLES.filter((r) => hasRole("streetAdmin") || r !== "streetAdmin")}>
              {(r) => <option value={r}>{t(`roles.${r}`)}</option>}
            </For>
          </select>
        </label>
        <label>
          <span>{t("fields.scopeId")}</span>
          <select name="scopeId">
            <For each={scopeOptions(role())}>{(s) => <option value={s.id}>{s.name}</option>}</For>
          </select>
        </label>
        <button type="submit" class="small" disabled={form.busy()}>
          {t("accounts.grant")}
        </button>
        <FormError message={form.formError()} />
      </form>
    );
  };

  const revoke = async (account: Account, grantId: number) => {
    try {
      await api.revokeRole(account.id, grantId);
      setStatus(t("accounts.revoked"));
      await refetch();
    } catch (error) {
      setStatus(errorText(error));
    }
  };

  /** A forgotten password: the one-time password is shown once, here, for staff to hand over in person. */
  const resetPassword = async (account: Account) => {
    if (!window.confirm(t("accounts.resetConfirm", { name: account.name }))) return;
    try {
      const { temporaryPassword } = await api.resetPassword(account.id);
      setStatus(t("accounts.resetDone", { name: account.name, password: temporaryPassword }));
    } catch (error) {
      setStatus(errorText(error));
    }
  };

  return (
    <section>
      <h1>{t("accounts.title")}</h1>
      <form
        class="toolbar"
        onSubmit={(e) => (e.preventDefault(), setParams({ q: formValues(e.currentTarget).q || undefined }))}
      >
        <label>
          <span>{t("structure.community")}</span>
          <select
            value={communityId()}
            onChange={(e) => setParams({ community: e.currentTarget.value, grid: undefined })}
          >
            <For each={communities()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
          </select>
        </label>
        <Show when={isCommunityLevel()}>
          <label>
            <span>{t("accounts.chooseGrid")}</span>
            <select value={params.grid ?? ""} onChange={(e) => setParams({ grid: e.currentTarget.value || undefined })}>
              <option value="">—</option>
              <For each={grids()}>{(g) => <option value={g.id}>{`${"　".repeat(g.level - 1)}${g.name}`}</option>}</For>
            </select>
          </label>
        </Show>
        <label>
          <span>{t("fields.search")}</span>
          <input name="q" value={params.q ?? ""} maxLength={30} />
        </label>
        <button type="submit">{t("accounts.search")}</button>
      </form>
      <p class="status" role="status" aria-live="polite">
        {status()}
      </p>
      <Show when={allCommunities.state === "ready" && communities().length === 0}>
        <p class="card">
          {t("accounts.noCommunity")} <A href="/admin/structure">{t("nav.structure")}</A>
        </p>
      </Show>
      <Show when={page.error}>
        <p class="form-error">{errorText(page.error)}</p>
      </Show>
      <ul class="accounts">
        <For each={items()} fallback={<li class="muted">{page.loading ? t("common.loading") : t("accounts.none")}</li>}>
          {(account) => (
            <li class="card">
              <div class="row">
                <strong>{account.name}</strong>
                <a href={`tel:${account.phone}`}>{account.phone}</a>
                <Show when={account.buildingName}>
                  <span class="muted">{account.buildingName}</span>
                </Show>
              </div>
              <div class="row chips">
                <For each={account.roles}>
                  {(grant) => (
                    <span class="chip">
                      {t(`roles.${grant.role}`)}
                      <Show when={isCommunityLevel()}>
                        <button
                          type="button"
                          class="chip-x"
                          aria-label={`${t("accounts.revoke")} ${t(`roles.${grant.role}`)}`}
                          onClick={() => revoke(account, grant.id)}
                        >
                          ×
                        </button>
                      </Show>
                    </span>
                  )}
                </For>
              </div>
              <Show when={account.id !== me()?.user.id}>
                <button type="button" onClick={() => resetPassword(account)}>
                  {t("accounts.reset")}
                </button>
              </Show>
              <Show when={isCommunityLevel()}>
                <GrantForm account={account} />
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={nextCursor()}>
        <button type="button" onClick={loadMore}>
          {t("accounts.more")}
        </button>
      </Show>
      <div class="card narrow" hidden={!communityId()}>
        <h2>{t("accounts.proxyTitle")}</h2>
        <form onSubmit={onProxy} novalidate>
          <Field label={t("fields.name")} name="name" maxLength={30} error={proxy.error("name")} />
          <Field
            label={t("fields.phone")}
            name="phone"
            type="tel"
            inputmode="numeric"
            maxLength={11}
            error={proxy.error("phone")}
          />
          <SelectField label={t("fields.buildingId")} name="buildingId" error={proxy.error("buildingId")}>
            <option value="">{t("register.noBuilding")}</option>
            <For
              each={(buildings() ?? []).filter(
                (b) =>
                  !gridId() ||
                  (grids() ?? []).some((g) => g.id === b.gridId && (g.id === gridId() || g.parentId === gridId())),
              )}
            >
              {(b) => <option value={b.id}>{buildingLabel(b)}</option>}
            </For>
          </SelectField>
          <FormError message={proxy.formError()} />
          <button type="submit" class="primary" disabled={proxy.busy()}>
            {t("accounts.proxySubmit")}
          </button>
        </form>
      </div>
    </section>
  );
}
