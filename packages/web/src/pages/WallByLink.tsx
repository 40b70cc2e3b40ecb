import { useParams } from "@solidjs/router";
import { WallScreen } from "../components/WallScreen";
import { ApiError, wallsApi } from "../lib/api";
import { t } from "../lib/i18n";

/**
 * 大屏 by a read-only wall link, for the service centre's TV with no one signed in: the place's name and figures.
 * A stopped link (404) says so plainly; asking again cannot bring it back.
 */
export default function WallByLink() {
  const params = useParams<{ token: string }>();
  return (
    <WallScreen
      source={params.token}
      read={wallsApi.show}
      ended={(error) => error instanceof ApiError && error.status === 404}
      endedText={t("wall.stopped")}
    />
  );
}
