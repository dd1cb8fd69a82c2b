// `alb-tui emulator`: runs the local ALB on its own, so the aliyun CLI, scripts on the SDKs and CI
// jobs can use it in place of the cloud. Prints where it listens and the AccessKey pair it accepts —
// the emulator's own throw-away pair, not an Alibaba Cloud secret.
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { langFromEnv, type Lang } from '../domain/i18n.js';
import {
  DEFAULT_PORT_OFFSET,
  FAULT_CODES,
  MAX_SCALE,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../emulator/index.js';
import { sanitizeLines } from '../commands/output.js';
import { LOCAL_CA_DIR, serveLocalTraffic, type ServedTraffic } from './traffic.js';

export const DEFAULT_EMULATOR_PORT = 18081;

/** A stream that calls back once the text is handed on (as node's streams do). */
export interface TextSink {
  write(text: string, done: () => void): unknown;
}

export interface EmulatorCommandIo {
  stdout: TextSink;
  stderr: TextSink;
  env: Record<string, string | undefined>;
  /** The language of messages; taken from the environment (LC_ALL, LC_MESSAGES, LANG) when absent. */
  lang?: Lang;
  /** Stops the emulator, as SIGINT/SIGTERM do (for tests and embedding). */
  signal?: AbortSignal;
  /** Called once the emulator listens. */
  onReady?: (emulator: RunningEmulator) => void;
  /** Called when the data plane is started (tests). */
  onTraffic?: (traffic: ServedTraffic) => void;
  /** Whether to stop on SIGINT/SIGTERM; true unless told otherwise. */
  handleSignals?: boolean;
}

const defaultIo = (): EmulatorCommandIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});

/**
 * Resolves once the text is handed on, so a caller exiting right after cannot cut it off. Every
 * line passes the sanitiser: messages echo arguments and paths as given.
 */
function emit(sink: TextSink, text: string): Promise<void> {
  return new Promise((resolve) => sink.write(sanitizeLines(text), resolve));
}

type Text = Record<Lang, string>;
const t = (en: string, zh: string): Text => ({ en, 'zh-CN': zh });

