import { useNavigate, useSearchParams } from "@solidjs/router";
import { Show } from "solid-js";
import Scanner from "../components/Scanner";
import { QueuedScans } from "../components/ScanStatus";
import { me } from "../lib/session";

/**
 * 扫一扫 (`/scan`, `?shift=` from a shift the volunteer holds, so a typed code needs no
 * shift): the camera reads a QR code in the page, and below it the scans not yet accepted.
 */
export default function Scan() {
  const [params] = useSearchParams<{ shift?: string }>();
  const navigate = useNavigate();
  const shiftId = Number(params.shift) > 0 ? Number(params.shift) : undefined;
  const close = () => (history.length > 1 ? history.back() : navigate("/"));
  return (
    <Show when={me()}>
      {(who) => (
        <>
          <Scanner userId={who().user.id} shiftId={shiftId} onClose={close} />
          <QueuedScans />
        </>
      )}
    </Show>
  );
}
