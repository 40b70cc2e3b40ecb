import { A } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import {
  API_TOKEN_ACCESSES,
  API_TOKEN_DAYS_DEFAULT,
  API_TOKEN_DAYS_MAX,
  API_TOKEN_NAME_CHARS_MAX,
  type ApiTokenAccess,
} from "@tongxin/core";
import { api, tokensApi, type ApiTokenRow, type FieldIssue } from "../lib/api";
import { addPageTexts, errorText, issueText, t } from "../lib/i18n";
import { zhTokens } from "../i18n/zh-tokens";
import { copyText } from "../lib/clipboard";
import { createForm, formValues } from "../lib/form";
import { createPagedList, type PagedList } from "../lib/paged";
import { streetIds } from "../lib/session";
import { formatDay, formatTime } from "../lib/time";
import { Field, FormError, SelectField } from "../components/Field";
import { Outcome } from "../components/Outcome";

addPageTexts(zhTokens);

/** 接口令牌: the street admin issues, lists and revokes the tokens other systems call the API with (decision 0020). */
export default function ApiTokens() {
  return (
    <Show when={streetIds()[0]} fallback={<NotAdmin />}>
      {(streetId) => <StreetTokens streetId={streetId()} />}
    </Show>
  );
}

/** Signed in without the street admin's role: this page's own words, not the generic refusal. */
function NotAdmin() {
  return (
    <section class="card narrow load-error">
      <h1>{t("apiTokens.title")}</h1>
      <p>{t("apiTokens.notAdmin")}</p>
      <div class="actions">
        <A class="button" href="/">
          {t("loadError.home")}
        </A>
      </div>
    </section>
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
    // Two tokens may share a name: the prefix tells which one is meant.
    const named = { name: token.name, prefix: `${token.prefix}…` };
    if (!window.confirm(t("apiTokens.revokeConfirm", named))) return;
    setError("");
    try {
      await tokensApi.revoke(token.id);
      setStatus(t("apiTokens.revoked", named));
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
      <h2 id="api-token-list-title">{t("apiTokens.listTitle")}</h2>
      <Outcome status={status()} error={error()} />
      <TokenList list={rows} onRevoke={(token) => void revoke(token)} />
    </section>
  );
}

/** A day with its year and the time: tokens run up to a year, so "3月2日" alone would not say which. */
const dayAndTime = (iso: string) => `${formatDay(iso)} ${formatTime(iso, false)}`;

/**
 * The tokens as cards, one fact a line: eight columns do not fit a phone, and an older reader should not have to
 * scroll a table sideways to find the 撤销 button.
 */
function TokenList(props: { list: PagedList<ApiTokenRow>; onRevoke: (token: ApiTokenRow) => void }) {
  return (
    <>
      <Show when={props.list.error()}>
        <p class="form-error">{errorText(props.list.error())}</p>
      </Show>
      <Show when={props.list.loaded() && props.list.items().length === 0}>
        <p class="muted">{t("apiTokens.none")}</p>
      </Show>
      <ul class="token-list" aria-labelledby="api-token-list-title">
        <For each={props.list.items()}>
          {(token) => (
            <li class="card">
              <h3>{token.name}</h3>
              <dl class="facts">
                <dt>{t("apiTokens.prefix")}</dt>
                <dd>{`${token.prefix}…`}</dd>
                <dt>{t("apiTokens.scope")}</dt>
                <dd>{token.scopeName}</dd>
                <dt>{t("apiTokens.access")}</dt>
                <dd>{t(`apiTokens.accesses.${token.access}`)}</dd>
                <dt>{t("apiTokens.status")}</dt>
                <dd>{t(`apiTokens.statuses.${token.status}`)}</dd>
                <dt>{t("apiTokens.expiresAt")}</dt>
                <dd>{dayAndTime(token.expiresAt)}</dd>
                <dt>{t("apiTokens.lastUsed")}</dt>
                <dd>{token.lastUsedAt ? dayAndTime(token.lastUsedAt) : t("apiTokens.neverUsed")}</dd>
                <dt>{t("apiTokens.issuer")}</dt>
                <dd>{token.issuerName}</dd>
              </dl>
              <Show when={token.revokedAt === null}>
                <button
                  type="button"
                  class="danger"
                  aria-label={t("apiTokens.revokeLabel", { name: token.name, prefix: `${token.prefix}…` })}
                  onClick={() => props.onRevoke(token)}
                >
                  {t("apiTokens.revoke")}
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.list.hasMore()}>
        <button type="button" onClick={() => void props.list.loadMore()}>
          {t("audit.more")}
        </button>
      </Show>
    </>
  );
}

/** The issue form, and once issued the secret with a copy button: shown this once, the server keeps only its hash. */
function IssueForm(props: { streetId: number; onIssued: (name: string) => void }) {
  const [communities] = createResource(() => api.communities());
  const own = () => (communities() ?? []).filter((c) => c.streetId === props.streetId);
  const form = createForm(tokenIssueText);
  const [secret, setSecret] = createSignal<string | null>(null);
  const [copied, setCopied] = createSignal("");
  let secretHeading: HTMLHeadingElement | undefined;
  let issueHeading: HTMLHeadingElement | undefined;

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
      resetToDefaults(element);
      props.onIssued(issued.token.name);
      // The card is drawn above the form, out of sight on a phone: bring it there and start the reader in it.
      secretHeading?.scrollIntoView({ block: "start" });
      secretHeading?.focus({ preventScroll: true });
    });
  };
  const close = () => {
    setSecret(null);
    // The focused card is gone: the next Tab starts at the form rather than at the top of the page.
    issueHeading?.focus();
  };
  const copy = async (text: string) =>
    setCopied(t((await copyText(text)) ? "apiTokens.copied" : "apiTokens.copyFailed"));

  return (
    <>
      <Show when={secret()}>
        {(shown) => (
          <section class="card" aria-labelledby="api-token-secret-title">
            <h2 id="api-token-secret-title" ref={secretHeading} tabIndex={-1}>
              {t("apiTokens.secretTitle")}
            </h2>
            <p>
              <strong>{t("apiTokens.secretWarning")}</strong>
            </p>
            <Field label={t("apiTokens.secret")} name="secret" value={shown()} readOnly onFocus={selectAll} />
            <p class="actions">
              <button type="button" class="primary" onClick={() => void copy(shown())}>
                {t("apiTokens.copy")}
              </button>
              <button type="button" onClick={close}>
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
        <h2 id="api-token-issue-title" ref={issueHeading} tabIndex={-1}>
          {t("apiTokens.issueTitle")}
        </h2>
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
        <fieldset class="radio-choices">
          <legend>{t("apiTokens.access")}</legend>
          <For each={API_TOKEN_ACCESSES}>
            {(access) => (
              <label>
                <input type="radio" name="access" value={access} checked={access === ACCESS_DEFAULT} />
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

const ACCESS_DEFAULT: ApiTokenAccess = "read";

/**
 * Empties the form for the next token. `reset()` alone would also clear the access and the days, whose defaults
 * are set as properties (not as HTML attributes, which is what a reset goes back to).
 */
function resetToDefaults(form: HTMLFormElement) {
  form.reset();
  for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="access"]'))
    radio.checked = radio.value === ACCESS_DEFAULT;
  const days = form.querySelector<HTMLInputElement>('input[name="expiresInDays"]');
  if (days) days.value = String(API_TOKEN_DAYS_DEFAULT);
}

/** This form's own labels: its name is a token's (not a person's 姓名), and the days have one range to state. */
function tokenIssueText(issue: FieldIssue): string | undefined {
  if (issue.path === "expiresInDays") return t("apiTokens.daysInvalid");
  if (issue.path === "name") return issueText(issue, t("apiTokens.name"));
  return undefined;
}