const HELP: Text = t(
  `Usage: alb-tui emulator [options]

Runs the local ALB: an emulator of the ALB (2020-06-16) and CAS (2020-04-07) OpenAPI on 127.0.0.1,
for the aliyun CLI, the SDKs and scripts. State is kept in a file and survives restarts.

Options:
  --port N                    port to listen on (default ${DEFAULT_EMULATOR_PORT}; 0 picks a free port)
  --state FILE                state file (default $XDG_DATA_HOME/alb-tui/local-alb.json)
  --reset                     discard the saved state and start from fresh demo data
  --access-key-id ID          accept this AccessKey ID (with --access-key-secret) instead of the generated pair
  --access-key-secret SECRET
  --scale INSTANCES:LISTENERS seed this many instances and listeners (e.g. 500:10000; first run or --reset)
  --latency MS                add this much latency to every answer
  --fault-rate R              answer this share of requests (0–1) with InternalError
  --fault-codes CODE,CODE     answer those failures with these codes instead (the busy states clients
                              retry: SystemBusy, Conflict.Lock, IdempotenceProcessing, IncorrectStatus.Listener,
                              ResourceInConfiguring.Listener, IncorrectBusinessStatus.LoadBalancer, …)
  --async-fail R              end this share of asynchronous jobs (0–1) Failed, with ErrorCode and ErrorMessage
  --async-delay MS            how long listener creation and deletion take (default 2000)
  --region REGION             region to emulate (default cn-hangzhou)
  --seed N                    seed for the demo data and the faults
  --no-data-plane             serve no traffic (by default every listener can be curled on its
                              instance's loopback address 127.x.y.z)
  --port-offset N             serve a listener whose port cannot be bound on port + N (default 10000)
  -h, --help                  show this help

Known to work (each covered by a test): signatures V3 ACS3-HMAC-SHA256 and ACS3-HMAC-SM3, and V1 RPC
HMAC-SHA1; clients @alicloud/alb20200616 1.3.x and 1.2.x, @alicloud/cas20200407 3.x,
@alicloud/openapi-core and @alicloud/openapi-client (callApi, RPC: V3 SHA-256, V3 SM3 and v2 HMAC-SHA1),
@alicloud/rpc-client, and @alicloud/pop-core (GET and POST, signed as the aliyun CLI signs).
`,
  `用法：alb-tui emulator [选项]

启动本地 ALB：在 127.0.0.1 上模拟 ALB（2020-06-16）和 CAS（2020-04-07）OpenAPI，
供 aliyun CLI、SDK 和脚本使用。状态保存在文件中，重启后仍然保留。

选项：
  --port N                    监听端口（默认 ${DEFAULT_EMULATOR_PORT}；0 表示自动选择空闲端口）
  --state FILE                状态文件（默认 $XDG_DATA_HOME/alb-tui/local-alb.json）
  --reset                     丢弃已保存的状态，从新的演示数据开始
  --access-key-id ID          使用此 AccessKey ID（需同时指定 --access-key-secret），而不是自动生成的密钥对
  --access-key-secret SECRET
  --scale 实例数:监听数        生成指定数量的实例和监听（如 500:10000；仅首次运行或 --reset 时生效）
  --latency MS                为每个响应增加指定的延迟（毫秒）
  --fault-rate R              以此比例（0–1）返回 InternalError
  --fault-codes CODE,CODE     改用这些错误码返回上述失败（客户端应重试的繁忙状态：SystemBusy、Conflict.Lock、
                              IdempotenceProcessing、IncorrectStatus.Listener、ResourceInConfiguring.Listener、
                              IncorrectBusinessStatus.LoadBalancer 等）
  --async-fail R              以此比例（0–1）使异步任务以 Failed 结束，并带有 ErrorCode 和 ErrorMessage
  --async-delay MS            创建和删除监听所需的时间（毫秒，默认 2000）
  --region REGION             模拟的地域（默认 cn-hangzhou）
  --seed N                    演示数据和故障注入的随机种子
  --no-data-plane             不处理流量（默认每个监听都可在其实例的本地回环地址 127.x.y.z 上用 curl 访问）
  --port-offset N             监听端口无法绑定时改用 端口 + N（默认 10000）
  -h, --help                  显示此帮助

已验证可用（均有测试覆盖）：签名 V3 ACS3-HMAC-SHA256、ACS3-HMAC-SM3 与 V1 RPC HMAC-SHA1；
客户端 @alicloud/alb20200616 1.3.x 与 1.2.x、@alicloud/cas20200407 3.x、
@alicloud/openapi-core 与 @alicloud/openapi-client（callApi，RPC：V3 SHA-256、V3 SM3 与 v2 HMAC-SHA1）、
@alicloud/rpc-client，以及 @alicloud/pop-core（GET 与 POST，与 aliyun CLI 的签名方式相同）。
`,
);

/** `$XDG_DATA_HOME/alb-tui/local-alb.json`, else `~/.local/share/alb-tui/local-alb.json`. */
export function defaultStatePath(env: Record<string, string | undefined>): string {
  const xdg = env['XDG_DATA_HOME'];
  const base = xdg && isAbsolute(xdg) ? xdg : join(env['HOME'] || homedir(), '.local', 'share');
  return join(base, 'alb-tui', 'local-alb.json');
}

export function credentialsPathFor(statePath: string): string {
  return join(dirname(statePath), 'local-alb-credentials.json');
}

class UsageError extends Error {}

