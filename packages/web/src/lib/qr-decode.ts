/**
 * Reads a QR code from the camera's current frame: the browser's own BarcodeDetector
 * where it has one (Android Chrome), else jsQR on a canvas (iPhones, desktops).
 */
type Detector = { detect: (source: HTMLVideoElement) => Promise<{ rawValue: string }[]> };
type DetectorClass = {
  new (options: { formats: string[] }): Detector;
  getSupportedFormats: () => Promise<string[]>;
};

/** A frame this wide is enough for a QR code held at reading distance, and cheap to scan on an old phone. */
const FRAME_WIDTH_MAX_PX = 640;

export async function qrReader(): Promise<(video: HTMLVideoElement) => Promise<string | null>> {
  const native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (native && (await native.getSupportedFormats()).includes("qr_code")) {
    const detector = new native({ formats: ["qr_code"] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import("jsqr");
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  return async (video) => {
    if (!context || video.videoWidth === 0) return null;
    const scale = Math.min(1, FRAME_WIDTH_MAX_PX / video.videoWidth);
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const frame = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(frame.data, frame.width, frame.height, { inversionAttempts: "attemptBoth" })?.data ?? null;
  };
}

/** What a scanned text asks for: a check-in, a page of ours (a pickup code, a notice), or nothing we know. */
export type Scanned =
  | { kind: "checkin"; shiftId: number; token: string }
  | { kind: "page"; path: string }
  | { kind: "unknown" };

export function readScanned(text: string, origin: string): Scanned {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { kind: "unknown" };
  }
  const shiftId = Number(url.searchParams.get("shift"));
  const token = url.searchParams.get("token");
  // A check-in code is ours wherever it was shown: the organiser may use another address of the same server.
  if (url.pathname === "/checkin" && Number.isSafeInteger(shiftId) && shiftId > 0 && token)
    return { kind: "checkin", shiftId, token };
  if (url.origin === origin) return { kind: "page", path: url.pathname + url.search };
  return { kind: "unknown" };
}
