import { describe, expect, it } from 'vitest';
import { describeConnection, isProduction } from '../../source/ui/connection.js';

describe('describeConnection', () => {
  it('names the local ALB with its region and profile', () => {
    const local = { kind: 'local', region: 'cn-hangzhou', profile: 'local' } as const;
    expect(describeConnection(local, 'en')).toBe('local ALB · cn-hangzhou · profile local');
    expect(describeConnection(local, 'zh-CN')).toBe('本地 ALB · cn-hangzhou · 配置 local');
    expect(isProduction(local)).toBe(false);
  });

  it('names Alibaba Cloud with region, endpoint and profile', () => {
    const cloud = {
      kind: 'cloud',
      region: 'cn-shanghai',
      endpoint: 'https://alb.example',
      profile: 'prod',
    } as const;
    expect(describeConnection(cloud, 'en')).toBe(
      'Alibaba Cloud · cn-shanghai · https://alb.example · profile prod',
    );
    expect(describeConnection(cloud, 'zh-CN')).toBe('阿里云 · cn-shanghai · https://alb.example · 配置 prod');
    expect(describeConnection({ kind: 'cloud', region: 'cn-beijing', profile: 'p' }, 'en')).toBe(
      'Alibaba Cloud · cn-beijing · profile p',
    );
  });

  it('does not repeat an ad-hoc endpoint as its profile', () => {
    const adhoc = {
      kind: 'cloud',
      region: 'cn-hangzhou',
      endpoint: 'http://127.0.0.1:1',
      profile: 'http://127.0.0.1:1',
    } as const;
    expect(describeConnection(adhoc, 'en')).toBe('Alibaba Cloud · cn-hangzhou · http://127.0.0.1:1');
  });

  it('marks cloud connections as production unless the profile says otherwise', () => {
    expect(isProduction({ kind: 'cloud', region: 'cn-hangzhou', profile: 'p' })).toBe(true);
    expect(isProduction({ kind: 'cloud', region: 'cn-hangzhou', profile: 'p', production: false })).toBe(
      false,
    );
    expect(isProduction({ kind: 'local', region: 'cn-hangzhou', profile: 'local', production: true })).toBe(
      true,
    );
  });

  it('sanitizes a profile name that carries escape sequences', () => {
    const text = describeConnection({ kind: 'local', region: 'cn-hangzhou', profile: 'x\x1b[2Jy' }, 'en');
    expect(text).toBe('local ALB · cn-hangzhou · profile xy');
  });
});