function parse(
  argv: string[],
  lang: Lang,
):
  | { help: true }
  | { help: false; options: EmulatorOptions; port: number; dataPlane: false | { portOffset: number } } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      state: { type: 'string' },
      reset: { type: 'boolean' },
      'access-key-id': { type: 'string' },
      'access-key-secret': { type: 'string' },
      scale: { type: 'string' },
      latency: { type: 'string' },
      'fault-rate': { type: 'string' },
      'fault-codes': { type: 'string' },
      'async-fail': { type: 'string' },
      'async-delay': { type: 'string' },
      region: { type: 'string' },
      seed: { type: 'string' },
      'no-data-plane': { type: 'boolean' },
      'port-offset': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  const bad = (en: string, zh: string): never => {
    throw new UsageError(lang === 'en' ? en : zh);
  };
  const options: EmulatorOptions = {};
  let port = DEFAULT_EMULATOR_PORT;
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535)
      bad(`--port must be 0–65535, got "${values.port}"`, `--port 必须是 0–65535，收到 "${values.port}"`);
    port = Number(values.port);
  }
  if (values.state !== undefined) {
    if (values.state.trim() === '') bad('--state needs a file path', '--state 需要一个文件路径');
    options.statePath = values.state;
  }
  if (values.reset) options.reset = true;
  const id = values['access-key-id'];
  const secret = values['access-key-secret'];
  if ((id === undefined) !== (secret === undefined))
    bad(
      '--access-key-id and --access-key-secret go together',
      '--access-key-id 和 --access-key-secret 必须同时指定',
    );
  if (id !== undefined && secret !== undefined) {
    if (!/^[\x21-\x7e]{1,128}$/.test(id) || !/^[\x21-\x7e]{1,128}$/.test(secret)) {
      bad(
        'the AccessKey ID and secret must be 1–128 printable ASCII characters',
        'AccessKey ID 和密钥必须是 1–128 个可打印 ASCII 字符',
      );
    }
    options.credentials = { accessKeyId: id, accessKeySecret: secret };
  }
  if (values.scale !== undefined) {
    const match = /^(\d{1,6}):(\d{1,7})$/.exec(values.scale);
    const instances = Number(match?.[1]);
    const listeners = Number(match?.[2]);
    if (
      !match ||
      instances < 1 ||
      instances > MAX_SCALE.instances ||
      listeners < 1 ||
      listeners > MAX_SCALE.listeners
    ) {
      bad(
        `--scale must be INSTANCES:LISTENERS with 1–${MAX_SCALE.instances} instances and 1–${MAX_SCALE.listeners} listeners, got "${values.scale}"`,
        `--scale 格式为 实例数:监听数（实例 1–${MAX_SCALE.instances}，监听 1–${MAX_SCALE.listeners}），收到 "${values.scale}"`,
      );
    }
    options.scale = { instances, listeners };
  }
  const faults: NonNullable<EmulatorOptions['faults']> = {};
  if (values.latency !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(values.latency))
      bad(
        `--latency must be a number of milliseconds, got "${values.latency}"`,
        `--latency 必须是毫秒数，收到 "${values.latency}"`,
      );
    faults.latencyMs = Number(values.latency);
  }
  if (values['fault-rate'] !== undefined) {
    const rate = Number(values['fault-rate']);
    if (!/^\d*\.?\d+$/.test(values['fault-rate']) || rate > 1)
      bad(
        `--fault-rate must be between 0 and 1, got "${values['fault-rate']}"`,
        `--fault-rate 必须在 0 到 1 之间，收到 "${values['fault-rate']}"`,
      );
    faults.failureRate = rate;
  }
  if (values['fault-codes'] !== undefined) {
    const codes = values['fault-codes']
      .split(',')
      .map((code) => code.trim())
      .filter(Boolean);
    const unknown = codes.find((code) => !Object.hasOwn(FAULT_CODES, code));
    if (codes.length === 0 || unknown !== undefined)
      bad(
        `--fault-codes takes codes from: ${Object.keys(FAULT_CODES).join(', ')}; got "${unknown ?? values['fault-codes']}"`,
        `--fault-codes 可用的错误码：${Object.keys(FAULT_CODES).join('、')}；收到 "${unknown ?? values['fault-codes']}"`,
      );
    if (faults.failureRate === undefined)
      bad(
        '--fault-codes needs --fault-rate R (the share of requests answered with these codes)',
        '--fault-codes 需要同时指定 --fault-rate R（以这些错误码返回的请求比例）',
      );
    faults.codes = codes;
  }
  if (values['async-fail'] !== undefined) {
    const rate = Number(values['async-fail']);
    if (!/^\d*\.?\d+$/.test(values['async-fail']) || rate > 1)
      bad(
        `--async-fail must be between 0 and 1, got "${values['async-fail']}"`,
        `--async-fail 必须在 0 到 1 之间，收到 "${values['async-fail']}"`,
      );
    faults.asyncFailureRate = rate;
  }
  if (values['async-delay'] !== undefined) {
    if (!/^\d{1,7}$/.test(values['async-delay']))
      bad(
        `--async-delay must be a whole number of milliseconds, got "${values['async-delay']}"`,
        `--async-delay 必须是整数毫秒，收到 "${values['async-delay']}"`,
      );
    options.provisioningDelayMs = Number(values['async-delay']);
  }
  if (Object.keys(faults).length > 0) options.faults = faults;
  if (values.region !== undefined) {
    if (!/^[a-z]{2,}(-[a-z0-9]+)+$/.test(values.region))
      bad(
        `--region must look like cn-hangzhou, got "${values.region}"`,
        `--region 格式应类似 cn-hangzhou，收到 "${values.region}"`,
      );
    options.region = values.region;
  }
  if (values.seed !== undefined) {
    if (!/^\d{1,9}$/.test(values.seed))
      bad(`--seed must be a whole number, got "${values.seed}"`, `--seed 必须是整数，收到 "${values.seed}"`);
    options.seed = Number(values.seed);
  }
  let portOffset = DEFAULT_PORT_OFFSET;
  if (values['port-offset'] !== undefined) {
    if (!/^\d{1,5}$/.test(values['port-offset']) || Number(values['port-offset']) > 65535)
      bad(
        `--port-offset must be 0–65535, got "${values['port-offset']}"`,
        `--port-offset 必须是 0–65535，收到 "${values['port-offset']}"`,
      );
    portOffset = Number(values['port-offset']);
  }
  return { help: false, options, port, dataPlane: values['no-data-plane'] ? false : { portOffset } };
}

