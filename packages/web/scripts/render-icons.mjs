#!/usr/bin/env node
// Renders public/icon.svg into the PNG icons the web manifest lists (Chromium wants PNGs of 192 and
// 512 pixels to offer installing, and Android a maskable one). Run once after changing the SVG and
// commit the PNGs: `node packages/web/scripts/render-icons.mjs`. It uses the Chromium the browser
// tests use, so it needs no image library.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const publicDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');
// The same browser and arguments as e2e/browser.ts.
const CHROMIUM_PATH = '/usr/bin/chromium';
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
// The icon's own background: behind the rounded corners it makes the maskable icon one full square.
const ICON_BACKGROUND = '#1f5f5b';

/**
 * `maskable`: the platform cuts its own shape from the square, keeping at least the central circle of
 * 80% of the size; the icon's drawing already sits inside that circle, so only the corners are filled.
 */
const ICONS = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
];

const svg = readFileSync(join(publicDir, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
try {
  for (const icon of ICONS) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const background = icon.maskable ? ICON_BACKGROUND : 'transparent';
    await page.setContent(
      `<!doctype html><style>html,body{margin:0;background:${background}}svg{display:block;width:${icon.size}px;height:${icon.size}px}</style>${svg}`,
    );
    await page.screenshot({ path: join(publicDir, icon.file), omitBackground: !icon.maskable });
    await page.close();
    process.stdout.write(`wrote public/${icon.file} (${icon.size}×${icon.size})\n`);
  }
} finally {
  await browser.close();
}
