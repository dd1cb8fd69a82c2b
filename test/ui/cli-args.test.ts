import { describe, expect, it } from 'vitest';
import { parseCommandLine, type CliRequest } from '../../source/ui/cli-args.js';

const EN = { LANG: 'en_US.UTF-8' };
const ZH = { LANG: 'zh_CN.UTF-8' };

function errorOf(request: CliRequest): string {
  if (request.kind !== 'error') throw new Error(`expected an error, got ${request.kind}`);
  return request.message;
}

describe('parseCommandLine', () => {
  it('opens the dashboard on the local ALB in cn-hangzhou by default', () => {
    expect(parseCommandLine([], EN)).toEqual({
      kind: 'dashboard',
      lang: 'en',
      langExplicit: false,
      region: undefined,
      endpoint: undefined,
      connectionName: undefined,
      refreshSeconds: 10,
      connection: { kind: 'local', region: 'cn-hangzhou', profile: 'local' },
      dataPlane: { portOffset: 10_000 },
    });
  });

  it('serves the local ALB listeners unless --no-data-plane; --port-offset moves a port that cannot be bound', () => {
    expect(parseCommandLine(['--no-data-plane'], EN)).toMatchObject({ kind: 'dashboard', dataPlane: false });
    expect(parseCommandLine(['--port-offset', '20000'], EN)).toMatchObject({
      dataPlane: { portOffset: 20_000 },
    });
    expect(errorOf(parseCommandLine(['--port-offset', '70000'], EN))).toContain(
      "invalid port offset '70000': write a whole number from 0 to 65535",
    );
    expect(errorOf(parseCommandLine(['--port-offset=x'], ZH))).toContain("端口偏移量 'x' 无效");
  });

  it('connects to Alibaba Cloud when an endpoint is given', () => {
    const request = parseCommandLine(
      ['--endpoint', 'alb.cn-shanghai.aliyuncs.com', '--region', 'cn-shanghai'],
      EN,
    );
    expect(request).toMatchObject({
      kind: 'dashboard',
      region: 'cn-shanghai',
      endpoint: 'alb.cn-shanghai.aliyuncs.com',
      connection: { kind: 'cloud', region: 'cn-shanghai', endpoint: 'https://alb.cn-shanghai.aliyuncs.com' },
    });
    expect(parseCommandLine(['--endpoint=http://127.0.0.1:8080'], EN)).toMatchObject({
      connection: { kind: 'cloud', region: 'cn-hangzhou', endpoint: 'http://127.0.0.1:8080' },
    });
  });

  it('keeps --region without --endpoint on the local ALB', () => {
    expect(parseCommandLine(['--region', 'ap-southeast-1'], EN)).toMatchObject({
      region: 'ap-southeast-1',
      connection: { kind: 'local', region: 'ap-southeast-1' },
    });
  });

  it('takes a saved connection with --connection', () => {
    expect(parseCommandLine(['--connection', 'prod'], EN)).toMatchObject({
      connectionName: 'prod',
      connection: { kind: 'cloud', profile: 'prod' },
    });
    expect(parseCommandLine(['--connection=local'], EN)).toMatchObject({
      connectionName: 'local',
      connection: { kind: 'local', profile: 'local' },
    });
  });

  it('takes the refresh interval in whole seconds, 0 for off', () => {
    expect(parseCommandLine(['--refresh', '30'], EN)).toMatchObject({ refreshSeconds: 30 });
    expect(parseCommandLine(['--refresh=0'], EN)).toMatchObject({ refreshSeconds: 0 });
    for (const bad of ['-1', '1.5', 'ten', '3601']) {
      expect(errorOf(parseCommandLine([`--refresh=${bad}`], EN))).toContain('invalid refresh interval');
    }
    expect(errorOf(parseCommandLine(['--refresh=x'], ZH))).toContain('刷新间隔');
  });

  it('takes a negative number after an option as its value, and says it is invalid', () => {
    const error = errorOf(parseCommandLine(['--refresh', '-1'], EN));
    expect(error).toContain("invalid refresh interval '-1': write whole seconds from 0 (off) to 3600");
    expect(error).not.toContain('needs a value');
    expect(errorOf(parseCommandLine(['--refresh', '-5'], ZH))).toContain("刷新间隔 '-5' 无效");
    expect(errorOf(parseCommandLine(['--refresh', '--lang', 'en'], EN))).toContain('needs a value');
  });

  it('takes the language from --lang before the environment', () => {
    expect(parseCommandLine(['--lang', 'zh-CN'], EN).lang).toBe('zh-CN');
    expect(parseCommandLine(['--lang=en'], ZH).lang).toBe('en');
    expect(parseCommandLine([], ZH).lang).toBe('zh-CN');
    expect(parseCommandLine([], { LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' }).lang).toBe('zh-CN');
    expect(parseCommandLine([], {}).lang).toBe('en');
    expect(parseCommandLine(['--lang', 'zh-CN'], EN)).toMatchObject({ langExplicit: true });
  });

  it('answers --help, -h, --version and -v', () => {
    expect(parseCommandLine(['--help'], EN).kind).toBe('help');
    expect(parseCommandLine(['-h'], EN).kind).toBe('help');
    expect(parseCommandLine(['--version'], EN).kind).toBe('version');
    expect(parseCommandLine(['-v'], EN).kind).toBe('version');
  });

  it('hands everything after `emulator` to the emulator command', () => {
    expect(parseCommandLine(['emulator', '--port', '8080', '--foo'], EN)).toEqual({
      kind: 'emulator',
      lang: 'en',
      argv: ['--port', '8080', '--foo'],
    });
    expect(parseCommandLine(['--lang', 'zh-CN', 'emulator', '--port', '1'], EN)).toEqual({
      kind: 'emulator',
      lang: 'zh-CN',
      argv: ['--port', '1'],
    });
  });

  it('rejects an unknown option, naming it, in the user language', () => {
    expect(errorOf(parseCommandLine(['--bogus'], EN))).toBe(
      "alb-tui: unknown option '--bogus'\nRun 'alb-tui --help' for usage.",
    );
    expect(errorOf(parseCommandLine(['-x'], EN))).toContain("unknown option '-x'");
    expect(errorOf(parseCommandLine(['--bogus'], ZH))).toContain("未知选项 '--bogus'");
    expect(errorOf(parseCommandLine(['--lang', 'zh-CN', '--bogus'], EN))).toContain('未知选项');
  });

  it('rejects options without their value', () => {
    expect(errorOf(parseCommandLine(['--endpoint'], EN))).toContain("option '--endpoint' needs a value");
    expect(errorOf(parseCommandLine(['--region', '--help'], EN))).toContain(
      "option '--region' needs a value",
    );
    expect(errorOf(parseCommandLine(['--region='], EN))).toContain('needs a value');
  });

  it('rejects a value on a switch', () => {
    expect(errorOf(parseCommandLine(['--help=yes'], EN))).toContain("option '--help' takes no value");
  });

  it('rejects an unknown language, region, endpoint or command', () => {
    expect(errorOf(parseCommandLine(['--lang', 'fr'], EN))).toContain("unsupported language 'fr'");
    expect(errorOf(parseCommandLine(['--region', 'Hangzhou'], EN))).toContain("invalid region 'Hangzhou'");
    expect(errorOf(parseCommandLine(['--endpoint', 'ftp://x'], EN))).toContain('invalid endpoint');
    expect(errorOf(parseCommandLine(['--endpoint', 'ftp://x'], ZH))).toContain('无效');
    expect(errorOf(parseCommandLine(['list'], EN))).toContain("unknown command 'list'");
  });

  it('never echoes control characters from the command line', () => {
    const message = errorOf(parseCommandLine(['--x\x1b]52;c;AAAA\x07'], EN));
    expect(message).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(message).toContain("unknown option '--x'");
  });
});
