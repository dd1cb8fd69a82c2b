import { describe, expect, it } from 'vitest';
import { completions, parseCommand } from '../../source/ui/command-line.js';

describe('parseCommand', () => {
  it('knows the commands and their aliases', () => {
    expect(parseCommand('instances')).toEqual({ kind: 'instances' });
    expect(parseCommand(':lb')).toEqual({ kind: 'instances' });
    expect(parseCommand(' listeners ')).toEqual({ kind: 'listeners' });
    expect(parseCommand('ls')).toEqual({ kind: 'listeners' });
    expect(parseCommand('ctx')).toEqual({ kind: 'ctx' });
    expect(parseCommand('ctx  prod ')).toEqual({ kind: 'ctx', name: 'prod' });
    expect(parseCommand('lang zh_CN')).toEqual({ kind: 'lang', lang: 'zh-CN' });
    expect(parseCommand('lang fr')).toEqual({ kind: 'lang', raw: 'fr' });
    expect(parseCommand('lang')).toEqual({ kind: 'lang' });
    expect(parseCommand('q')).toEqual({ kind: 'quit' });
    expect(parseCommand('quit')).toEqual({ kind: 'quit' });
    expect(parseCommand('Q!')).toEqual({ kind: 'quit' });
    expect(parseCommand('help')).toEqual({ kind: 'help' });
    expect(parseCommand('')).toEqual({ kind: 'empty' });
    expect(parseCommand(':profiles')).toEqual({ kind: 'profiles' });
    expect(parseCommand('prof')).toEqual({ kind: 'profiles' });
    expect(parseCommand('nope')).toEqual({ kind: 'unknown', word: 'nope' });
  });
});

describe('completions', () => {
  it('completes command names, then aliases, then arguments', () => {
    expect(completions('', [])).toEqual([
      'instances',
      'listeners',
      'profiles',
      'certs',
      'ops',
      'rules',
      'groups',
      'ctx',
      'region',
      'lang',
      'help',
      'q',
    ]);
    expect(completions('pro', [])).toEqual(['profiles']);
    expect(completions('l', [])).toEqual(['listeners', 'lang']);
    expect(completions('ls', [])).toEqual(['listeners']);
    expect(completions('listeners', [])).toEqual([]);
    expect(completions('ctx ', ['local', 'prod'])).toEqual(['ctx local', 'ctx prod']);
    expect(completions('context p', ['local', 'prod'])).toEqual(['ctx prod']);
    expect(completions('lang z', [])).toEqual(['lang zh-CN']);
    expect(completions('q ', [])).toEqual([]);
  });
});
