#!/usr/bin/env node
import { keepYoungGenerationSmall } from './young-generation.js';

keepYoungGenerationSmall();
// React and Ink read NODE_ENV when they load; it must be set before the bundle is imported.
process.env.NODE_ENV ??= 'production';
try {
  await import('../dist/alb-tui.js');
} catch (error) {
  // Only the bundle itself missing means "not built"; anything the bundle fails to load is a real error.
  if (
    error &&
    error.code === 'ERR_MODULE_NOT_FOUND' &&
    String(error.message).startsWith('Cannot find module') &&
    String(error.message).includes("dist/alb-tui.js'")
  ) {
    process.stderr.write('alb-tui is not built yet: run `npm run build` (or `npm start`).\n');
    process.exit(1);
  }
  throw error;
}
