import { describe, expect, it } from 'vitest';
import { describeConnection, isProduction } from '../../source/ui/connection.js';

describe('describeConnection', () => {
  it('names the local ALB with its region and profile', () => {
    const local = { kind: 'local', region: 'cn-hangzhou', profile: 'default' } as const;
    expect(describeConnection(local, 'en')).toBe('local ALB · cn-hangzhou · profile default');
    expect(describeConnection(local, 'zh-CN')).toBe('本地 ALB · cn-hangzhou · 配置 default');
    expect(isProduction(local)).toBe(false);
  });

  it('names Alibaba Cloud with region and endpoint, and says when it is read-only', () => {
    const cloud = {
      kind: 'cloud',
      region: 'cn-shanghai',
      endpoint: 'https://alb.example',
      profile: 'prod',
    } as const;
    expect(describeConnection(cloud, 'en')).toBe(
      'Alibaba Cloud · cn-shanghai · https://alb.example · profile prod',
    );
    expect(describeConnection({ ...cloud, readOnly: true }, 'zh-CN')).toBe(
      '阿里云 · cn-shanghai · https://alb.example · 配置 prod · 只读',
    );
    expect(describeConnection({ kind: 'cloud', region: 'cn-beijing', profile: 'p' }, 'en')).toBe(
      'Alibaba Cloud · cn-beijing · profile p',
    );
    expect(isProduction(cloud)).toBe(true);
  });

  it('sanitizes a profile name that carries escape sequences', () => {
    const text = describeConnection({ kind: 'local', region: 'cn-hangzhou', profile: 'x\x1b[2Jy' }, 'en');
    expect(text).toBe('local ALB · cn-hangzhou · profile xy');
  });
});
