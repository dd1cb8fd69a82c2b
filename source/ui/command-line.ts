// The `:` command line: what a line means and how it completes. Pure.
import { parseLang, type Lang } from '../domain/i18n.js';

export type Command =
  | { kind: 'instances' }
  | { kind: 'listeners' }
  | { kind: 'profiles' }
  | { kind: 'certs' }
  | { kind: 'ops' }
  /** The selected listener's forwarding rules. */
  | { kind: 'rules' }
  | { kind: 'groups' }
  /** Without a name: pick a connection from the list. */
  | { kind: 'ctx'; name?: string }
  /** Without a region: pick from DescribeRegions. `+id` adds the region to the view; `id` switches. */
  | { kind: 'region'; region?: string; add?: boolean }
  /** Without a language: say which ones there are. */
  | { kind: 'lang'; lang?: Lang; raw?: string }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'empty' }
  | { kind: 'unknown'; word: string };

/** Command names as completion offers them, each with the words that also run it. */
export const COMMANDS: readonly {
  name: string;
  aliases: readonly string[];
  takes?: 'connection' | 'lang';
}[] = [
  { name: 'instances', aliases: ['instance', 'inst', 'lb', 'lbs', 'alb'] },
  { name: 'listeners', aliases: ['listener', 'lsn', 'ls'] },
  { name: 'profiles', aliases: ['profile', 'prof', 'presets'] },
  { name: 'certs', aliases: ['cert', 'certificates', 'certificate'] },
  { name: 'ops', aliases: ['op', 'operations', 'log'] },
  { name: 'rules', aliases: ['rule', 'forwarding-rules'] },
  { name: 'groups', aliases: ['group', 'sg', 'sgp', 'servergroups', 'servers'] },
  { name: 'ctx', aliases: ['context', 'contexts', 'connection', 'connections'], takes: 'connection' },
  { name: 'region', aliases: ['regions'] },
  { name: 'lang', aliases: ['language'], takes: 'lang' },
  { name: 'help', aliases: ['h', '?'] },
  { name: 'q', aliases: ['quit', 'q!', 'exit'] },
];

/** Every command as `:name`, in the table's order, for messages that list them. */
export function commandNames(separator: string): string {
  return COMMANDS.map((command) => `:${command.name}`).join(separator);
}

export const LANG_CHOICES: readonly Lang[] = ['en', 'zh-CN'];

function split(line: string): { word: string; argument: string } {
  const text = line.trim().replace(/^:+/, '').trim();
  const space = text.search(/\s/);
  if (space < 0) return { word: text, argument: '' };
  return { word: text.slice(0, space), argument: text.slice(space).trim() };
}

function commandOf(word: string) {
  const lower = word.toLowerCase();
  return COMMANDS.find((command) => command.name === lower || command.aliases.includes(lower));
}

export function parseCommand(line: string): Command {
  const { word, argument } = split(line);
  if (word === '') return { kind: 'empty' };
  const command = commandOf(word);
  switch (command?.name) {
    case 'instances':
      return { kind: 'instances' };
    case 'listeners':
      return { kind: 'listeners' };
    case 'profiles':
      return { kind: 'profiles' };
    case 'certs':
      return { kind: 'certs' };
    case 'ops':
      return { kind: 'ops' };
    case 'rules':
      return { kind: 'rules' };
    case 'groups':
      return { kind: 'groups' };
    case 'ctx':
      return argument ? { kind: 'ctx', name: argument } : { kind: 'ctx' };
    case 'region': {
      if (!argument) return { kind: 'region' };
      const add = argument.startsWith('+');
      const region = (add ? argument.slice(1) : argument).trim();
      return add ? { kind: 'region', region, add } : { kind: 'region', region };
    }
    case 'lang': {
      if (!argument) return { kind: 'lang' };
      const lang = parseLang(argument);
      return lang ? { kind: 'lang', lang } : { kind: 'lang', raw: argument };
    }
    case 'help':
      return { kind: 'help' };
    case 'q':
      return { kind: 'quit' };
    default:
      return { kind: 'unknown', word };
  }
}

/**
 * Whole lines the text can complete to, best first: command names for the first word, then
 * connection names after `ctx`, languages after `lang`.
 */
export function completions(line: string, connections: readonly string[]): string[] {
  const text = line.replace(/^\s+/, '');
  const space = text.search(/\s/);
  if (space < 0) {
    const lower = text.toLowerCase();
    // Names first; a word only an alias starts with (`ls`, `lb`) completes to its command.
    const byName = COMMANDS.filter((command) => command.name.startsWith(lower));
    const byAlias = COMMANDS.filter((command) => command.aliases.some((alias) => alias.startsWith(lower)));
    const names = (byName.length > 0 || lower === '' ? byName : byAlias).map((command) => command.name);
    return names.filter((name) => name !== text);
  }
  const command = commandOf(text.slice(0, space));
  const argument = text.slice(space).trimStart();
  const choices =
    command?.takes === 'connection' ? connections : command?.takes === 'lang' ? LANG_CHOICES : [];
  const lower = argument.toLowerCase();
  return choices
    .filter((choice) => choice.toLowerCase().startsWith(lower) && choice !== argument)
    .map((choice) => `${command!.name} ${choice}`);
}
