// The non-interactive subcommands, by name.
import { certsCommand } from './certs.js';
import type { CommandDefinition } from './command.js';
import { connectionsCommand } from './connections.js';
import { createCommand } from './create.js';
import { exportCommand } from './export.js';
import { instancesCommand } from './instances.js';
import { listenerCommand } from './listener.js';
import { listenersCommand } from './listeners.js';
import { profilesCommand } from './profiles.js';
import { rulesCommand } from './rules.js';

export const COMMANDS: ReadonlyMap<string, CommandDefinition> = new Map(
  [
    instancesCommand,
    listenersCommand,
    listenerCommand,
    createCommand,
    profilesCommand,
    connectionsCommand,
    exportCommand,
    certsCommand,
    rulesCommand,
  ].map((c) => [c.name, c]),
);

export { helpText, type CommandDefinition } from './command.js';
export {
  GLOBAL_OPTIONS,
  UsageProblem,
  findCommandWord,
  parseCommandArgs,
  rawLangOption,
  stringOption,
  flag,
  wantsJson,
} from './args.js';
export {
  CommandFailure,
  EXIT,
  emit,
  printLines,
  printWarnings,
  writeJsonLine,
  USAGE_ERROR_CODE,
  type CommandConnection,
  type CommandContext,
  type CommandIo,
  type TextSink,
} from './context.js';
export { commandMessages } from './messages.js';
