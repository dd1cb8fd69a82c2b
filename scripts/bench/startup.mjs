// Start-up: spawn to the first full frame (header and footer drawn) under a pty, beside a bare
// `node -e 0` under the same pty. The ratio is what the bundle, React and Ink cost on top of Node;
// the aim is ≤ 3×.
import { readFileSync } from 'node:fs';

/** A frame is full when the header and the footer's key hints are both on screen. */
function frameIsFull(session) {
  const screen = session.screen();
  return (screen[0] ?? '').includes('alb-tui') && screen.some((line) => line.includes('q quit'));
}

async function timeFirstFrame(TerminalSession) {
  const session = TerminalSession.start([], { cols: 120, rows: 36 });
  try {
    const at = await session.waitFor(() => frameIsFull(session), 'the first full frame');
    const rss = residentBytes(session.pty.pid);
    await session.press('q');
    await session.waitForExit();
    return { ms: at - session.startedAt, rss };
  } finally {
    await session.dispose();
  }
}

async function timeBareNode(TerminalSession) {
  const session = TerminalSession.start([], {
    cols: 120,
    rows: 36,
    command: { file: process.execPath, args: ['-e', '0'] },
  });
  try {
    await session.waitForExit();
    return session.exitedAt - session.startedAt;
  } finally {
    await session.dispose();
  }
}

/** Resident memory of a process (Linux /proc); undefined elsewhere. */
function residentBytes(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kib ? Number(kib) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export default async function startup({ runs, median, formatMs, formatBytes, loadHarness }) {
  const { TerminalSession } = await loadHarness();
  // One unmeasured round warms the file cache for both.
  await timeBareNode(TerminalSession);
  await timeFirstFrame(TerminalSession);
  const frames = [];
  const bare = [];
  const memory = [];
  // Interleaved, so machine noise hits both series alike.
  for (let run = 0; run < runs; run += 1) {
    bare.push(await timeBareNode(TerminalSession));
    const { ms, rss } = await timeFirstFrame(TerminalSession);
    frames.push(ms);
    if (rss !== undefined) memory.push(rss);
  }
  const frame = median(frames);
  const baseline = median(bare);
  const ratio = frame / baseline;
  const rows = [
    {
      name: 'spawn → first full frame (median)',
      value: formatMs(frame),
      note: `min ${formatMs(Math.min(...frames))}, max ${formatMs(Math.max(...frames))}`,
    },
    {
      name: 'bare `node -e 0` under the pty (median)',
      value: formatMs(baseline),
      note: `min ${formatMs(Math.min(...bare))}`,
    },
    {
      name: 'ratio',
      value: `${ratio.toFixed(2)}×`,
      note: ratio <= 3 ? 'aim ≤ 3×: met' : 'aim ≤ 3×: NOT met',
    },
  ];
  if (memory.length > 0)
    rows.push({
      name: 'resident memory at first frame (median)',
      value: formatBytes(median(memory)),
      note: '',
    });
  return rows;
}
