// Benchmark: the local ALB's data plane against nginx as the same reverse proxy, in one run, on the
// same backend (a small node HTTP server in its own process), with autocannon as the load: requests/s
// and p50/p99 latency straight to the backend, through a local HTTP listener, an HTTPS listener with
// keep-alive, and an HTTPS listener with a new TLS connection per request. The local ALB runs in its own
// process as `npm start` serves it (the DataPlane's listeners on the instance's loopback address, TLS
// from the local CA, the request pipeline of `servingHandler`); nginx is
// Debian's, one worker, configured in a temporary directory and run as the current user (the row is
// skipped, with a note, where /usr/sbin/nginx is absent). Aims: ≥ 0.5× nginx's requests/s, p99 ≤ 2×
// nginx's. The machine may be shared: nginx and the local ALB take turns over several rounds (ABBA),
// and the ratios are the median of the rounds' own. Also the memory an idle listener costs with
// 1,000 listeners served (aim ≤ 50 KB).
//
// Alone: npm run bench -- --only data-plane
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { selfSignedCertificate } from '../../source/emulator/traffic/demo-backends.js';

interface Row {
  name: string;
  value: string;
  note?: string;
}
interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}
interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

const NGINX = '/usr/sbin/nginx';
const CONNECTIONS = 50;
const DURATION_S = Number(process.env['DATA_PLANE_BENCH_SECONDS'] ?? 4);
/** Rounds of nginx and the local ALB taking turns, per case. */
const ROUNDS = Number(process.env['DATA_PLANE_BENCH_ROUNDS'] ?? 3);
const IDLE_LISTENERS = 1000;
const here = dirname(fileURLToPath(import.meta.url));
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const BACKEND = `
const body = JSON.stringify({ ok: true, server: 'bench-backend', padding: 'x'.repeat(200) });
const server = require('node:http').createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 65000;
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
`;

// The floor for any proxy on node's HTTP stack: a bare http.request → pipe proxy with a keep-alive agent,
// no rules, no headers of its own. Measures node itself, not the local ALB.
const BARE_PROXY = `
const http = require('node:http');
const backend = Number(process.argv[1]);
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, scheduling: 'lifo' });
const server = http.createServer((req, res) => {
  const upstream = http.request({ host: '127.0.0.1', port: backend, method: req.method, path: req.url, headers: req.headers, agent }, (response) => {
    res.writeHead(response.statusCode, response.headers);
    response.pipe(res);
  });
  upstream.on('error', () => { res.statusCode = 502; res.end(); });
  req.pipe(upstream);
});
server.keepAliveTimeout = 65000;
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
`;

// The same with undici, the upstream client the local ALB uses: the floor for the local ALB's own stack.
const BARE_UNDICI_PROXY = `
const http = require('node:http');
const { Pool } = require('undici');
const pool = new Pool('http://127.0.0.1:' + process.argv[1], { pipelining: 1 });
const server = http.createServer((req, res) => {
  const headers = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    if (req.rawHeaders[i].toLowerCase() !== 'connection') headers.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
  pool.dispatch({ method: req.method, path: req.url, headers, body: null }, {
    onConnect() {},
    onHeaders(status, raw, resume) {
      const out = [];
      for (let i = 0; i < raw.length; i += 2) {
        const name = raw[i].toString('latin1');
        if (!/^(connection|keep-alive|transfer-encoding)$/i.test(name)) out.push(name, raw[i + 1].toString('latin1'));
      }
      res.writeHead(status, out);
      res.on('drain', resume);
      return true;
    },
    onData(chunk) { return res.write(chunk); },
    onComplete() { res.end(); },
    onError() { if (res.headersSent) res.destroy(); else { res.statusCode = 502; res.end(); } },
  });
});
server.keepAliveTimeout = 65000;
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
`;

function firstLine(child: ChildProcess): Promise<Record<string, number | string>> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const newline = text.indexOf('\n');
      if (newline >= 0) resolve(JSON.parse(text.slice(0, newline)) as Record<string, number | string>);
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before it was ready`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function load(url: string, options: { newConnections?: boolean } = {}): Promise<Load> {
  // autocannon does not count the request after which it reconnects: with a reconnect every 2 requests,
  // every counted request is the first on a new TLS connection (and as many again went uncounted).
  const base = { url, connections: CONNECTIONS, ...(options.newConnections ? { reconnectRate: 2 } : {}) };
  await autocannon({ ...base, duration: 1 });
  const result = await autocannon({ ...base, duration: DURATION_S });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function startNginx(dir: string, backend: number, certificate: { key: string; cert: string }) {
  const http = await freePort();
  const https = await freePort();
  for (const sub of ['tmp', 'logs']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'cert.pem'), certificate.cert);
  writeFileSync(join(dir, 'key.pem'), certificate.key, { mode: 0o600 });
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `  ${kind}_temp_path ${join(dir, 'tmp', kind)};`)
    .join('\n');
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'logs', 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
${temp}
  upstream backend { server 127.0.0.1:${backend}; keepalive 64; }
  gzip on;
  gzip_types text/xml text/plain text/css application/javascript application/x-javascript application/rss+xml application/atom+xml application/xml;
  server {
    listen 127.0.0.1:${http};
    listen 127.0.0.1:${https} ssl;
    ssl_certificate ${join(dir, 'cert.pem')};
    ssl_certificate_key ${join(dir, 'key.pem')};
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
`,
  );
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // nginx says nothing when it is up: wait until it answers.
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const answer = await fetch(`http://127.0.0.1:${http}/`);
      await answer.arrayBuffer();
      if (answer.ok) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { child, http, https };
}