function banner(emulator: RunningEmulator, statePath: string, lang: Lang): string {
  const hostPort = `${emulator.host}:${emulator.port}`;
  // Each region answers on its own endpoint (the SDKs pick a region by endpoint; DescribeRegions lists them).
  const others = emulator.regions
    .filter((r) => r.regionId !== emulator.region)
    .map((r) => `${r.regionId} ${r.endpoint}`)
    .join(', ');
  const lines =
    lang === 'en'
      ? [
          'Local ALB is running.',
          `  Endpoint:          ${emulator.endpoint}`,
          `  Region:            ${emulator.region}`,
          ...(others ? [`  Other regions:     ${others}`] : []),
          `  State file:        ${statePath}`,
          `  AccessKey ID:      ${emulator.accessKeyId}`,
          `  AccessKey secret:  ${emulator.accessKeySecret}`,
          '  (This pair is accepted by this local ALB only; it is not an Alibaba Cloud credential.)',
          '',
          'Try it with the aliyun CLI:',
          `  export ALIBABA_CLOUD_ACCESS_KEY_ID=${emulator.accessKeyId}`,
          `  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${emulator.accessKeySecret}`,
          `  export ALIBABA_CLOUD_REGION_ID=${emulator.region}`,
          `  aliyun alb ListLoadBalancers --endpoint ${hostPort} --insecure`,
          '',
          'Or with the SDK (@alicloud/alb20200616):',
          `  new Alb(new $OpenApiUtil.Config({ accessKeyId, accessKeySecret, endpoint: '${hostPort}', protocol: 'http', regionId: '${emulator.region}' }))`,
          '',
          'Press Ctrl+C to stop; the state is saved.',
        ]
      : [
          '本地 ALB 已启动。',
          `  访问地址：        ${emulator.endpoint}`,
          `  地域：            ${emulator.region}`,
          ...(others ? [`  其他地域：        ${others}`] : []),
          `  状态文件：        ${statePath}`,
          `  AccessKey ID：    ${emulator.accessKeyId}`,
          `  AccessKey Secret：${emulator.accessKeySecret}`,
          '  （此密钥对仅被本地 ALB 接受，不是阿里云凭据。）',
          '',
          '使用 aliyun CLI 试一试：',
          `  export ALIBABA_CLOUD_ACCESS_KEY_ID=${emulator.accessKeyId}`,
          `  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${emulator.accessKeySecret}`,
          `  export ALIBABA_CLOUD_REGION_ID=${emulator.region}`,
          `  aliyun alb ListLoadBalancers --endpoint ${hostPort} --insecure`,
          '',
          '或使用 SDK（@alicloud/alb20200616）：',
          `  new Alb(new $OpenApiUtil.Config({ accessKeyId, accessKeySecret, endpoint: '${hostPort}', protocol: 'http', regionId: '${emulator.region}' }))`,
          '',
          '按 Ctrl+C 停止；状态会被保存。',
        ];
  return `${lines.join('\n')}\n`;
}

