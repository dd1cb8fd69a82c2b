// The action a command with subcommands (`connections add`, `profiles rm`, `rules create`, …) was
// given, checked the same way by each: none given, or one it does not have, is a usage error naming
// the ones there are; an option that belongs to another action is named.
import { both } from '../domain/i18n.js';
import type { ParsedArgs } from './args.js';
import { usageError } from './context.js';
import { commandMessages } from './messages.js';

/** The action given (an alias folded in: `remove` for `rm`), or a usage error naming the actions. */
export function pickAction<Action extends string>(
  command: string,
  given: string | undefined,
  actions: readonly Action[],
  aliases: Readonly<Record<string, Action>> = {},
): Action {
  if (given === undefined)
    throw usageError(
      commandMessages.missingArgument(
        both(`a command: ${actions.join(', ')}`, `子命令：${actions.join('、')}`),
      ),
    );
  const known = Object.hasOwn(aliases, given) ? aliases[given]! : given;
  if (!(actions as readonly string[]).includes(known))
    throw usageError(commandMessages.unknownSubcommand(command, given, actions));
  return known as Action;
}

/**
 * The first option given (in the order given) that means something to one action only and not to
 * this one: `specific` are all such options, `allowed` this action's.
 */
export function otherActionsOption(
  args: ParsedArgs,
  specific: ReadonlySet<string>,
  allowed: readonly string[],
): string | undefined {
  return [...args.strings.keys(), ...args.flags].find(
    (option) => specific.has(option) && !allowed.includes(option),
  );
}
