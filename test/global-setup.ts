// Builds the bundle once before the suite, so end-to-end tests run the real `bin/alb-tui.js`.
import { buildBundle } from '../scripts/build.mjs';

export default async function setup(): Promise<void> {
  await buildBundle();
}
