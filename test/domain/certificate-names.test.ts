// Which names a certificate covers, as TLS clients decide it, and what a rotation warns of.
import { describe, expect, it } from 'vitest';
import {
  nameCovers,
  rotationWarnings,
  servedNames,
  uncoveredNames,
} from '../../source/domain/certificate-names.js';
import type { Certificate } from '../../source/domain/resources.js';

function cert(id: string, commonName: string, sans: string[], endDate = '2027-01-01T00:00:00Z'): Certificate {
  return {
    certificateId: id,
    casId: Number(id.split('-')[0]),
    name: commonName,
    commonName,
    sans,
    issuer: 'Test CA',
    startDate: '2026-01-01T00:00:00Z',
    endDate,
    fingerprint: 'ff',
    isCa: false,
  };
}

describe('nameCovers', () => {
  it('matches a name exactly, in any case', () => {
    expect(nameCovers('api.example.com', 'API.Example.com')).toBe(true);
    expect(nameCovers('api.example.com', 'www.example.com')).toBe(false);
  });

  it('lets a wildcard stand for exactly one leftmost label, never the bare domain', () => {
    expect(nameCovers('*.example.com', 'www.example.com')).toBe(true);
    expect(nameCovers('*.Example.com', 'shop.EXAMPLE.com')).toBe(true);
    expect(nameCovers('*.example.com', 'a.b.example.com')).toBe(false);
    expect(nameCovers('*.example.com', 'example.com')).toBe(false);
    expect(nameCovers('*.example.com', 'badexample.com')).toBe(false);
  });
});

describe('servedNames', () => {
  it('is the SANs, or the CN when there are none', () => {
    expect(servedNames(cert('1-cn-hangzhou', 'a.example.com', ['b.example.com']))).toEqual(['b.example.com']);
    expect(servedNames(cert('1-cn-hangzhou', 'a.example.com', []))).toEqual(['a.example.com']);
  });
});

describe('uncoveredNames', () => {
  const old = cert('1-cn-hangzhou', 'old.example.com', ['old.example.com', 'www.old.example.com']);

  it('is empty when the new certificate names each, or covers it by a wildcard', () => {
    const wide = cert('2-cn-hangzhou', 'old.example.com', ['old.example.com', '*.old.example.com']);
    expect(uncoveredNames(old, wide)).toEqual([]);
  });

  it('lists the names left without a certificate, once each', () => {
    const other = cert('3-cn-hangzhou', 'www.old.example.com', ['www.old.example.com']);
    expect(uncoveredNames(old, other)).toEqual(['old.example.com']);
    const repeated = cert('4-cn-hangzhou', 'a.example.com', ['A.example.com', 'a.example.com']);
    expect(uncoveredNames(repeated, other)).toEqual(['a.example.com']);
  });

  it('counts a wildcard as covered only by the same wildcard', () => {
    const wildcard = cert('5-cn-hangzhou', '*.example.com', ['*.example.com']);
    const named = cert('6-cn-hangzhou', 'www.example.com', ['www.example.com']);
    expect(uncoveredNames(wildcard, named)).toEqual(['*.example.com']);
    expect(uncoveredNames(wildcard, cert('7-cn-hangzhou', 'x', ['*.EXAMPLE.com']))).toEqual([]);
  });
});

describe('rotationWarnings', () => {
  const old = cert('1-cn-hangzhou', 'a.example.com', ['a.example.com'], '2027-06-01T00:00:00Z');

  it('says nothing for a later-expiring certificate with the same names', () => {
    expect(
      rotationWarnings(old, cert('2-cn-hangzhou', 'a.example.com', ['a.example.com'], '2028-01-01')),
    ).toEqual([]);
  });

  it('says when the new one expires sooner and which names it misses', () => {
    const worse = cert('3-cn-hangzhou', 'b.example.com', ['b.example.com'], '2027-01-01T00:00:00Z');
    expect(rotationWarnings(old, worse)).toEqual([
      { kind: 'expiresSooner', to: '3-cn-hangzhou', from: '1-cn-hangzhou' },
      { kind: 'namesNotCovered', to: '3-cn-hangzhou', names: ['a.example.com'] },
    ]);
  });
});