/**
 * The ALB process's code bundled as `npm run build` bundles the app (esbuild, no `keepNames`): under
 * tsx every closure made per request would also pay a `__name` call the real app does not.
 */
export async function bundleAlb(dir: string): Promise<string> {
  const outfile = join(dir, 'data-plane-alb.mjs');
  await build({
    entryPoints: [join(here, '_data-plane-alb.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minifySyntax: true,
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  return outfile;
}

/** CPU seconds a process has used so far (Linux /proc; undefined elsewhere). */
function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** nginx's one worker: the master's child. */
function nginxWorker(master: number | undefined): number | undefined {
  if (master === undefined) return undefined;
  try {
    const children = readFileSync(`/proc/${master}/task/${master}/children`, 'utf8').trim().split(/\s+/);
    return children[0] ? Number(children[0]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU time per request of a proxy process over a fixed number of requests: unlike requests/s, it does
 * not depend on what else the machine is doing.
 */
async function cpuPerRequest(url: string, pid: number | undefined): Promise<number | undefined> {
  const amount = 20_000;
  const before = cpuSeconds(pid);
  if (before === undefined) return undefined;
  await autocannon({ url, connections: CONNECTIONS, amount });
  const after = cpuSeconds(pid);
  return after === undefined ? undefined : ((after - before) * 1e6) / amount;
}

const ms = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const perSecond = (value: number): string => `${Math.round(value).toLocaleString('en-US')} req/s`;

function compare(mine: Load, nginx: Load | undefined): string {
  const own = `p50 ${ms(mine.p50)}, p99 ${ms(mine.p99)}${mine.errors ? `, ${mine.errors} errors` : ''}`;
  if (!nginx) return own;
  const ratio = mine.rps / nginx.rps;
  const tail = nginx.p99 > 0 ? mine.p99 / nginx.p99 : 0;
  const met = ratio >= 0.5 && tail <= 2 ? 'aims met' : 'AIMS MISSED';
  return `${own}; ${ratio.toFixed(2)}× nginx req/s (aim ≥ 0.5), p99 ${tail.toFixed(2)}× nginx (aim ≤ 2): ${met}`;
}

const middle = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

function medianLoad(loads: Load[]): Load {
  return {
    rps: middle(loads.map((l) => l.rps)),
    p50: middle(loads.map((l) => l.p50)),
    p99: middle(loads.map((l) => l.p99)),
    errors: loads.reduce((sum, l) => sum + l.errors, 0),
  };
}

/** The local ALB beside nginx over interleaved rounds: the median of the rounds' ratios, and each. */
function compareRounds(mine: Load, pairs: { nginx: Load; mine: Load }[]): string {
  const own = `p50 ${ms(mine.p50)}, p99 ${ms(mine.p99)}${mine.errors ? `, ${mine.errors} errors` : ''}`;
  const ratios = pairs.map((pair) => pair.mine.rps / pair.nginx.rps);
  const tails = pairs.map((pair) => (pair.nginx.p99 > 0 ? pair.mine.p99 / pair.nginx.p99 : 0));
  const ratio = middle(ratios);
  const tail = middle(tails);
  const met = ratio >= 0.5 && tail <= 2 ? 'aims met' : 'AIMS MISSED';
  const each = ratios.map((r) => r.toFixed(2)).join('/');
  return `${own}; ${ratio.toFixed(2)}× nginx req/s (rounds ${each}; aim ≥ 0.5), p99 ${tail.toFixed(2)}× nginx (aim ≤ 2): ${met}`;
}

export default async function dataPlane(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'alb-tui-bench-'));
  const children: ChildProcess[] = [];
  /** A node process that prints its ports on its first line; ended with the others at the end. */
  const started = async (args: string[]) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    return { child, ready: await firstLine(child) };
  };
  try {
    const backend = Number((await started(['-e', BACKEND])).ready['port']);
    const albBundle = await bundleAlb(dir);
    const { child: albChild, ready: alb } = await started([
      '--expose-gc',
      albBundle,
      '--backend',
      String(backend),
      '--idle',
      String(IDLE_LISTENERS),
    ]);
    const albHost = String(alb['address'] ?? '127.0.0.1');
    const certificate = await selfSignedCertificate();
    const nginx = existsSync(NGINX) ? await startNginx(dir, backend, certificate) : undefined;
    if (nginx) children.push(nginx.child);

    const rows: Row[] = [];
    let nginxHttp: Load | undefined;
    const direct = await load(`http://127.0.0.1:${backend}/`);
    rows.push({
      name: 'HTTP keep-alive: straight to the backend',
      value: perSecond(direct.rps),
      note: compare(direct, undefined),
    });
    const cases: [string, string, string, boolean][] = [
      ['HTTP keep-alive', 'http', 'http', false],
      ['HTTPS keep-alive', 'https', 'https', false],
      ['HTTPS new TLS connections (2 requests each)', 'https', 'https', true],
    ];
    for (const [label, scheme, key, fresh] of cases) {
      if (!nginx) {
        const mine = await load(`${scheme}://${albHost}:${alb[key]}/`, { newConnections: fresh });
        rows.push({ name: `${label}: nginx`, value: 'skipped', note: `${NGINX} not found` });
        rows.push({
          name: `${label}: local ALB`,
          value: perSecond(mine.rps),
          note: compare(mine, undefined),
        });
        continue;
      }
      // The machine is shared: nginx and the local ALB take turns (ABBA), and each figure is the
      // median of its rounds, the ratio the median of the rounds' ratios.
      const pairs: { nginx: Load; mine: Load }[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const nginxUrl = `${scheme}://127.0.0.1:${nginx[key as 'http' | 'https']}/`;
        const mineUrl = `${scheme}://${albHost}:${alb[key]}/`;
        const first = round % 2 === 0;
        const a = await load(first ? nginxUrl : mineUrl, { newConnections: fresh });
        const b = await load(first ? mineUrl : nginxUrl, { newConnections: fresh });
        pairs.push(first ? { nginx: a, mine: b } : { nginx: b, mine: a });
      }
      const nginxLoad = medianLoad(pairs.map((pair) => pair.nginx));
      const mine = medianLoad(pairs.map((pair) => pair.mine));
      rows.push({
        name: `${label}: nginx (1 worker)`,
        value: perSecond(nginxLoad.rps),
        note: compare(nginxLoad, undefined),
      });
      rows.push({
        name: `${label}: local ALB`,
        value: perSecond(mine.rps),
        note: compareRounds(mine, pairs),
      });
      if (key === 'http' && !fresh) nginxHttp = nginxLoad;
    }
    /** A bare proxy in front of the backend, loaded as the local ALB's HTTP listener was. */
    const bareProxy = async (script: string, name: string): Promise<[string, number | undefined]> => {
      const { child, ready } = await started(['-e', script, String(backend)]);
      const url = `http://127.0.0.1:${Number(ready['port'])}/`;
      const measured = await load(url);
      rows.push({ name, value: perSecond(measured.rps), note: compare(measured, nginxHttp) });
      return [url, child.pid];
    };
    const bare = await bareProxy(BARE_PROXY, 'HTTP keep-alive: bare node pipe proxy (the floor)');
    const bareUndici = await bareProxy(
      BARE_UNDICI_PROXY,
      "HTTP keep-alive: bare node + undici proxy (the local ALB's floor)",
    );
    // CPU time still grows when other jobs crowd the cores (caches, switches): two interleaved passes,
    // the lower of each, so one crowded moment does not decide a row.
    const cpuTargets: [string, number | undefined][] = [
      [`http://${albHost}:${alb['http']}/`, albChild.pid],
      bare,
      bareUndici,
      ...(nginx
        ? [[`http://127.0.0.1:${nginx.http}/`, nginxWorker(nginx.child.pid)] as [string, number | undefined]]
        : []),
    ];
    const lowest: (number | undefined)[] = cpuTargets.map(() => undefined);
    for (let pass = 0; pass < 2; pass++)
      for (const [index, [url, pid]] of cpuTargets.entries()) {
        const measured = await cpuPerRequest(url, pid);
        if (measured !== undefined) lowest[index] = Math.min(lowest[index] ?? Infinity, measured);
      }
    const [mineCpu, bareCpu, undiciCpu, nginxCpu] = lowest;
    if (mineCpu !== undefined)
      rows.push({
        name: 'CPU per request, HTTP keep-alive: local ALB',
        value: `${mineCpu.toFixed(0)} µs`,
        note: [
          nginxCpu !== undefined
            ? `nginx ${nginxCpu.toFixed(0)} µs (${(mineCpu / nginxCpu).toFixed(1)}×)`
            : '',
          bareCpu !== undefined
            ? `bare node pipe proxy ${bareCpu.toFixed(0)} µs (${(mineCpu / bareCpu).toFixed(2)}×)`
            : '',
          undiciCpu !== undefined
            ? `bare node + undici proxy ${undiciCpu.toFixed(0)} µs (${(mineCpu / undiciCpu).toFixed(2)}×)`
            : '',
          'lower of 2 interleaved passes of 20,000 requests',
        ]
          .filter(Boolean)
          .join('; '),
      });
    const perListener =
      alb['idleBytesPerListener'] === undefined ? undefined : Number(alb['idleBytesPerListener']);
    if (perListener !== undefined)
      rows.push({
        name: `memory per idle listener (${IDLE_LISTENERS.toLocaleString('en-US')} served)`,
        value: `${(perListener / 1024).toFixed(1)} KB`,
        note: `RSS growth ÷ listeners; aim ≤ 50 KB: ${perListener <= 50 * 1024 ? 'met' : 'MISSED'}`,
      });
    return rows;
  } finally {
    for (const child of children) child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
