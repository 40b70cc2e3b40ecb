import { writeFileSync } from "node:fs";
import QRCode from "qrcode";

const WIDTH_PX = 640;
const HEIGHT_PX = 480;
/** Video black and white (BT.601 studio range), as a camera gives them. */
const DARK = 16;
const LIGHT = 235;

/**
 * Writes a still Y4M video of `text` as a QR code in the middle of the picture, for
 * Chromium's fake camera (`--use-file-for-fake-video-capture`): the page's scanner then
 * reads the code exactly as a phone's camera would show it. An empty text is a blank picture.
 */
export function writeQrVideo(path: string, text: string) {
  const luma = Buffer.alloc(WIDTH_PX * HEIGHT_PX, LIGHT);
  if (text) {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
    const quietModules = 4;
    const scale = Math.floor((HEIGHT_PX - 40) / (modules.size + 2 * quietModules));
    const left = Math.floor((WIDTH_PX - modules.size * scale) / 2);
    const top = Math.floor((HEIGHT_PX - modules.size * scale) / 2);
    for (let row = 0; row < modules.size; row++)
      for (let col = 0; col < modules.size; col++) {
        if (!modules.get(row, col)) continue;
        for (let y = 0; y < scale; y++)
          luma.fill(
            DARK,
            (top + row * scale + y) * WIDTH_PX + left + col * scale,
            (top + row * scale + y) * WIDTH_PX + left + (col + 1) * scale,
          );
      }
  }
  const chroma = Buffer.alloc((WIDTH_PX / 2) * (HEIGHT_PX / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH_PX} H${HEIGHT_PX} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, frame, frame]));
}
