// Vitest global setup: the browser journeys need the web app built (packages/web/dist); build it
// once before any test file starts, and only when its sources changed since the last build.
// @ts-expect-error: a plain .mjs script shared with `npm start`, typed by its JSDoc-free signature below.
import { ensureWebBuilt } from '../packages/web/scripts/ensure-built.mjs';

export default async function setup(): Promise<void> {
  await (ensureWebBuilt as (options: { quiet: boolean }) => Promise<boolean>)({ quiet: true });
}
