// `alb-tui rules …`, `create --profile` with rules and `export` against a real local ALB, checked
// through the API.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from '../../source/alb/client.js';
import { openStore } from '../../source/store/index.js';
import { useLocalAlbCli } from '../helpers/local-alb-cli.js';
import { webProfile } from './fixtures.js';

const local = useLocalAlbCli();
const { api, listenerNamed, run } = local;

describe('rules against the local ALB', () => {
  it('list and test the demo rules of prod-web HTTPS 443', async () => {
    const { listenerId } = listenerNamed('web_https_443');
    const listed = await run(['rules', 'list', listenerId]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('api-v1');
    expect(listed.stdout).toContain('维护页面');
    const tested = await run([
      'rules',
      'test',
      listenerId,
      '--url',
      'https://shop.example.com/maintenance',
      '--json',
    ]);
    expect(tested.code).toBe(0);
    const result = JSON.parse(tested.stdout);
    expect(result.rule.ruleName).toBe('维护页面');
    expect(result.effects[0]).toMatchObject({ type: 'FixedResponse', httpCode: '503' });
    expect(result.responseRulesSkipped).toBeGreaterThan(0);
  });

  it('create 12 rules from a file (10 + 2 calls), then delete them: through the API each time', async () => {
    const { listenerId } = listenerNamed('web_http_80');
    const groups = await collect(api().listServerGroups());
    const groupId = groups.find((g) => g.serverGroupName === 'web-frontend-http')!.serverGroupId;
    const rules = Array.from({ length: 12 }, (_, i) => ({
      ruleName: `bulk-${i}`,
      priority: 500 + i,
      ruleConditions: [{ type: 'Path', pathConfig: { values: [`/bulk${i}/*`] } }],
      ruleActions: [
        {
          order: 1,
          type: 'ForwardGroup',
          forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: groupId }] },
        },
      ],
    }));
    const file = path.join(local.box.dir, 'bulk.json');
    await writeFile(file, JSON.stringify(rules));
    const created = await run(['rules', 'create', listenerId, '--file', file, '--yes', '--json']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const batches = JSON.parse(created.stdout).batches as { ruleIds: string[]; status: string }[];
    expect(batches.map((b) => [b.status, b.ruleIds.length])).toEqual([
      ['done', 10],
      ['done', 2],
    ]);
    const ids = batches.flatMap((b) => b.ruleIds);
    const onApi = await collect(api().listRules({ ruleIds: ids }));
    expect(onApi.map((r) => r.ruleStatus)).toEqual(new Array(12).fill('Available'));

    const clash = await run(['rules', 'create', listenerId, '--file', file, '--yes']);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('500');

    const deleted = await run(['rules', 'delete', ...ids, '--yes']);
    expect(deleted.code).toBe(0);
    expect(await collect(api().listRules({ ruleIds: ids }))).toEqual([]);
  });

  it('a profile with rules: create makes the listener and then its rules; export writes both', async () => {
    const store = await openStore({ env: local.env });
    const groupName = 'web-frontend-http';
    await store.saveProfile({
      ...webProfile('with-rules'),
      rules: [
        {
          ruleName: 'canary',
          priority: 5,
          direction: 'Request',
          ruleConditions: [{ type: 'Header', headerConfig: { key: 'x-canary', values: ['yes'] } }],
          ruleActions: [
            {
              order: 1,
              type: 'ForwardGroup',
              forwardGroupConfig: { serverGroupTuples: [{ serverGroupName: groupName }] },
            },
          ],
        },
      ],
    });
    const instanceId = listenerNamed('web_https_443').loadBalancerId;
    const exported = await run([
      'export',
      '--profile',
      'with-rules',
      '--instance',
      instanceId,
      '--format',
      'terraform',
    ]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('resource "alicloud_alb_rule"');
    const created = await run([
      'create',
      '--instance',
      instanceId,
      '--profile',
      'with-rules',
      '--yes',
      '--json',
    ]);
    expect(created.code).toBe(0);
    const printed = JSON.parse(created.stdout) as {
      listenerId: string;
      status: string;
      rules: { status: string }[];
    };
    expect(printed.status).toBe('Running');
    expect(printed.rules.map((r) => r.status)).toEqual(['done']);
    const [rule] = await collect(api().listRules({ listenerIds: [printed.listenerId] }));
    const groups = await collect(api().listServerGroups());
    expect(rule).toMatchObject({ ruleName: 'canary', ruleStatus: 'Available' });
    expect(rule?.ruleActions[0]).toMatchObject({
      forwardGroupConfig: {
        serverGroupTuples: [
          { serverGroupId: groups.find((g) => g.serverGroupName === groupName)!.serverGroupId },
        ],
      },
    });
  });
});
