// Benchmark: "which rule takes this request?" over 1,000 rules on one listener, per request, beside
// the same over the demo listener's own rules (prod-web HTTPS 443, read from the local ALB) in the
// same run — aim ≤ 1 ms p95.
//
// - `rules test` per request: the rules compiled once (`compileRules`, as the tester holds them per
//   rules change), then per request what the command does — the request built from its options, the
//   match, every rule tried explained and written as text;
// - one `rules test` run: the same with the compile, for a request no rule takes (the worst case);
// - data plane per request: the compiled rule set kept, `find` and the taker's actions' effects (what
//   the local ALB's data plane calls per request).
// Two 1,000-rule sets: the local ALB's own scale rules (path rules, `scale.rules`), and a harder one
// (host wildcard, path wildcard and a header on every rule). Requests mix early, late and no match
// (the last walks all 1,000).
//
// Alone: node --import tsx scripts/bench/rules-test.ts [--runs N]
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { collect } from '../../source/alb/client.js';
import { parseCommandArgs } from '../../source/commands/args.js';
import { rulesCommand } from '../../source/commands/rules.js';
import { matchLines, requestFromOptions } from '../../source/commands/rules-test.js';
import type { Listener } from '../../source/domain/resources.js';
import { describeActions } from '../../source/domain/rule-effects.js';
import { compileRules } from '../../source/domain/rule-match.js';
import type { MatchRequest, Rule } from '../../source/domain/rule-types.js';
import { startEmulator } from '../../source/emulator/index.js';
import { bulkRules } from '../../source/emulator/seed-rules.js';
import { clientFor } from '../../test/helpers/local-alb-client.js';
import { isMain, type BenchResult } from './_common.js';

const RULES = 1_000;

/** The q-quantile in microseconds (the figures are well under a millisecond). */
function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0) * 1000);
}

/** A harder set: every rule a host wildcard, a path wildcard and a header, all but one value apart. */
function hardRules(listener: Listener, groupId: string): Rule[] {
  return Array.from({ length: RULES }, (_, i) => ({
    ruleId: `rule-hard${i}`,
    ruleName: `hard-${i}`,
    priority: 101 + i,
    direction: 'Request' as const,
    ruleConditions: [
      { type: 'Host' as const, hostConfig: { values: [`*.svc${i}.example.com`, `svc${i}-??.example.com`] } },
      { type: 'Path' as const, pathConfig: { values: [`/api/v${i % 7}/*/items/*`, `/svc-${i}/*`] } },
      { type: 'Header' as const, headerConfig: { key: 'x-tenant', values: [`t-${i}*`] } },
    ],
    ruleActions: [
      {
        order: 1,
        type: 'ForwardGroup' as const,
        forwardGroupConfig: {
          serverGroupTuples: [
            { serverGroupId: groupId, weight: 80 },
            { serverGroupId: groupId, weight: 20 },
          ],
        },
      },
    ],
    listenerId: listener.listenerId,
    loadBalancerId: listener.loadBalancerId,
    ruleStatus: 'Available' as const,
  }));
}

/** `rules test` options for a spread of requests: early, late and no match. */
function requestArgv(count: number): string[][] {
  return Array.from({ length: count }, (_, i) => {
    const n = (i * 37) % RULES;
    const svc = String(n + 1).padStart(4, '0');
    switch (i % 4) {
      case 0:
        return ['--url', `https://www.example.com/svc-${svc}/x?id=${i}`];
      case 1:
        return ['--url', `https://a.svc${n}.example.com/svc-${n}/y`, '--header', `x-tenant:t-${n}-blue`];
      case 2:
        return ['--url', `https://nothing.example.org/none/${i}`, '--cookie', 'group=beta'];
      default:
        return ['--url', 'https://shop.example.com/maintenance', '--source-ip', '2001:db8::1'];
    }
  });
}

interface Figures {
  cli: number;
  cliMedian: number;
  /** CPU time per request, p95: what the wall time would be on an idle machine. */
  cliCpu: number;
  cold: number;
  coldMedian: number;
  dataPlane: number;
  dataPlaneMedian: number;
}

/** A request no rule takes: the one-shot command then compiles and explains every rule. */
const NO_MATCH = ['--url', 'https://nothing.example.org/none', '--cookie', 'group=beta'];

