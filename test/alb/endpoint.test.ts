import { describe, expect, it } from 'vitest';
import { isAliyunHost, resolveEndpoint } from '../../source/alb/endpoint.js';

describe('resolveEndpoint', () => {
  it('gives the SDK a bare host:port and takes the protocol from the scheme', () => {
    expect(resolveEndpoint('http://127.0.0.1:18081', 'x')).toEqual({
      host: '127.0.0.1:18081',
      protocol: 'http',
      display: 'http://127.0.0.1:18081',
    });
    expect(resolveEndpoint('https://alb.cn-hangzhou.aliyuncs.com/', 'x')).toEqual({
      host: 'alb.cn-hangzhou.aliyuncs.com',
      protocol: 'https',
      display: 'https://alb.cn-hangzhou.aliyuncs.com',
    });
    expect(resolveEndpoint('HTTP://[::1]:8080', 'x')).toEqual({
      host: '[::1]:8080',
      protocol: 'http',
      display: 'http://[::1]:8080',
    });
  });

  it('takes a bare host as HTTPS, like the cloud', () => {
    expect(resolveEndpoint('alb-vpc.cn-shanghai.aliyuncs.com', 'x')).toMatchObject({
      host: 'alb-vpc.cn-shanghai.aliyuncs.com',
      protocol: 'https',
    });
    expect(resolveEndpoint('  proxy.internal:8443 ', 'x')).toMatchObject({
      host: 'proxy.internal:8443',
      protocol: 'https',
    });
  });

  it('leaves the host to the SDK when none is given', () => {
    for (const none of [undefined, '', '   ']) {
      expect(resolveEndpoint(none, 'alb.cn-beijing.aliyuncs.com')).toEqual({
        host: undefined,
        protocol: 'https',
        display: 'https://alb.cn-beijing.aliyuncs.com',
      });
    }
  });

  it('refuses paths, queries, user info and other schemes with a config error', () => {
    for (const bad of [
      'http://127.0.0.1:1/api',
      'http://h/?a=1',
      'http://user:pw@h',
      'ftp://h',
      'http://',
      'http://h:99999',
    ]) {
      expect(() => resolveEndpoint(bad, 'x'), bad).toThrow();
      try {
        resolveEndpoint(bad, 'x');
      } catch (error) {
        expect(error).toMatchObject({ kind: 'config' });
        expect(JSON.stringify(error)).not.toContain('pw@');
      }
    }
  });
});

describe('isAliyunHost', () => {
  it('knows the cloud hosts from local ones', () => {
    expect(isAliyunHost('alb.cn-hangzhou.aliyuncs.com')).toBe(true);
    expect(isAliyunHost('cas.aliyuncs.com:443')).toBe(true);
    expect(isAliyunHost('127.0.0.1:8080')).toBe(false);
    expect(isAliyunHost('aliyuncs.com.evil.example')).toBe(false);
  });
});
