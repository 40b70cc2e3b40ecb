import { A, useParams } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import { pointsApi, type StoreItem } from "../lib/api";
import { createForm } from "../lib/form";
import { errorText, t } from "../lib/i18n";
import { formatTime } from "../lib/time";
import { FormError } from "../components/Field";
import { PickupCode } from "../components/PickupCode";

type Done = { item: string; code: string; expiresAt: string };

/** 爱心超市: what the volunteer can afford comes first; redeeming asks once to confirm, then shows the pickup code. */
export default function Store() {
  const params = useParams<{ id: string }>();
  const communityId = () => Number(params.id);
  const [store, { refetch }] = createResource(communityId, pointsApi.store);
  const [done, setDone] = createSignal<Done | null>(null);
  return (
    <section>
      <h1>{t("store.title")}</h1>
      <Show when={store.error}>
        <p class="form-error">{errorText(store.error)}</p>
      </Show>
      <Show when={done()}>
        {(d) => (
          <div class="card notice-card" role="status">
            <p class="big">{t("store.done")}</p>
            <p>{d().item}</p>
            <PickupCode code={d().code} communityId={communityId()} />
            <p class="muted">{t("points.until", { time: formatTime(d().expiresAt) })}</p>
            <A href="/me/points">{t("points.title")}</A>
          </div>
        )}
      </Show>
      <Show when={store()}>
        {(s) => (
          <>
            <p class="big" data-testid="store-balance">
              {t("store.balance", { n: s().available })}
            </p>
            <Show when={s().items.length > 0} fallback={<p class="muted">{t("store.none")}</p>}>
              <ul class="plain cards" aria-label={t("store.title")}>
                <For each={s().items}>
                  {(item) => (
                    <ItemCard item={item} onRedeemed={(d) => (setDone(d), void refetch(), window.scrollTo(0, 0))} />
                  )}
                </For>
              </ul>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}

function ItemCard(props: { item: StoreItem; onRedeemed: (done: Done) => void }) {
  const [asking, setAsking] = createSignal(false);
  const form = createForm();
  // One key per intended redemption: a double tap or a retry after a lost answer redeems once.
  let key = crypto.randomUUID();
  const redeem = () =>
    form.submit(async () => {
      const answer = await pointsApi.redeem(props.item.id, 1, key);
      key = crypto.randomUUID();
      setAsking(false);
      props.onRedeemed({ item: props.item.name, code: answer.code, expiresAt: answer.expiresAt });
    });
  return (
    <li class="card item" data-testid="store-item" data-affordable={props.item.affordable ? "yes" : "no"}>
      <Show when={props.item.photo}>{(photo) => <img class="item-photo" src={photo()} alt="" />}</Show>
      <h3>{props.item.name}</h3>
      <Show when={props.item.description}>
        <p class="muted">{props.item.description}</p>
      </Show>
      <p class="row">
        <strong>{t("store.price", { n: props.item.pointsPrice })}</strong>
        <span class="muted">{t("store.stock", { n: props.item.stock })}</span>
        <Show when={props.item.monthlyLimit}>{(n) => <span class="muted">{t("store.limit", { n: n() })}</span>}</Show>
      </p>
      <Show
        when={asking()}
        fallback={
          <button type="button" disabled={!props.item.affordable} onClick={() => setAsking(true)}>
            {props.item.stock === 0
              ? t("store.soldOut")
              : props.item.affordable
                ? t("store.redeem")
                : t("store.cannot")}
          </button>
        }
      >
        <p>{t("store.confirm", { n: props.item.pointsPrice, name: props.item.name })}</p>
        <div class="actions">
          <button type="button" class="primary" disabled={form.busy()} onClick={() => void redeem()}>
            {t("store.redeem")}
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            {t("store.cancel")}
          </button>
        </div>
      </Show>
      <FormError message={form.formError()} />
    </li>
  );
}
