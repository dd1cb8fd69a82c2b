// Start-up: spawn to the first full frame (header and footer drawn) under a pty, beside a bare
// `node -e 0` under the same pty. The ratio is what the bundle, React and Ink cost on top of Node;
// the aim is ≤ 3×. Then the first frame with data: with the last listing cached (aim ≤ 3×) and with
// the fresh listing from the local ALB, the cache turned off (aim ≤ 5×), in one warmed data folder.
// The CPU the fresh data frame used, per thread, is shown too: the local ALB runs in a worker thread, and
// CPU time is what a loaded machine leaves intact.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/** Instances listed: the first instance row is selected. */
function hasData(session) {
  return session.screen().some((line) => line.includes('› prod-web'));
}

function isStale(session) {
  return (session.screen()[0] ?? '').includes('stale: cached');
}

/** A home of its own, kept across runs: the local ALB's state and the listing cache stay warm. */
function warmHome() {
  const home = mkdtempSync(join(tmpdir(), 'alb-tui-bench-'));
  return {
    home,
    env: {
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_DATA_HOME: join(home, '.local', 'share'),
      XDG_STATE_HOME: join(home, '.local', 'state'),
      XDG_CACHE_HOME: join(home, '.cache'),
    },
  };
}

/**
 * CPU time (user + system, ms) of a process's main thread and of its other threads (the local ALB's
 * worker, libuv's pool, GC helpers) so far, from Linux /proc; undefined elsewhere. Unlike wall time it
 * barely moves with the load of a shared machine.
 */
function threadCpu(pid) {
  try {
    const used = { main: 0, others: 0 };
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
      if (tid === String(pid)) used.main += ms;
      else used.others += ms;
    }
    return used;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS = 100;

/**
 * Spawn to the first frame with instances on it. `cached`: it must be the cached listing (stale
 * mark); `fresh`: the fresh one, the cache off; `warm`: either. Waits for the fresh listing and
 * its cache write before quitting, so the next run finds both.
 */
async function timeDataFrame(TerminalSession, env, mode) {
  const session = TerminalSession.start(['--lang', 'en'], {
    cols: 120,
    rows: 36,
    env: mode === 'fresh' ? { ...env, ALB_TUI_LISTING_CACHE: '0' } : env,
  });
  try {
    const at = await session.waitFor(
      () => hasData(session) && (mode === 'warm' || isStale(session) === (mode === 'cached')),
      `the ${mode} listing`,
    );
    const cpu = threadCpu(session.pty.pid);
    await session.waitFor(() => hasData(session) && !isStale(session), 'the fresh listing');
    // The cache is written a moment after the fresh listing.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await session.press('q');
    await session.waitForExit();
    return { ms: at - session.startedAt, cpu };
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

  const warm = warmHome();
  try {
    // Warm: the local ALB's state made, a listing cached.
    await timeDataFrame(TerminalSession, warm.env, 'warm');
    await timeDataFrame(TerminalSession, warm.env, 'cached');
    const cachedFrames = [];
    const freshFrames = [];
    const freshCpu = [];
    const bareAgain = [];
    for (let run = 0; run < runs; run += 1) {
      bareAgain.push(await timeBareNode(TerminalSession));
      cachedFrames.push((await timeDataFrame(TerminalSession, warm.env, 'cached')).ms);
      const fresh = await timeDataFrame(TerminalSession, warm.env, 'fresh');
      freshFrames.push(fresh.ms);
      if (fresh.cpu) freshCpu.push(fresh.cpu);
    }
    const bareData = median(bareAgain);
    for (const [name, samples, aim] of [
      ['spawn → first frame with cached data (median)', cachedFrames, 3],
      ['spawn → first frame with fresh data (median)', freshFrames, 5],
    ]) {
      const value = median(samples);
      const times = value / bareData;
      rows.push({
        name,
        value: formatMs(value),
        note: `${times.toFixed(2)}× bare node (${formatMs(bareData)}); aim ≤ ${aim}×: ${times <= aim ? 'met' : 'NOT met'}; min ${formatMs(Math.min(...samples))}`,
      });
    }
    if (freshCpu.length > 0)
      rows.push({
        name: 'CPU used by the fresh data frame (median)',
        value: `${Math.round(median(freshCpu.map((cpu) => cpu.main)))} ms`,
        note: `main thread; other threads (the local ALB's worker, GC, I/O) ${Math.round(median(freshCpu.map((cpu) => cpu.others)))} ms`,
      });
  } finally {
    rmSync(warm.home, { recursive: true, force: true });
  }
  return rows;
}
