import { A } from "@solidjs/router";
import { t } from "../lib/i18n";

/** On the community's public board: the way to its 议事公开, the topics from proposal to result. */
export function PublicTopicsLink(props: { communityId: string }) {
  return (
    <p>
      <A class="button" href={`/public-topics/${props.communityId}`}>
        {t("publication.link")}
      </A>
    </p>
  );
}
