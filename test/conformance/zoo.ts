// A local ALB holding every kind and state of resource the API knows: the demo data plus a copy of
// resources in each state the demo lacks (instances Provisioning/CreateFailed/Abnormal, listeners of
// every protocol in every status, server groups of every type, protocol and status, jobs of every status).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LISTENER_PROTOCOLS,
  LISTENER_STATUSES,
  LOAD_BALANCER_STATUSES,
  SERVER_GROUP_PROTOCOLS,
} from '../../source/domain/resources.js';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { seedState } from '../../source/emulator/seed.js';
import type { EmulatorState } from '../../source/emulator/state.js';

const NOW = Date.now();
export const OTHER_RESOURCE_GROUP = 'rg-aek2zzcu4kvb3xq';

export function zooState(): EmulatorState {
  const state = seedState({ region: 'cn-hangzhou', seed: 7, now: NOW });
  const template = state.loadBalancers[0]!;
  LOAD_BALANCER_STATUSES.forEach((status, index) => {
    state.loadBalancers.push({
      ...structuredClone(template),
      loadBalancerId: `alb-zoo${index}status${status.toLowerCase()}`.slice(0, 22),
      loadBalancerName: `zoo-${status}`,
      loadBalancerStatus: status,
      loadBalancerBussinessStatus: index % 2 === 0 ? 'Abnormal' : 'Normal',
      addressType: index % 2 === 0 ? 'Intranet' : 'Internet',
      addressIpVersion: index % 2 === 0 ? 'IPv4' : 'DualStack',
      ...(index % 2 === 0
        ? {
            operationLocks: [
              { lockType: 'FinancialLocked', lockReason: 'The account has an overdue payment.' },
            ],
          }
        : { ipv6AddressType: 'Internet' as const }),
    });
  });
  const host = state.loadBalancers[1]!;
  const https = state.listeners.find(
    (l) => l.listenerProtocol === 'HTTPS' && l.loadBalancerId === host.loadBalancerId,
  )!;
  let port = 20_000;
  for (const protocol of LISTENER_PROTOCOLS) {
    for (const status of LISTENER_STATUSES) {
      state.listeners.push({
        ...structuredClone(https),
        listenerId: `lsn-zoo${protocol.toLowerCase()}${status.toLowerCase()}`.slice(0, 24),
        listenerProtocol: protocol,
        listenerPort: port++,
        listenerStatus: status,
        listenerDescription: `zoo_${protocol}_${status}`,
        ...(protocol === 'HTTPS'
          ? {}
          : { securityPolicyId: undefined, caEnabled: undefined, caCertificates: undefined }),
        ...(protocol === 'HTTP' ? { certificates: undefined } : {}),
        quicConfig: protocol === 'HTTPS' ? { quicUpgradeEnabled: false } : {},
        XForwardedForConfig: {},
      });
    }
  }
  // Extra certificates in every association state (ALB's own spelling of dissociating).
  const withExtras = state.listeners.find((l) => l.listenerId === 'lsn-zoohttpsrunning')!;
  const extras = state.certificates.filter(
    (c) => !c.isCa && c.certificateId !== withExtras.certificates?.[0]?.certificateId,
  );
  withExtras.extraCertificates = (['Associated', 'Associating', 'Diassociating'] as const).map(
    (status, i) => ({
      certificateId: extras[i]!.certificateId,
      status,
    }),
  );
  const group = state.serverGroups[0]!;
  for (const type of ['Instance', 'Ip'] as const) {
    for (const protocol of SERVER_GROUP_PROTOCOLS) {
      for (const status of ['Creating', 'Available', 'Configuring'] as const) {
        state.serverGroups.push({
          ...structuredClone(group),
          serverGroupId: `sgp-zoo${type}${protocol}${status}`.toLowerCase().slice(0, 22),
          serverGroupName: `zoo-${type}-${protocol}-${status}`,
          serverGroupType: type,
          protocol,
          serverGroupStatus: status,
        });
      }
    }
  }
  // One of each in another resource group, for the ResourceGroupId filters.
  state.serverGroups[1]!.resourceGroupId = OTHER_RESOURCE_GROUP;
  state.customPolicies[1]!.resourceGroupId = OTHER_RESOURCE_GROUP;
  state.certificates[1]!.resourceGroupId = OTHER_RESOURCE_GROUP;
  // Rules in the statuses the demo lacks (its rules are all Available), on the zoo's own listener.
  const ruleTemplate = state.rules!.find((r) => r.direction === 'Request')!;
  (['Provisioning', 'Configuring'] as const).forEach((ruleStatus, i) =>
    state.rules!.push({
      ...structuredClone(ruleTemplate),
      ruleId: `rule-zoo${ruleStatus.toLowerCase()}`.slice(0, 23),
      ruleName: `zoo-${ruleStatus}`,
      listenerId: https.listenerId,
      loadBalancerId: https.loadBalancerId,
      priority: 9000 + i,
      ruleStatus,
    }),
  );
  for (const status of ['Processing', 'Succeeded', 'Failed'] as const) {
    state.jobs.push({
      id: `72dcd26b-zoo-${status.toLowerCase()}`,
      apiName: 'CreateListener',
      operateType: 'Create',
      resourceId: https.listenerId,
      resourceType: 'listener',
      status,
      ...(status === 'Failed'
        ? {
            errorCode: 'ResourceQuotaExceeded.LoadBalancerListenersNum',
            errorMessage: 'The quota is exceeded.',
          }
        : {}),
      createTime: NOW - 60_000,
      modifyTime: NOW - 30_000,
    });
  }
  return state;
}

/**
 * A local ALB started on the zoo state. By default its pending changes never come due during a test;
 * with a delay of 0 each change is done by the next call.
 */
export async function startZoo(provisioningDelayMs = 3_600_000): Promise<RunningEmulator> {
  const dir = mkdtempSync(join(tmpdir(), 'alb-tui-conformance-'));
  const statePath = join(dir, 'state.json');
  writeFileSync(statePath, JSON.stringify(zooState()), { mode: 0o600 });
  const emulator = await startEmulator({ statePath, provisioningDelayMs, saveDebounceMs: 60_000 });
  const close = emulator.close.bind(emulator);
  emulator.close = async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  };
  return emulator;
}
