// The demo data of a first run and the scale generator: realistic, consistent with the listener
// rules, deterministic for a seed.
import { describe, expect, test } from 'vitest';
import { SERVER_GROUP_SERVES, portSpace } from '../../source/domain/listener-rules.js';
import { unflatten } from '../../source/domain/wire.js';
import { seedState } from '../../source/emulator/seed.js';
import { startEmulator } from '../../source/emulator/index.js';
import { $Alb, clients } from './helpers.js';

const DAY = 86_400_000;
const now = Date.UTC(2026, 0, 15, 8, 0, 0);
const state = seedState({ region: 'cn-hangzhou', seed: 1, now });

describe('demo data', () => {
  test('instances: at least 8, two VPCs, every edition, one Inactive, one Configuring, the rest Active', () => {
    expect(state.loadBalancers.length).toBeGreaterThanOrEqual(8);
    expect(new Set(state.loadBalancers.map((l) => l.vpcId)).size).toBe(2);
    expect(new Set(state.loadBalancers.map((l) => l.loadBalancerEdition))).toEqual(
      new Set(['Basic', 'Standard', 'StandardWithWaf']),
    );
    const statuses = state.loadBalancers.map((l) => l.loadBalancerStatus);
    expect(statuses.filter((s) => s === 'Inactive')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'Configuring')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'Active')).toHaveLength(state.loadBalancers.length - 2);
    for (const lb of state.loadBalancers) {
      expect(lb.zoneMappings.length).toBeGreaterThanOrEqual(2);
      expect(Date.parse(lb.createTime)).toBeLessThan(now);
    }
  });

  test('about 40 listeners: HTTP 80, HTTPS 443, QUIC 443, QUIC upgrades, Chinese names', () => {
    expect(state.listeners.length).toBeGreaterThanOrEqual(35);
    expect(state.listeners.length).toBeLessThanOrEqual(45);
    const has = (protocol: string, port: number) =>
      state.listeners.some((l) => l.listenerProtocol === protocol && l.listenerPort === port);
    expect(has('HTTP', 80) && has('HTTPS', 443) && has('QUIC', 443)).toBe(true);
    expect(state.listeners.some((l) => l.listenerDescription === '支付网关_443')).toBe(true);
    expect(
      state.listeners.filter((l) => /[^\x00-\xff]/.test(l.listenerDescription)).length,
    ).toBeGreaterThanOrEqual(3);
    expect(state.listeners.filter((l) => l.quicConfig.quicUpgradeEnabled).length).toBeGreaterThanOrEqual(3);
  });

  test('listeners obey the rules: unique ports per port space, QUIC associations, compatible server groups in the VPC', () => {
    const seen = new Set<string>();
    const associated = new Set<string>();
    for (const l of state.listeners) {
      const key = `${l.loadBalancerId}/${portSpace(l.listenerProtocol)}/${l.listenerPort}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      const lb = state.loadBalancers.find((i) => i.loadBalancerId === l.loadBalancerId)!;
      for (const tuple of l.defaultActions[0]!.forwardGroupConfig.serverGroupTuples) {
        const group = state.serverGroups.find((g) => g.serverGroupId === tuple.serverGroupId)!;
        expect(group.vpcId).toBe(lb.vpcId);
        expect(SERVER_GROUP_SERVES[group.protocol]).toContain(l.listenerProtocol);
      }
      if (l.listenerProtocol !== 'HTTP') expect(l.certificates?.length).toBe(1);
      if (l.quicConfig.quicUpgradeEnabled) {
        const quic = state.listeners.find((q) => q.listenerId === l.quicConfig.quicListenerId)!;
        expect(quic.listenerProtocol).toBe('QUIC');
        expect(quic.loadBalancerId).toBe(l.loadBalancerId);
        expect(associated.has(quic.listenerId)).toBe(false);
        associated.add(quic.listenerId);
      }
      if (l.securityPolicyId?.startsWith('spy-')) expect(lb.loadBalancerEdition).not.toBe('Basic');
    }
  });

  test('certificates: at least 6, one expired, one expiring within 30 days, one CA for mutual TLS', () => {
    expect(state.certificates.length).toBeGreaterThanOrEqual(6);
    const daysLeft = state.certificates.map((c) => (Date.parse(c.endDate) - now) / DAY);
    expect(daysLeft.filter((d) => d <= 0)).toHaveLength(1);
    expect(daysLeft.filter((d) => d > 0 && d <= 30)).toHaveLength(1);
    expect(state.certificates.filter((c) => c.isCa)).toHaveLength(1);
    expect(state.certificates.map((c) => c.issuer)).toEqual(
      expect.arrayContaining(['DigiCert Global G2 TLS RSA SHA256 2020 CA1', "Let's Encrypt R11"]),
    );
    for (const c of state.certificates) expect(c.certificateId).toBe(`${c.casId}-cn-hangzhou`);
  });

  test('server groups: at least 5, HTTP/HTTPS/GRPC, both VPCs, 2–4 servers each', () => {
    expect(state.serverGroups.length).toBeGreaterThanOrEqual(5);
    expect(new Set(state.serverGroups.map((g) => g.protocol))).toEqual(new Set(['HTTP', 'HTTPS', 'GRPC']));
    expect(new Set(state.serverGroups.map((g) => g.vpcId)).size).toBe(2);
    for (const g of state.serverGroups) {
      const servers = state.servers.filter((s) => s.serverGroupId === g.serverGroupId);
      expect(servers.length).toBe(g.serverCount);
      expect(servers.length).toBeGreaterThanOrEqual(2);
      expect(servers.length).toBeLessThanOrEqual(4);
    }
    expect(state.customPolicies).toHaveLength(2);
  });

  test('deterministic for a seed and a time; another seed gives other IDs', () => {
    expect(seedState({ region: 'cn-hangzhou', seed: 1, now })).toEqual(state);
    const other = seedState({ region: 'cn-hangzhou', seed: 2, now });
    expect(other.loadBalancers[0]!.loadBalancerId).not.toBe(state.loadBalancers[0]!.loadBalancerId);
    expect(other.listeners.length).toBe(state.listeners.length);
  });

  test('another region shows in zones, DNS names and certificate IDs', () => {
    const singapore = seedState({ region: 'ap-southeast-1', seed: 1, now });
    expect(singapore.loadBalancers[0]!.dnsName).toContain('.ap-southeast-1.alb.aliyuncs.com');
    expect(singapore.loadBalancers[0]!.zoneMappings[0]!.zoneId).toMatch(/^ap-southeast-1-[a-z]$/);
    expect(singapore.certificates[0]!.certificateId).toMatch(/-ap-southeast-1$/);
  });
});

describe('scale generator', () => {
  test('fills up to the requested totals with valid, unique listeners', () => {
    const big = seedState({
      region: 'cn-hangzhou',
      seed: 5,
      now,
      scale: { instances: 500, listeners: 10_000 },
    });
    expect(big.loadBalancers).toHaveLength(500);
    expect(big.listeners).toHaveLength(10_000);
    expect(new Set(big.listeners.map((l) => l.listenerId)).size).toBe(10_000);
    expect(new Set(big.loadBalancers.map((l) => l.loadBalancerId)).size).toBe(500);
    const ports = new Set(
      big.listeners.map((l) => `${l.loadBalancerId}/${portSpace(l.listenerProtocol)}/${l.listenerPort}`),
    );
    expect(ports.size).toBe(10_000);
  });

  test('a scaled emulator pages through all of it', async () => {
    const emulator = await startEmulator({ scale: { instances: 60, listeners: 1200 } });
    try {
      const { alb } = clients(emulator);
      const { body } = await alb.listListeners(new $Alb.ListListenersRequest({ maxResults: 100 }));
      expect(body?.totalCount).toBe(1200);
      const instances = await alb.listLoadBalancers(new $Alb.ListLoadBalancersRequest({ maxResults: 100 }));
      expect(instances.body?.totalCount).toBe(60);
    } finally {
      await emulator.close();
    }
  });
});

describe('unflatten (domain/wire.ts) as the emulator relies on it', () => {
  test('parameter names that exist on Object.prototype are kept and pollute nothing', () => {
    const parsed = unflatten({ toString: 'a', 'valueOf.x': 'b', 'hasOwnProperty.1': 'c' });
    expect(parsed['toString']).toBe('a');
    expect(parsed['valueOf']).toEqual({ x: 'b' });
    expect(parsed['hasOwnProperty']).toEqual(['c']);
    expect((Object.prototype.valueOf as unknown as Record<string, unknown>)['x']).toBeUndefined();
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});
