import { useParams, useSearchParams } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import { pointsApi, type StoreItem } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { errorText, t } from "../lib/i18n";
import { smallPhoto } from "../lib/photo";
import { Field, FormError } from "../components/Field";

type Found = Awaited<ReturnType<typeof pointsApi.lookupPickup>>;

/** 爱心超市柜台: hand goods over by pickup code (typed, or opened from the volunteer's QR code), and keep the stock. */
export default function StoreDesk() {
  const params = useParams<{ id: string }>();
  const communityId = () => Number(params.id);
  const [store, { refetch }] = createResource(communityId, pointsApi.store);
  return (
    <section>
      <h1>{t("desk.title")}</h1>
      <Pickup communityId={communityId()} onHandedOver={() => void refetch()} />
      <h2>{t("desk.stockTitle")}</h2>
      <Show when={store.error}>
        <p class="form-error">{errorText(store.error)}</p>
      </Show>
      <ul class="plain" aria-label={t("desk.stockTitle")}>
        <For each={store()?.items}>{(item) => <StockLine item={item} onChanged={() => void refetch()} />}</For>
      </ul>
      <NewItem communityId={communityId()} onCreated={() => void refetch()} />
    </section>
  );
}

function Pickup(props: { communityId: number; onHandedOver: () => void }) {
  const [search] = useSearchParams<{ code?: string }>();
  const [code, setCode] = createSignal(search.code ?? "");
  const [found, setFound] = createSignal<Found | null>(null);
  const [handed, setHanded] = createSignal("");
  const form = createForm();
  const lookUp = (event: SubmitEvent) => {
    event.preventDefault();
    setHanded("");
    setFound(null);
    void form.submit(
      async () => void setFound(await pointsApi.lookupPickup(props.communityId, code().replace(/\s/g, ""))),
    );
  };
  const handOver = () =>
    form.submit(async () => {
      const done = await pointsApi.handOver(props.communityId, code().replace(/\s/g, ""));
      setFound(null);
      setCode("");
      setHanded(t("desk.handed", { item: done.item, n: done.quantity }));
      props.onHandedOver();
    });
  return (
    <form class="card" onSubmit={lookUp}>
      <Field
        label={t("desk.code")}
        name="code"
        inputmode="numeric"
        autocomplete="off"
        pattern="\d{4}\s?\d{4}"
        value={code()}
        onInput={(e) => setCode(e.currentTarget.value)}
        required
      />
      <button type="submit" disabled={form.busy()}>
        {t("desk.find")}
      </button>
      <Show when={found()}>
        {(f) => (
          <div class="card" data-testid="pickup-found">
            <p class="big">
              {f().item} × {f().quantity}
            </p>
            <p class="big" data-testid="pickup-holder">
              {t("common.labelled", { label: t("desk.holder"), value: f().holder })} ·{" "}
              {t("desk.phoneTail", { tail: f().phoneTail })}
            </p>
            <p>
              {t("store.price", { n: f().points })} · <span class="badge">{t(`desk.itemStatus.${f().status}`)}</span>
            </p>
            <Show when={f().status === "reserved"}>
              <p class="muted">{t("desk.checkHolder")}</p>
            </Show>
            <Show when={f().status === "reserved"}>
              <button type="button" class="primary" disabled={form.busy()} onClick={() => void handOver()}>
                {t("desk.handOver")}
              </button>
            </Show>
          </div>
        )}
      </Show>
      <FormError message={form.formError()} />
      <p class="notice big" role="status">
        {handed()}
      </p>
    </form>
  );
}

function StockLine(props: { item: StoreItem; onChanged: () => void }) {
  const form = createForm();
  const change = (fields: { addStock?: number; active?: boolean }) =>
    form.submit(
      async () =>
        void (await pointsApi.updateItem(props.item.id, { version: props.item.version, ...fields }), props.onChanged()),
    );
  const restock = (event: SubmitEvent) => {
    event.preventDefault();
    const delta = Number(formValues(event.currentTarget as HTMLFormElement)[`addStock-${props.item.id}`]);
    if (Number.isInteger(delta) && delta !== 0) void change({ addStock: delta });
  };
  return (
    <li class="card" data-testid="stock-line" classList={{ "warn-card": props.item.lowStock }}>
      <div class="row">
        <strong>{props.item.name}</strong>
        <span>{t("store.price", { n: props.item.pointsPrice })}</span>
        <span data-testid="stock">{t("store.stock", { n: props.item.stock })}</span>
        <Show when={props.item.lowStock}>
          <span class="badge">{t("desk.lowStock")}</span>
        </Show>
        <Show when={!props.item.active}>
          <span class="badge muted">{t("desk.inactive")}</span>
        </Show>
      </div>
      <form class="row" onSubmit={restock}>
        <Field
          label={t("desk.addStock")}
          name={`addStock-${props.item.id}`}
          type="number"
          step="1"
          error={form.error("addStock")}
        />
        <button type="submit" disabled={form.busy()}>
          {t("desk.apply")}
        </button>
        <button type="button" disabled={form.busy()} onClick={() => void change({ active: !props.item.active })}>
          {props.item.active ? t("desk.withdraw") : t("desk.restore")}
        </button>
      </form>
      <FormError message={form.formError()} />
    </li>
  );
}

function NewItem(props: { communityId: number; onCreated: () => void }) {
  const form = createForm();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const element = event.currentTarget as HTMLFormElement;
    const values = formValues(element);
    const file = (element.elements.namedItem("photo") as HTMLInputElement).files?.[0];
    const ok = await form.submit(async () => {
      await pointsApi.createItem(props.communityId, {
        name: values.name ?? "",
        description: values.description ?? "",
        pointsPrice: Number(values.pointsPrice),
        stock: Number(values.stock),
        monthlyLimit: values.monthlyLimit ? Number(values.monthlyLimit) : null,
        photo: file ? await smallPhoto(file) : null,
      });
    });
    if (ok) element.reset(), props.onCreated();
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="new-item">
      <h2 id="new-item">{t("desk.newItem")}</h2>
      <Field label={t("fields.name")} name="name" required maxLength={40} error={form.error("name")} />
      <Field label={t("fields.description")} name="description" maxLength={200} error={form.error("description")} />
      <Field
        label={t("fields.pointsPrice")}
        name="pointsPrice"
        type="number"
        min="1"
        required
        error={form.error("pointsPrice")}
      />
      <Field label={t("fields.stock")} name="stock" type="number" min="0" required error={form.error("stock")} />
      <Field
        label={t("common.aside", { text: t("fields.monthlyLimit"), note: t("common.optional") })}
        name="monthlyLimit"
        type="number"
        min="1"
        error={form.error("monthlyLimit")}
      />
      <Field label={t("desk.photo")} name="photo" type="file" accept="image/*" />
      <FormError message={form.formError()} />
      <button type="submit" class="primary" disabled={form.busy()}>
        {t("desk.save")}
      </button>
    </form>
  );
}
