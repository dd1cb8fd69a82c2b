// Forwarding-rule changes through the session's recording client land in `:ops` (issue 19): each
// CreateRules / UpdateRulesAttribute / DeleteRules with a target a user reads (listener, rule names),
// the aliyun command that makes the same call with the ClientToken it went with, and the connection;
// the wait after it ends it. Dry runs are not changes and are not logged; a refused call is logged failed.
import { describe, expect, it } from 'vitest';
import { collect, type AlbClient, type CreatedRules, type ListenerChange } from '../../source/alb/client.js';
import { AlbError } from '../../source/alb/errors.js';
import { rulesCommand } from '../../source/domain/change-commands.js';
import type { RuleSpec } from '../../source/domain/rule-types.js';
import { lineText } from '../../source/ui/components/lines.js';
import { logForConnection, OpsLog } from '../../source/ui/ops/ops-log.js';
import { renderOps } from '../../source/ui/ops/ops-render.js';
import { recordingClient } from '../../source/ui/ops/recording-client.js';
import { FakeAlbClient } from '../ui/fake-client.js';

const target = { region: 'cn-hangzhou', endpoint: 'http://127.0.0.1:8080' };

const spec = (name: string, priority: number): RuleSpec => ({
  ruleName: name,
  priority,
  direction: 'Request',
  ruleConditions: [{ type: 'Path', pathConfig: { values: [`/${name}/*`] } }],
  ruleActions: [{ order: 1, type: 'FixedResponse', fixedResponseConfig: { httpCode: '200' } }],
});

function setUp() {
  const fake = new FakeAlbClient();
  const log = new OpsLog(() => 0);
  const client: AlbClient = recordingClient(fake, logForConnection(log, 'prod'), target);
  const entries = () => [...log.entries()].sort((a, b) => a.id - b.id);
  return { fake, log, client, entries };
}

