// `pnpm --filter @tongxin/web icons`: draws the app's icon (同 in white on the theme red) and renders the PNGs phones
// ask for with Debian's Chromium. The PNGs are committed in public/: run this again only when the drawing changes.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const PUBLIC = fileURLToPath(new URL("../public/", import.meta.url));
/** The theme colour and the page background of styles.css (--red, --bg); the manifests repeat them. */
const RED = "#b3261e";

// 同 drawn as strokes on a 100-unit square, so the icon does not depend on which Chinese font is installed:
// the frame 冂 with its hook, the bar 一 and the box 口.
const GLYPH = ["M24 86 V17 H76 V80 Q76 86 70 86 H63", "M36 33 H64", "M38 46 H62 V67 H38 Z"].map(
  (d) => `<path d="${d}"/>`,
);

/**
 * `scale` shrinks the glyph about the centre: a maskable icon keeps it inside the circle of 40% radius that every
 * mask leaves visible; `rounded` draws the plain icon as a rounded square on a transparent ground.
 */
function svg(options: { scale: number; rounded: boolean }): string {
  const ground = options.rounded
    ? `<rect width="100" height="100" rx="20" fill="${RED}"/>`
    : `<rect width="100" height="100" fill="${RED}"/>`;
  const offset = 50 - 50 * options.scale;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">`,
    ground,
    `<g transform="translate(${offset} ${offset}) scale(${options.scale})" fill="none" stroke="#fff" stroke-width="8" stroke-linejoin="round">`,
    ...GLYPH,
    "</g></svg>",
  ].join("");
}

const ICONS = [
  { file: "icon-192.png", size: 192, scale: 0.8, rounded: true },
  { file: "icon-512.png", size: 512, scale: 0.8, rounded: true },
  { file: "icon-maskable-512.png", size: 512, scale: 0.56, rounded: false },
  // iOS rounds the corners itself and shows transparency as black: a full square.
  { file: "apple-touch-icon.png", size: 180, scale: 0.7, rounded: false },
];

writeFileSync(`${PUBLIC}favicon.svg`, `${svg({ scale: 0.8, rounded: true })}\n`);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
try {
  for (const icon of ICONS) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const image = svg(icon).replace("<svg ", `<svg width="${icon.size}" height="${icon.size}" `);
    await page.setContent(`<body style="margin:0">${image}</body>`);
    writeFileSync(`${PUBLIC}${icon.file}`, await page.screenshot({ omitBackground: true }));
    await page.close();
  }
} finally {
  await browser.close();
}