function measure(listener: Listener, rules: readonly Rule[], argvs: string[][], runs: number): Figures {
  const requests: MatchRequest[] = argvs.map((argv) =>
    requestFromOptions(parseCommandArgs(argv, rulesCommand.options), listener),
  );
  const cli: number[] = [];
  const cliCpu: number[] = [];
  const cold: number[] = [];
  const dataPlane: number[] = [];
  // Held as the tester holds it per rules change and the data plane per listener.
  const matcher = compileRules(rules, listener.defaultActions);
  let sink = 0;
  for (let run = 0; run < runs + 1; run += 1) {
    const warmUp = run === 0;
    for (const argv of argvs) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const request = requestFromOptions(parseCommandArgs(argv, rulesCommand.options), listener);
      const lines = matchLines(matcher.match(request), request, 'en');
      sink += lines.length;
      if (!warmUp) {
        cli.push(performance.now() - started);
        const used = process.cpuUsage(cpu);
        cliCpu.push((used.user + used.system) / 1000);
      }
    }
    for (const request of requests) {
      const started = performance.now();
      const rule = matcher.find(request);
      const effects = describeActions(rule ? rule.ruleActions : matcher.set.defaultActions, request);
      sink += effects.length;
      if (!warmUp) dataPlane.push(performance.now() - started);
    }
    // What one `alb-tui rules test` run does once the rules are read: compile, match, explain.
    for (let i = 0; i < 10; i += 1) {
      const started = performance.now();
      const request = requestFromOptions(parseCommandArgs(NO_MATCH, rulesCommand.options), listener);
      const lines = matchLines(compileRules(rules, listener.defaultActions).match(request), request, 'en');
      sink += lines.length;
      if (!warmUp) cold.push(performance.now() - started);
    }
  }
  if (sink < 0) throw new Error('unreachable');
  return {
    cli: quantile(cli, 0.95),
    cliMedian: quantile(cli, 0.5),
    cliCpu: quantile(cliCpu, 0.95),
    cold: quantile(cold, 0.95),
    coldMedian: quantile(cold, 0.5),
    dataPlane: quantile(dataPlane, 0.95),
    dataPlaneMedian: quantile(dataPlane, 0.5),
  };
}

export async function run(options: { runs?: number } = {}): Promise<BenchResult[]> {
  const runs = Math.max(1, options.runs ?? 5);
  const emulator = await startEmulator({ port: 0 });
  try {
    const client = clientFor(emulator);
    const stored = emulator.snapshot().listeners.find((l) => l.listenerDescription === 'web_https_443');
    if (!stored) throw new Error('no demo listener web_https_443');
    const listener = await client.getListener(stored.listenerId);
    const demo = await collect(client.listRules({ listenerIds: [listener.listenerId] }));
    const groupId =
      listener.defaultActions[0]?.forwardGroupConfig.serverGroupTuples[0]?.serverGroupId ?? 'sgp-x';
    const scale = [...demo, ...bulkRules(stored, RULES - demo.length, groupId)];
    const hard = hardRules(listener, groupId);
    const argvs = requestArgv(200);
    const baseline = measure(listener, demo, argvs, runs);
    const onScale = measure(listener, scale, argvs, runs);
    const onHard = measure(listener, hard, argvs, runs);
    const load = loadavg()[0]?.toFixed(1) ?? '?';
    const note = (what: string) =>
      `p95 of ${argvs.length * runs} requests; ${what}; baseline: the demo listener's ${demo.length} rules; load average ${load}`;
    return [
      {
        name: `rules test per request, ${RULES} path rules`,
        value: onScale.cli,
        baseline: baseline.cli,
        unit: 'µs',
        note: note(
          `median ${onScale.cliMedian} µs, CPU p95 ${onScale.cliCpu} µs; rules compiled once (as the tester holds them), then per request: parse, match, explain as text; aim ≤ 1,000 µs (1 ms)`,
        ),
      },
      {
        name: `rules test per request, ${RULES} rules × 3 wildcard conditions`,
        value: onHard.cli,
        baseline: baseline.cli,
        unit: 'µs',
        note: note(`median ${onHard.cliMedian} µs, CPU p95 ${onHard.cliCpu} µs; as above`),
      },
      {
        name: `one \`rules test\` run, ${RULES} rules × 3 wildcard conditions, no rule taking it`,
        value: onHard.cold,
        baseline: baseline.cold,
        unit: 'µs',
        note: `p95 of ${10 * runs} runs, median ${onHard.coldMedian} µs (path rules: p95 ${onScale.cold}, median ${onScale.coldMedian}); compile, match, explain all ${RULES} rules; load average ${load}`,
      },
      {
        name: `data plane match per request, ${RULES} path rules`,
        value: onScale.dataPlane,
        baseline: baseline.dataPlane,
        unit: 'µs',
        note: note(`median ${onScale.dataPlaneMedian} µs; compiled once, find + the taker's effects`),
      },
      {
        name: `data plane match per request, ${RULES} rules × 3 wildcard conditions`,
        value: onHard.dataPlane,
        baseline: baseline.dataPlane,
        unit: 'µs',
        note: note(`median ${onHard.dataPlaneMedian} µs; as above`),
      },
    ];
  } finally {
    await emulator.close();
  }
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { runs: { type: 'string' } } });
  const results = await run(values.runs === undefined ? {} : { runs: Number(values.runs) });
  for (const r of results)
    process.stdout.write(`${r.name}: ${r.value} ${r.unit} (baseline ${r.baseline}) ${r.note}\n`);
}