describe('the operations log of rule changes', () => {
  it('records create, move and delete with their commands, targets and connection, ended by their waits', async () => {
    const { fake, client, entries } = setUp();

    const created = (await client.createRules('lsn-web', [spec('api', 10), spec('static', 20)], {
      clientToken: 'tok-create',
    })) as CreatedRules;
    expect(entries()[0]).toMatchObject({
      action: 'CreateRules',
      status: 'accepted',
      target: 'lsn-web · api, static',
      connection: 'prod',
      clientToken: 'tok-create',
      jobId: created.jobId,
      command:
        'aliyun alb CreateRules --region cn-hangzhou --endpoint 127.0.0.1:8080 --insecure --ListenerId lsn-web ' +
        '--Rules.1.RuleName api --Rules.1.Priority 10 --Rules.1.Direction Request ' +
        "--Rules.1.RuleConditions.1.Type Path --Rules.1.RuleConditions.1.PathConfig.Values.1 '/api/*' " +
        '--Rules.1.RuleActions.1.Order 1 --Rules.1.RuleActions.1.Type FixedResponse ' +
        '--Rules.1.RuleActions.1.FixedResponseConfig.HttpCode 200 ' +
        '--Rules.2.RuleName static --Rules.2.Priority 20 --Rules.2.Direction Request ' +
        "--Rules.2.RuleConditions.1.Type Path --Rules.2.RuleConditions.1.PathConfig.Values.1 '/static/*' " +
        '--Rules.2.RuleActions.1.Order 1 --Rules.2.RuleActions.1.Type FixedResponse ' +
        '--Rules.2.RuleActions.1.FixedResponseConfig.HttpCode 200 ' +
        '--ClientToken tok-create --method POST --force',
    });
    await client.waitForRules(created.ruleIds, { until: 'Available', jobId: created.jobId });
    expect(entries()[0]!.status).toBe('done');

    // A move (the rules pane sends no token of its own): the token the call went with is the logged one.
    const [api, staticRule] = created.ruleIds as [string, string];
    await client.updateRules([
      { ruleId: staticRule, priority: 10 },
      { ruleId: api, priority: 11 },
    ]);
    const move = entries()[1]!;
    expect(move).toMatchObject({
      action: 'UpdateRulesAttribute',
      status: 'accepted',
      target: 'lsn-web · static → 10, api → 11',
      connection: 'prod',
    });
    expect(move.clientToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(fake.ruleChanges.calls.at(-1)!.clientToken).toBe(move.clientToken);
    expect(move.command).toBe(
      rulesCommand(
        {
          action: 'UpdateRulesAttribute',
          updates: [
            { ruleId: staticRule, priority: 10 },
            { ruleId: api, priority: 11 },
          ],
        },
        target,
        move.clientToken,
      ),
    );
    expect(move.command).toContain(`--Rules.1.RuleId ${staticRule} --Rules.1.Priority 10`);
    await client.waitForRules([staticRule, api], { until: 'Available' });
    expect(entries()[1]!.status).toBe('done');

    await client.deleteRules([api], { clientToken: 'tok-del' });
    expect(entries()[2]).toMatchObject({
      action: 'DeleteRules',
      status: 'accepted',
      target: 'lsn-web · api',
      command:
        'aliyun alb DeleteRules --region cn-hangzhou --endpoint 127.0.0.1:8080 --insecure ' +
        `--RuleIds.1 ${api} --ClientToken tok-del --method POST --force`,
    });
    // A wait for rules to be Available does not end a delete.
    await client.waitForRules([staticRule], { until: 'Available' });
    expect(entries()[2]!.status).toBe('accepted');
    await client.waitForRules([api], { until: 'gone' });
    expect(entries().map((e) => [e.action, e.status])).toEqual([
      ['CreateRules', 'done'],
      ['UpdateRulesAttribute', 'done'],
      ['DeleteRules', 'done'],
    ]);
  });

  it('names the listener and rules it listed, the first five and how many more', async () => {
    const { fake, client, entries } = setUp();
    const names = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'];
    await fake.createRules(
      'lsn-web',
      names.map((name, at) => spec(name, at + 1)),
    );
    // Listed through the session's client, as the rules pane does: the log learns names and listener.
    const listed = await collect(client.listRules({ listenerIds: ['lsn-web'] }));
    await client.deleteRules(listed.map((rule) => rule.ruleId));
    expect(entries()[0]!.target).toBe('lsn-web · r1, r2, r3, r4, r5 +2');

    // Rules the log never saw are named by their IDs.
    const unseen = (await fake.createRules('lsn-api', [spec('old-name', 1)])) as CreatedRules;
    await client.updateRules([{ ruleId: unseen.ruleIds[0]!, ruleName: 'new-name' }]);
    expect(entries()[1]!.target).toBe(unseen.ruleIds[0]);
  });

  it('does not log dry runs, only the change they checked', async () => {
    const { client, log } = setUp();
    await client.createRules('lsn-web', [spec('api', 10)], { dryRun: true });
    await client.updateRules([{ ruleId: 'rule-x', priority: 3 }], { dryRun: true }).catch(() => undefined);
    await client.deleteRules(['rule-x'], { dryRun: true }).catch(() => undefined);
    // The change the dry runs checked is the only entry.
    await client.createRules('lsn-web', [spec('api', 10)], { clientToken: 'tok-real' });
    expect(log.entries().map((e) => [e.action, e.clientToken])).toEqual([['CreateRules', 'tok-real']]);
  });

  it('logs a refused call as failed with its reason, and a failed wait as failed', async () => {
    const { fake, client, entries } = setUp();
    await expect(client.deleteRules(['rule-missing'], { clientToken: 'tok-x' })).rejects.toThrow();
    expect(entries()[0]).toMatchObject({ action: 'DeleteRules', status: 'failed', clientToken: 'tok-x' });
    expect(entries()[0]!.result?.en).toContain('rule-missing');

    const created = (await client.createRules('lsn-web', [spec('api', 10)])) as ListenerChange & CreatedRules;
    fake.waitForRules = () =>
      Promise.reject(
        new AlbError({
          kind: 'invalid',
          message: { en: 'the job failed', 'zh-CN': '任务失败' },
        }),
      );
    await expect(client.waitForRules(created.ruleIds, { until: 'Available' })).rejects.toThrow();
    expect(entries()[1]).toMatchObject({ action: 'CreateRules', status: 'failed' });
    expect(entries()[1]!.result?.['zh-CN']).toContain('任务失败');
  });

  it('shows rule changes in the ops view in both languages', async () => {
    const { client, log } = setUp();
    await client.createRules('lsn-web', [spec('api', 10)], { clientToken: 'tok-1' });
    for (const lang of ['en', 'zh-CN'] as const) {
      const lines = renderOps({}, log.entries(), { lang, width: 120, height: 20 }).map(lineText);
      const text = lines.join('\n');
      // One connection: the list shows the target; the chosen entry's detail names the connection.
      expect(lines.find((line) => line.includes('+rules'))).toContain('lsn-web · api');
      expect(lines.some((line) => /^\s*(Connection|连接)\s+prod$/.test(line))).toBe(true);
      expect(text).toContain('CreateRules · lsn-web · api');
      expect(text).toContain('aliyun alb CreateRules');
    }
  });
});
