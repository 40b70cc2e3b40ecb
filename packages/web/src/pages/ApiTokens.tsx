import { For, Show, createResource, createSignal } from "solid-js";
import {
  API_TOKEN_ACCESSES,
  API_TOKEN_DAYS_DEFAULT,
  API_TOKEN_DAYS_MAX,
  API_TOKEN_NAME_CHARS_MAX,
} from "@tongxin/core";
import { ApiError, api, tokensApi, type ApiTokenRow } from "../lib/api";
import { addPageTexts, errorText, t } from "../lib/i18n";
import { zhTokens } from "../i18n/zh-tokens";
import { copyText } from "../lib/clipboard";
import { createForm, formValues } from "../lib/form";
import { createPagedList } from "../lib/paged";
import { streetIds } from "../lib/session";
import { formatTime } from "../lib/time";
import { Field, FormError, SelectField } from "../components/Field";
import { LoadError } from "../components/LoadError";
import { PagedTable } from "../components/PagedTable";

addPageTexts(zhTokens);

/** 接口令牌: the street admin issues, lists and revokes the tokens other systems call the API with (decision 0020). */
export default function ApiTokens() {
  return (
    <Show when={streetIds()[0]} fallback={<LoadError error={new ApiError(403, "forbidden", "forbidden", [])} />}>
      {(streetId) => <StreetTokens streetId={streetId()} />}
    </Show>
  );
}

function StreetTokens(props: { streetId: number }) {
  // Bumped after issuing or revoking: the list reloads from its first page.
  const [version, setVersion] = createSignal(0);
  const rows = createPagedList(
    () => ({ streetId: props.streetId, version: version() }),
    (s: { streetId: number }, cursor?: string) => tokensApi.list(s.streetId, cursor),
  );
  const [status, setStatus] = createSignal("");
  const [error, setError] = createSignal("");
  const reload = () => setVersion((v) => v + 1);

  const revoke = async (token: ApiTokenRow) => {
    if (!window.confirm(t("apiTokens.revokeConfirm", { name: token.name }))) return;
    setError("");
    try {
      await tokensApi.revoke(token.id);
      setStatus(t("apiTokens.revoked", { name: token.name }));
      reload();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <section>
      <h1>{t("apiTokens.title")}</h1>
      <p class="muted">{t("apiTokens.intro")}</p>
      <IssueForm
        streetId={props.streetId}
        onIssued={(name) => {
          setStatus(t("apiTokens.issued", { name }));
          reload();
        }}
      />
      <h2>{t("apiTokens.listTitle")}</h2>
      <p class="status" role="status" aria-live="polite">
        {status()}
      </p>
      <Show when={error()}>
        <p class="form-error" role="alert">
          {error()}
        </p>
      </Show>
      <PagedTable
        list={rows}
        label={t("apiTokens.listTitle")}
        empty={t("apiTokens.none")}
        headers={[
          t("apiTokens.name"),
          t("apiTokens.scope"),
          t("apiTokens.access"),
          t("apiTokens.status"),
          t("apiTokens.expiresAt"),
          t("apiTokens.lastUsed"),
          t("apiTokens.issuer"),
          t("apiTokens.actions"),
        ]}
        row={(token) => (
          <tr>
            <td>
              {token.name}
              <div class="muted small-text">
                {t("common.labelled", { label: t("apiTokens.prefix"), value: `${token.prefix}…` })}
              </div>
            </td>
            <td>{token.scopeName}</td>
            <td>{t(`apiTokens.accesses.${token.access}`)}</td>
            <td>{t(`apiTokens.statuses.${token.status}`)}</td>
            <td>{formatTime(token.expiresAt)}</td>
            <td>{token.lastUsedAt ? formatTime(token.lastUsedAt) : t("apiTokens.neverUsed")}</td>
            <td>{token.issuerName}</td>
            <td>
              <Show when={token.revokedAt === null}>
                <button
                  type="button"
                  class="danger"
                  aria-label={t("apiTokens.revokeLabel", { name: token.name })}
                  onClick={() => void revoke(token)}
                >
                  {t("apiTokens.revoke")}
                </button>
              </Show>
            </td>
          </tr>
        )}
      />
    </section>
  );
}

/** The issue form, and once issued the secret with a copy button: shown this once, the server keeps only its hash. */
function IssueForm(props: { streetId: number; onIssued: (name: string) => void }) {
  const [communities] = createResource(() => api.communities());
  const own = () => (communities() ?? []).filter((c) => c.streetId === props.streetId);
  const form = createForm();
  const [secret, setSecret] = createSignal<string | null>(null);
  const [copied, setCopied] = createSignal("");

  const issue = (e: SubmitEvent) => {
    e.preventDefault();
    const element = e.currentTarget as HTMLFormElement;
    const values = formValues(element);
    void form.submit(async () => {
      const issued = await tokensApi.issue(props.streetId, {
        name: values.name ?? "",
        ...(values.communityId ? { communityId: Number(values.communityId) } : {}),
        access: values.access === "read_write" ? "read_write" : "read",
        expiresInDays: Number(values.expiresInDays),
      });
      setCopied("");
      setSecret(issued.secret);
      element.reset();
      props.onIssued(issued.token.name);
    });
  };
  const copy = async (text: string) =>
    setCopied(t((await copyText(text)) ? "apiTokens.copied" : "apiTokens.copyFailed"));

  return (
    <>
      <Show when={secret()}>
        {(shown) => (
          <section class="card" aria-labelledby="api-token-secret-title">
            <h2 id="api-token-secret-title">{t("apiTokens.secretTitle")}</h2>
            <p>
              <strong>{t("apiTokens.secretWarning")}</strong>
            </p>
            <Field label={t("apiTokens.secret")} name="secret" value={shown()} readOnly onFocus={selectAll} />
            <p class="actions">
              <button type="button" class="primary" onClick={() => void copy(shown())}>
                {t("apiTokens.copy")}
              </button>
              <button type="button" onClick={() => setSecret(null)}>
                {t("apiTokens.done")}
              </button>
            </p>
            <p class="status" role="status" aria-live="polite">
              {copied()}
            </p>
          </section>
        )}
      </Show>
      <form class="card" onSubmit={issue} aria-labelledby="api-token-issue-title">
        <h2 id="api-token-issue-title">{t("apiTokens.issueTitle")}</h2>
        <Field
          label={t("apiTokens.name")}
          name="name"
          hint={t("apiTokens.nameHint")}
          maxLength={API_TOKEN_NAME_CHARS_MAX}
          required
          error={form.error("name")}
        />
        <SelectField label={t("apiTokens.scope")} name="communityId" error={form.error("communityId")}>
          <option value="">{t("apiTokens.wholeStreet")}</option>
          <For each={own()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
        </SelectField>
        <fieldset>
          <legend>{t("apiTokens.access")}</legend>
          <For each={API_TOKEN_ACCESSES}>
            {(access) => (
              <label>
                <input type="radio" name="access" value={access} checked={access === "read"} />
                {t(`apiTokens.accesses.${access}`)}
              </label>
            )}
          </For>
        </fieldset>
        <Field
          label={t("apiTokens.days")}
          name="expiresInDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={API_TOKEN_DAYS_MAX}
          value={API_TOKEN_DAYS_DEFAULT}
          hint={t("apiTokens.daysHint")}
          required
          error={form.error("expiresInDays")}
        />
        <FormError message={form.formError()} />
        <button type="submit" class="primary" disabled={form.busy()}>
          {t("apiTokens.issue")}
        </button>
      </form>
    </>
  );
}

const selectAll = (e: FocusEvent) => (e.currentTarget as HTMLInputElement).select();