/** Runs `alb-tui emulator`; resolves with the exit code once stopped. */
export async function runEmulatorCommand(
  argv: string[],
  io: EmulatorCommandIo = defaultIo(),
): Promise<number> {
  const lang = io.lang ?? langFromEnv(io.env);
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv, lang);
  } catch (error) {
    const message = error instanceof UsageError ? error.message : (error as Error).message;
    await emit(
      io.stderr,
      `alb-tui emulator: ${message}\n${lang === 'en' ? 'Run "alb-tui emulator --help" for the options.' : '运行 "alb-tui emulator --help" 查看选项。'}\n`,
    );
    return 2;
  }
  if (parsed.help) {
    await emit(io.stdout, HELP[lang]);
    return 0;
  }
  const statePath = parsed.options.statePath ?? defaultStatePath(io.env);
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({
      ...parsed.options,
      port: parsed.port,
      statePath,
      ...(parsed.options.credentials ? {} : { credentialsPath: credentialsPathFor(statePath) }),
      keepRenderedItems: true,
    });
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
        ? lang === 'en'
          ? `port ${parsed.port} is already in use (try --port 0 for a free one)`
          : `端口 ${parsed.port} 已被占用（可用 --port 0 自动选择空闲端口）`
        : (error as Error).message;
    await emit(io.stderr, `alb-tui emulator: ${lang === 'en' ? 'could not start' : '无法启动'}: ${reason}\n`);
    return 1;
  }
  // Listen for the stop request before announcing anything: a Ctrl+C right after the banner must stop cleanly.
  const stopped = new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.signal?.removeEventListener('abort', stop);
      resolve();
    };
    if (io.handleSignals !== false) {
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    }
    if (io.signal?.aborted) stop();
    else io.signal?.addEventListener('abort', stop, { once: true });
  });
  for (const warning of emulator.warnings) await emit(io.stderr, `${warning}\n`);
  await emit(io.stdout, banner(emulator, statePath, lang));
  if (parsed.dataPlane) {
    const caPath = join(dirname(statePath), LOCAL_CA_DIR, 'ca.pem');
    await emit(
      io.stdout,
      lang === 'en'
        ? `Serving every listener on its instance's loopback address (the [traffic] lines say where; --no-data-plane turns this off).\nLocal CA certificate, for curl --cacert: ${caPath}\n\n`
        : `正在为每个监听提供服务，地址为其实例的本地回环地址（[流量] 行显示访问地址；--no-data-plane 可关闭）。\n本地 CA 证书（用于 curl --cacert）：${caPath}\n\n`,
    );
    // The log: where each listener is served, as it changes (after the banner, never before it).
    const traffic = serveLocalTraffic(emulator, dirname(statePath), {
      ...parsed.dataPlane,
      lang,
      log: (line) => void emit(io.stdout, `${lang === 'en' ? '[traffic]' : '[流量]'} ${line}\n`),
    });
    io.onTraffic?.(traffic);
  }
  io.onReady?.(emulator);
  await stopped;
  try {
    await emulator.close();
  } catch (error) {
    await emit(
      io.stderr,
      `alb-tui emulator: ${lang === 'en' ? 'could not save the state' : '无法保存状态'}: ${(error as Error).message}\n`,
    );
    return 1;
  }
  await emit(
    io.stdout,
    lang === 'en' ? `Stopped; state saved to ${statePath}.\n` : `已停止；状态已保存到 ${statePath}。\n`,
  );
  return 0;
}
