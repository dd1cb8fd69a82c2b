// `alb-tui profiles list|show|export|import|rm`: the saved listener profiles, over the store.
import { randomBytes } from 'node:crypto';
import { chmod, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fieldSpec, HEADERS } from '../domain/fields.js';
import { both, type Lang, type Localized } from '../domain/i18n.js';
import { ruleSummary } from '../domain/rule-summary.js';
import { profileRulesToShow, type ImportConflictPolicy, type ListenerProfile } from '../store/index.js';
import { flag, stringOption, UsageProblem, type ParsedArgs } from './args.js';
import type { CommandDefinition } from './command.js';
import { canAsk, confirm } from './ask.js';
import { profileRulesLabel } from './create-rules.js';
import {
  CommandFailure,
  EXIT,
  failure,
  printJson,
  printLines,
  usageError,
  type CommandContext,
} from './context.js';
import { otherActionsOption, pickAction } from './actions.js';
import { commandMessages } from './messages.js';
import { renderFields, renderTable, type Column } from './table.js';

const ACTIONS = ['list', 'show', 'export', 'import', 'rm'] as const;
type Action = (typeof ACTIONS)[number];

/** The options each action takes, beyond the global ones. */
const ACTION_OPTIONS: Record<Action, readonly string[]> = {
  list: [],
  show: [],
  export: ['output'],
  import: ['on-conflict'],
  rm: ['yes'],
};

const CONFLICT_POLICIES: readonly ImportConflictPolicy[] = ['skip', 'replace', 'rename'];

const COLUMNS: Column<ListenerProfile>[] = [
  { header: both('NAME', '名称'), value: (p) => p.name, max: 32 },
  { header: both('PROTOCOL', '协议'), value: (p) => p.listener.protocol, max: 8 },
  { header: both('PORT', '端口'), value: (p) => p.listener.port, max: 5, align: 'right' },
  { header: both('CERTIFICATE', '证书域名'), value: (p) => p.hints.certificate?.domain, max: 30 },
  { header: both('SERVER GROUP', '服务器组'), value: (p) => p.hints.serverGroup?.name, max: 30 },
  { header: both('DESCRIPTION', '描述'), value: (p) => p.description, max: 40 },
];

function profileFields(profile: ListenerProfile, lang: Lang): [Localized, string][] {
  const { listener, hints } = profile;
  const onOff = (value: boolean) => (value ? commandMessages.on : commandMessages.off)[lang];
  const label = (field: Parameters<typeof fieldSpec>[0]) => fieldSpec(field).label;
  const isHttps = listener.protocol === 'HTTPS';
  const headersOn = HEADERS.filter(
    (h) => h.protocols.includes(listener.protocol) && listener.headers[h.key],
  ).map((h) => h.header);
  const fields: [Localized, string][] = [
    [both('Profile', '模板'), profile.name],
    [both('Description', '描述'), profile.description || commandMessages.none[lang]],
    [label('protocol'), listener.protocol],
    [label('port'), String(listener.port)],
    [label('name'), listener.namePattern || `${listener.protocol}_${listener.port}`],
  ];
  if (isHttps) fields.push([label('http2'), onOff(listener.http2)]);
  fields.push(
    [label('idleTimeout'), commandMessages.seconds(listener.idleTimeout)[lang]],
    [label('requestTimeout'), commandMessages.seconds(listener.requestTimeout)[lang]],
    [label('gzip'), onOff(listener.gzip)],
    [
      both('Extra HTTP headers', '附加HTTP头字段'),
      headersOn.length > 0 ? headersOn.join(', ') : commandMessages.none[lang],
    ],
  );
  if (listener.protocol !== 'HTTP') {
    fields.push([
      label('certificateId'),
      hints.certificate ? hints.certificate.domain : commandMessages.none[lang],
    ]);
  }
  if (isHttps) {
    fields.push([label('securityPolicyId'), listener.securityPolicyId]);
    const quic = hints.quicListener ? `QUIC ${hints.quicListener.port}` : '';
    fields.push([
      label('quicUpgrade'),
      listener.quicUpgrade ? `${onOff(true)}${quic ? ` → ${quic}` : ''}` : onOff(false),
    ]);
    const ca = hints.caCertificate?.domain ?? '';
    fields.push([
      label('mutualTls'),
      listener.mutualTls ? `${onOff(true)}${ca ? ` → ${ca}` : ''}` : onOff(false),
    ]);
  }
  fields.push(
    [label('serverGroupId'), hints.serverGroup?.name ?? commandMessages.none[lang]],
    [profileRulesLabel, profile.rules?.length ? String(profile.rules.length) : commandMessages.none[lang]],
    [both('Created', '创建时间'), profile.createdAt],
    [both('Updated', '更新时间'), profile.updatedAt],
  );
  return fields;
}

