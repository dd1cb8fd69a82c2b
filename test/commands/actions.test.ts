import { describe, expect, it } from 'vitest';
import { otherActionsOption, pickAction } from '../../source/commands/actions.js';
import { CommandFailure, EXIT } from '../../source/commands/context.js';

const ACTIONS = ['list', 'show', 'rm'] as const;

function failure(run: () => unknown): CommandFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof CommandFailure) return error;
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('the action a command is given', () => {
  it('takes an action it has, and folds an alias into the action it stands for', () => {
    expect(pickAction('profiles', 'show', ACTIONS)).toBe('show');
    expect(pickAction('profiles', 'remove', ACTIONS, { remove: 'rm' })).toBe('rm');
  });

  it('names the actions there are when none is given, in both languages', () => {
    const missing = failure(() => pickAction('profiles', undefined, ACTIONS));
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.messages[0]?.en).toContain('a command: list, show, rm');
    expect(missing.messages[0]?.['zh-CN']).toContain('子命令：list、show、rm');
  });

  it('refuses an action it does not have, naming the word given (an inherited name is no alias)', () => {
    const unknown = failure(() => pickAction('profiles', 'frob', ACTIONS, { remove: 'rm' }));
    expect(unknown.messages[0]?.en).toContain('"frob"');
    expect(unknown.messages[0]?.en).toContain('list, show, rm');
    expect(
      failure(() => pickAction('profiles', 'constructor', ACTIONS, { remove: 'rm' })).messages[0]?.en,
    ).toContain('"constructor"');
  });
});

describe('an option of another action', () => {
  const args = (strings: Record<string, string>, flags: string[]) => ({
    strings: new Map(Object.entries(strings).map(([k, v]) => [k, [v]])),
    flags: new Set(flags),
    positionals: [],
  });
  const SPECIFIC = new Set(['output', 'on-conflict', 'yes']);

  it('is the first one given that this action does not take; global ones pass', () => {
    expect(otherActionsOption(args({ output: 'x' }, ['yes']), SPECIFIC, ['yes'])).toBe('output');
    expect(otherActionsOption(args({ lang: 'en' }, ['json', 'yes']), SPECIFIC, ['yes'])).toBeUndefined();
    expect(otherActionsOption(args({ 'on-conflict': 'skip', output: 'x' }, []), SPECIFIC, [])).toBe(
      'on-conflict',
    );
  });
});
