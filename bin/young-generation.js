// V8 doubles the young generation whenever many objects survive a scavenge, up to 32 MB on a 64-bit
// machine, and keeps it while the process stays busy. alb-tui's start-up and every listing of a large
// account do exactly that, so the dashboard would hold 32 MB of mostly empty young space for the whole
// session, a fifth of its memory. It stays at its initial size instead: frames and listings allocate
// little enough that the extra scavenges cost a fraction of a millisecond a key (`npm run bench`).
//
// `--max-semi-space-size` says this on node's command line, which a bin script cannot portably carry
// (`#!/usr/bin/env -S` is missing from BusyBox); V8 reads the growth factor each time it would grow
// the young generation, so setting it here, before anything is loaded, takes effect.
import { setFlagsFromString } from 'node:v8';

/** Keeps the young generation at its initial size, unless the user sized it on node's command line. */
export function keepYoungGenerationSmall() {
  const chosen = `${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`;
  if (/semi[-_]space/.test(chosen)) return;
  setFlagsFromString('--semi-space-growth-factor=1');
}
