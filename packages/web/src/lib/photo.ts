import { must, PHOTO_DATA_URL_CHARS_MAX } from "@tongxin/core";
const SIDE_PX_MAX = 320;

/** Shrinks a photo in the browser to a small JPEG data URL the API accepts (≤ 60,000 characters). */
export async function smallPhoto(file: File): Promise<string> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, SIDE_PX_MAX / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  must(canvas.getContext("2d")).drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  for (let quality = 0.8; quality > 0.2; quality -= 0.15) {
    const url = canvas.toDataURL("image/jpeg", quality);
    if (url.length <= PHOTO_DATA_URL_CHARS_MAX) return url;
  }
  return canvas.toDataURL("image/jpeg", 0.2);
}
