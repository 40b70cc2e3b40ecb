import { useNavigate, useParams } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import { REQUEST_CATEGORIES, REQUEST_CATEGORY_CODES, type RequestCategory, must } from "@tongxin/core";
import { DayAndTimes, Field, FormError, SelectField } from "../components/Field";
import { requestsApi, volunteering } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { errorText, t } from "../lib/i18n";
import { actsIn, hasRole, me } from "../lib/session";
import { formatRange, shanghaiIso } from "../lib/time";

/** 便民服务卡: what volunteers, teams and partner units offer; a signed-in resident books a slot in one tap. */
/** Publish an offer as yourself, a team you lead, or (staff) a partner unit: one weekly slot repeated four weeks. */
function PublishOffer(props: { communityId: number; onDone: () => unknown }) {
  const [units] = createResource(
    () => (hasRole("communityStaff", "streetAdmin") ? props.communityId : false),
    volunteering.partnerUnits,
  );
  const providers = () => [
    ...(hasRole("volunteer") && actsIn(props.communityId)
      ? [{ key: `volunteer:${must(me()).user.id}`, name: must(me()).user.name }]
      : []),
    ...(me()
      ?.roles.filter((r) => r.role === "teamLeader" && r.communityId === props.communityId)
      .map((r) => ({ key: `team:${r.scopeId}`, name: r.scopeName })) ?? []),
    ...(units()?.items.map((u) => ({ key: `partner:${u.id}`, name: u.name })) ?? []),
  ];
  const form = createForm();
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const v = formValues(el);
    const weeks = [0, 1, 2, 3].map((w) =>
      new Date(Date.parse(`${v.day}T00:00:00+08:00`) + w * 7 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10),
    );
    const slots =
      v.day && v.from && v.to
        ? weeks.map((d) => ({
            startsAt: shanghaiIso(d, must(v.from)),
            endsAt: shanghaiIso(d, must(v.to)),
            capacity: Number(v.capacity) || 1,
          }))
        : [];
    const input = {
      providerKey: v.providerKey ?? "",
      category: v.category as RequestCategory,
      title: v.title ?? "",
      description: v.description ?? "",
      placeKind: "service_point" as const,
      place: v.place ?? "",
      schedule: v.schedule ?? "",
      slots,
    };
    if (await form.submit(async () => void (await requestsApi.publishOffer(props.communityId, input)))) {
      el.reset();
      await props.onDone();
    }
  };
  return (
    <Show when={providers().length > 0}>
      <details class="card">
        <summary>{t("card.publish")}</summary>
        <form onSubmit={onSubmit} novalidate aria-label={t("card.publish")}>
          <SelectField label={t("card.provider")} name="providerKey">
            <For each={providers()}>{(p) => <option value={p.key}>{p.name}</option>}</For>
          </SelectField>
          <SelectField label={t("create.category")} name="category">
            <For
              each={REQUEST_CATEGORY_CODES.filter((c) =>
                (REQUEST_CATEGORIES[c].kinds as readonly string[]).includes("service"),
              )}
            >
              {(c) => <option value={c}>{t(`requestCategories.${c}`)}</option>}
            </For>
          </SelectField>
          <Field label={t("create.activityTitle")} name="title" maxLength={60} error={form.error("title")} />
          <Field label={t("create.description")} name="description" maxLength={500} />
          <Field label={t("create.place")} name="place" maxLength={100} error={form.error("place")} />
          <Field label={t("card.schedule")} name="schedule" maxLength={100} />
          <DayAndTimes>
            <label class="stacked">
              <span>{t("create.capacity")}</span>
              <input type="number" name="capacity" min="1" max="100" value="5" />
            </label>
          </DayAndTimes>
          <FormError message={form.formError()} />
          <button type="submit" class="primary">
            {t("card.publish")}
          </button>
        </form>
      </details>
    </Show>
  );
}

export default function ServiceCard() {
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const [card, { refetch }] = createResource(() => Number(params.id), requestsApi.serviceCard);
  const [status, setStatus] = createSignal("");
  const book = async (slotId: number) => {
    if (!me()) return navigate(`/login?next=${encodeURIComponent(location.pathname)}`);
    try {
      const booking = await requestsApi.book(slotId);
      navigate(`/requests/${booking.requestId}`);
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  return (
    <section>
      <h1>{t("card.title")}</h1>
      <p class="status" role="status">
        {status()}
      </p>
      <Show when={me()}>
        <PublishOffer communityId={Number(params.id)} onDone={refetch} />
      </Show>
      <Show when={card.error}>
        <p class="form-error">{errorText(card.error)}</p>
      </Show>
      <ul class="plain" aria-label={t("card.title")}>
        <For each={card()?.items} fallback={<li class="muted">{t("card.none")}</li>}>
          {(offer) => (
            <li class="card offer">
              <h2>{offer.title}</h2>
              <p class="muted">
                {t(`requestCategories.${offer.category as "other"}`)} · {offer.provider} · {offer.place} ·{" "}
                {offer.schedule}
              </p>
              <p>{offer.description}</p>
              <ul class="plain">
                <For each={offer.slots}>
                  {(slot) => (
                    <li class="row">
                      <span>{formatRange(slot.startsAt, slot.endsAt)}</span>
                      <span class={slot.placesLeft > 0 ? "badge ok" : "badge muted"}>
                        {slot.placesLeft > 0
                          ? t("activities.placesLeft", { n: slot.placesLeft })
                          : t("activities.full")}
                      </span>
                      <Show when={slot.placesLeft > 0}>
                        <button type="button" class="small" onClick={() => book(slot.id)}>
                          {t("card.book")}
                        </button>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