/** The profile's rules, one summary line each in priority order (server groups by the names kept). */
function profileRuleLines(profile: ListenerProfile, lang: Lang): string[] {
  const rules = profileRulesToShow(profile.rules ?? []);
  if (rules.length === 0) return [];
  const heading = lang === 'en' ? `${profileRulesLabel.en}:` : `${profileRulesLabel['zh-CN']}：`;
  return [
    '',
    heading,
    ...rules.map(
      (rule) => `  ${String(rule.priority).padStart(5)}  ${rule.ruleName}: ${ruleSummary(rule, lang)}`,
    ),
  ];
}

/** Writes a file we own: a temporary file in the same directory, 0600, renamed into place. */
async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, 0o600);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

/** The most `profiles import` reads: an export of a few hundred profiles is well under it. */
export const MAX_IMPORT_BYTES = 1024 * 1024;

/**
 * Reads at most MAX_IMPORT_BYTES from the stream, stopping (and closing it) as soon as there are
 * more: a device or a huge file is refused without being read whole.
 */
async function readLimited(input: NodeJS.ReadableStream, shown: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    size += bytes.length;
    if (size > MAX_IMPORT_BYTES) throw usageError(commandMessages.importTooLarge(shown, MAX_IMPORT_BYTES));
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readInput(context: CommandContext, file: string): Promise<string> {
  if (file === '-') {
    const input = context.io.stdin;
    if (!input) throw usageError(commandMessages.cannotRead('-', 'no standard input'));
    return readLimited(input, '-');
  }
  let stream;
  try {
    const handle = await open(file, 'r');
    stream = handle.createReadStream({ highWaterMark: 64 * 1024 });
  } catch (error) {
    const code = errorCode(error);
    const message = commandMessages.cannotRead(file, code);
    throw code === 'ENOENT' ? usageError(message) : failure(message);
  }
  try {
    return await readLimited(stream, file);
  } catch (error) {
    if (error instanceof CommandFailure) throw error;
    const code = errorCode(error);
    const message = commandMessages.cannotRead(file, code);
    throw code === 'EISDIR' ? usageError(message) : failure(message);
  } finally {
    stream.destroy();
  }
}

function oneName(names: string[]): string {
  if (names.length === 0) throw usageError(commandMessages.missingArgument(commandMessages.profileName));
  if (names.length > 1) throw usageError(commandMessages.unexpectedArgument(names[1]!));
  return names[0]!;
}

async function list(context: CommandContext): Promise<number> {
  const profiles = (await context.store()).listProfiles();
  if (context.json) await printJson(context, profiles);
  else if (profiles.length === 0)
    await printLines(context.io.stdout, [commandMessages.noProfiles()[context.lang]]);
  else await printLines(context.io.stdout, renderTable(profiles, COLUMNS, context.lang));
  return EXIT.ok;
}

async function show(context: CommandContext, args: ParsedArgs, names: string[]): Promise<number> {
  const name = oneName(names);
  const profile = (await context.store()).getProfile(name);
  if (!profile) throw usageError(commandMessages.profileNotFound(name));
  if (context.json) await printJson(context, profile);
  else
    await printLines(context.io.stdout, [
      ...renderFields(profileFields(profile, context.lang), context.lang),
      ...profileRuleLines(profile, context.lang),
    ]);
  return EXIT.ok;
}

async function exportProfiles(context: CommandContext, args: ParsedArgs, names: string[]): Promise<number> {
  const store = await context.store();
  const document = store.exportProfiles(names.length > 0 ? names : undefined);
  const output = stringOption(args, 'output');
  if (output === undefined || output === '-') {
    // The same document, with characters a terminal would act on escaped (still the same JSON).
    await printJson(context, JSON.parse(document));
    return EXIT.ok;
  }
  try {
    await writeFileAtomic(output, document);
  } catch (error) {
    throw failure(commandMessages.cannotWrite(output, errorCode(error)));
  }
  const count = (JSON.parse(document) as { profiles: unknown[] }).profiles.length;
  if (context.json) await printJson(context, { file: output, exported: count });
  else await printLines(context.io.stdout, [commandMessages.exported(count, output)[context.lang]]);
  return EXIT.ok;
}

async function importProfiles(context: CommandContext, args: ParsedArgs, names: string[]): Promise<number> {
  const { lang } = context;
  if (names.length === 0) throw usageError(commandMessages.missingArgument(commandMessages.fileName));
  if (names.length > 1) throw usageError(commandMessages.unexpectedArgument(names[1]!));
  const policy = stringOption(args, 'on-conflict') ?? 'skip';
  if (!(CONFLICT_POLICIES as readonly string[]).includes(policy)) {
    throw usageError(commandMessages.badChoice('--on-conflict', policy, CONFLICT_POLICIES));
  }
  const text = await readInput(context, names[0]!);
  const store = await context.store();
  const report = await store.importProfiles(text, { onConflict: policy as ImportConflictPolicy });
  if (!report.ok)
    throw usageError(report.error ?? both('not an alb-tui profile export', '不是 alb-tui 模板导出文件'));
  const invalid = report.entries.filter((e) => e.status === 'invalid');
  if (context.json) {
    await printJson(context, report);
  } else {
    const out: string[] = [];
    const err: string[] = [];
    let imported = 0;
    let skipped = 0;
    for (const entry of report.entries) {
      switch (entry.status) {
        case 'imported':
          imported++;
          out.push(commandMessages.imported(entry.name)[lang]);
          break;
        case 'replaced':
          imported++;
          out.push(commandMessages.replaced(entry.name)[lang]);
          break;
        case 'renamed':
          imported++;
          out.push(commandMessages.renamed(entry.name, entry.newName)[lang]);
          break;
        case 'skipped':
          skipped++;
          err.push(entry.message[lang]);
          break;
        case 'invalid':
          err.push(entry.message[lang], ...entry.problems.slice(1).map((p) => `  ${p[lang]}`));
          break;
      }
    }
    out.push(commandMessages.importSummary(imported, skipped, invalid.length)[lang]);
    await printLines(context.io.stderr, err);
    await printLines(context.io.stdout, out);
  }
  return invalid.length > 0 ? EXIT.failure : EXIT.ok;
}

async function remove(context: CommandContext, args: ParsedArgs, names: string[]): Promise<number> {
  const name = oneName(names);
  const store = await context.store();
  if (!store.getProfile(name)) throw usageError(commandMessages.profileNotFound(name));
  if (!flag(args, 'yes')) {
    if (!canAsk(context.io)) throw usageError(commandMessages.notInteractiveRemove());
    if (!(await confirm(context.io, commandMessages.confirmRemove(name)[context.lang]))) {
      await printLines(context.io.stderr, [commandMessages.notRemoved()[context.lang]]);
      return EXIT.failure;
    }
  }
  if (!(await store.deleteProfile(name))) throw usageError(commandMessages.profileNotFound(name));
  if (context.json) await printJson(context, { removed: name });
  else await printLines(context.io.stdout, [commandMessages.removed(name)[context.lang]]);
  return EXIT.ok;
}

async function run(context: CommandContext, args: ParsedArgs): Promise<number> {
  const [action, ...rest] = args.positionals;
  const known = pickAction('profiles', action, ACTIONS, { remove: 'rm' });
  const other = otherActionsOption(args, profileOptionNames, ACTION_OPTIONS[known]);
  if (other !== undefined) throw new UsageProblem(commandMessages.unknownOption(`--${other}`));
  switch (known) {
    case 'list':
      if (rest.length > 0) throw usageError(commandMessages.unexpectedArgument(rest[0]!));
      return list(context);
    case 'show':
      return show(context, args, rest);
    case 'export':
      return exportProfiles(context, args, rest);
    case 'import':
      return importProfiles(context, args, rest);
    case 'rm':
      return remove(context, args, rest);
  }
}

const profileOptions = {
  output: { type: 'string', short: 'o' },
  'on-conflict': { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
} as const;
const profileOptionNames = new Set(Object.keys(profileOptions));

export const profilesCommand: CommandDefinition = {
  name: 'profiles',
  options: profileOptions,
  positionals: 'any',
  help: both(
    `Usage: alb-tui profiles <command> [arguments]

Saved listener profiles: the answers of the wizard, reusable on any instance.

Commands:
  list                                   list the profiles
  show NAME                              show one profile
  export [NAME ...] [--output FILE]      print (or write to FILE) an export document of the
                                         named profiles, all when none is named
  import FILE [--on-conflict skip|replace|rename]
                                         import an export document (FILE - reads stdin);
                                         a name already taken is skipped unless told otherwise
  rm NAME [--yes]                        remove a profile (asks first unless --yes)
`,
    `用法：alb-tui profiles <子命令> [参数]

已保存的监听配置模板：向导中的设置，可在任意实例上复用。

子命令：
  list                                   列出模板
  show NAME                              显示一个模板
  export [NAME ...] [--output FILE]      输出（或写入 FILE）指定模板的导出文档，
                                         未指定名称时导出全部
  import FILE [--on-conflict skip|replace|rename]
                                         导入导出文档（FILE 为 - 时读取标准输入）；
                                         名称已存在时默认跳过
  rm NAME [--yes]                        删除模板（未指定 --yes 时先询问）
`,
  ),
  run,
};
