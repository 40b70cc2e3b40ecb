import { useNavigate, useParams } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import { requestsApi } from "../lib/api";
import { errorText, t } from "../lib/i18n";
import { me } from "../lib/session";
import { formatRange } from "../lib/time";

/** 便民服务卡: what volunteers, teams and partner units offer; a signed-in resident books a slot in one tap. */
export default function ServiceCard() {
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const [card] = createResource(() => Number(params.id), requestsApi.serviceCard);
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
      <Show when={card.error}>
        <p class="form-error">{errorText(card.error)}</p>
      </Show>
      <ul class="plain" aria-label={t("card.title")}>
        <For each={card()?.items} fallback={<li class="muted">{t("card.none")}</li>}>
          {(offer) => (
            <li class="card offer">
              <h2>{offer.title}</h2>
              <p class="muted">
                {t(`requestCategories.${offer.category as "other"}`)} · {offer.provider} · {offer.place} · {offer.schedule}
              </p>
              <p>{offer.description}</p>
              <ul class="plain">
                <For each={offer.slots}>
                  {(slot) => (
                    <li class="row">
                      <span>{formatRange(slot.startsAt, slot.endsAt)}</span>
                      <span class={slot.placesLeft > 0 ? "badge ok" : "badge muted"}>{slot.placesLeft > 0 ? t("activities.placesLeft", { n: slot.placesLeft }) : t("activities.full")}</span>
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
