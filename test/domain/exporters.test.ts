import * as $Alb from '@alicloud/alb20200616';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CreateListenerRequest } from '../../source/domain/create-request.js';
import {
  TERRAFORM_XFF_ATTRIBUTES,
  STANDALONE_LOCAL_ALB_ENDPOINT,
  exportRequest,
  shellQuote,
} from '../../source/domain/exporters.js';
import {
  draftToRequest,
  newDraft,
  switchProtocol,
  type ListenerDraft,
} from '../../source/domain/listener-draft.js';
import { requestToWire, wireToRequest } from '../../source/domain/listener-rules.js';

/** A POSIX shell word splitter for what shellQuote produces: bare words, '…' and \-newline continuations. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let current: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === '\\' && command[i + 1] === '\n') {
      i++;
      continue;
    }
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      current = (current ?? '') + command.slice(i + 1, end);
      i = end;
    } else if (c === '\\') {
      current = (current ?? '') + command[++i];
    } else if (/\s/.test(c)) {
      if (current !== undefined) words.push(current);
      current = undefined;
    } else current = (current ?? '') + c;
  }
  if (current !== undefined) words.push(current);
  return words;
}

/** Reads the aliyun CLI command back into the request's wire parameters. */
function parseAliyun(command: string): { params: Record<string, string>; options: Record<string, string> } {
  const words = shellWords(
    command
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .join('\n'),
  );
  expect(words.slice(0, 3)).toEqual(['aliyun', 'alb', 'CreateListener']);
  const params: Record<string, string> = {};
  const options: Record<string, string> = {};
  for (let i = 3; i < words.length; i++) {
    const flag = words[i]!;
    expect(flag.startsWith('--')).toBe(true);
    const name = flag.slice(2);
    if (name === 'force' || name === 'insecure') continue;
    const value = words[++i]!;
    if (/^[A-Z]/.test(name)) params[name] = value;
    else options[name] = value;
  }
  return { params, options };
}

type Hcl = { [key: string]: string | number | boolean | Hcl[] | Record<string, string> };

/** Parses the subset of HCL the exporter writes: attributes, nested blocks, one map. */
function parseHcl(text: string): { type: string; name: string; body: Hcl } {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const header = /^resource "([^"]+)" ("(?:[^"\\]|\\.)*") \{$/.exec(lines[0]!);
  expect(header).not.toBeNull();
  let index = 1;
  const literal = (raw: string): string | number | boolean => {
    if (raw === 'true' || raw === 'false') return raw === 'true';
    if (/^\d+$/.test(raw)) return Number(raw);
    expect(raw.startsWith('"')).toBe(true);
    return JSON.parse(raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')) as string;
  };
  const block = (): Hcl => {
    const body: Hcl = {};
    while (index < lines.length) {
      const line = lines[index++]!;
      if (line === '}') return body;
      const nested = /^([a-z_]+) \{$/.exec(line);
      if (nested) {
        const list = (body[nested[1]!] ??= []) as Hcl[];
        list.push(block());
        continue;
      }
      const map = /^([a-z_]+) = \{$/.exec(line);
      if (map) {
        const entries: Record<string, string> = {};
        for (let l = lines[index++]!; l !== '}'; l = lines[index++]!) {
          const [, k, v] = /^("(?:[^"\\]|\\.)*")\s*= (.*)$/.exec(l)!;
          entries[literal(k!) as string] = literal(v!) as string;
        }
        body[map[1]!] = entries;
        continue;
      }
      const [, key, value] = /^([a-z_0-9]+)\s*= (.*)$/.exec(line)!;
      body[key!] = literal(value!);
    }
    return body;
  };
  return { type: header![1]!, name: JSON.parse(header![2]!) as string, body: block() };
}

const REVERSE_XFF = Object.fromEntries(
  Object.entries(TERRAFORM_XFF_ATTRIBUTES).map(([api, tf]) => [tf, api]),
);

/** Maps the Terraform block back to a request, attribute by attribute. */
function terraformToRequest(body: Hcl): CreateListenerRequest {
  const one = (key: string) => (body[key] as Hcl[] | undefined)?.[0];
  const request: Record<string, unknown> = {
    loadBalancerId: body['load_balancer_id'],
    listenerProtocol: body['listener_protocol'],
    listenerPort: body['listener_port'],
    listenerDescription: body['listener_description'],
    idleTimeout: body['idle_timeout'],
    requestTimeout: body['request_timeout'],
    gzipEnabled: body['gzip_enabled'],
    http2Enabled: body['http2_enabled'],
    securityPolicyId: body['security_policy_id'],
    caEnabled: body['ca_enabled'],
    certificates: (body['certificates'] as Hcl[] | undefined)?.map((c) => ({
      certificateId: c['certificate_id'],
    })),
    caCertificates: (body['ca_certificates'] as Hcl[] | undefined)?.map((c) => ({
      certificateId: c['certificate_id'],
    })),
    defaultActions: (body['default_actions'] as Hcl[]).map((a) => ({
      type: a['type'],
      forwardGroupConfig: {
        serverGroupTuples: ((a['forward_group_config'] as Hcl[])[0]!['server_group_tuples'] as Hcl[]).map(
          (t) => ({
            serverGroupId: t['server_group_id'],
          }),
        ),
      },
    })),
  };
  const quic = one('quic_config');
  if (quic)
    request['quicConfig'] = {
      quicUpgradeEnabled: quic['quic_upgrade_enabled'],
      quicListenerId: quic['quic_listener_id'],
    };
  const xff = one('x_forwarded_for_config');
  if (xff)
    request['XForwardedForConfig'] = Object.fromEntries(
      Object.entries(xff).map(([k, v]) => [REVERSE_XFF[k]!, v]),
    );
  const tags = body['tags'] as Record<string, string> | undefined;
  if (tags) request['tag'] = Object.entries(tags).map(([key, value]) => ({ key, value }));
  for (const [k, v] of Object.entries(request)) if (v === undefined) delete request[k];
  return request as unknown as CreateListenerRequest;
}

function sample(
  changes: Partial<ListenerDraft> = {},
  protocol: 'HTTP' | 'HTTPS' | 'QUIC' = 'HTTPS',
): CreateListenerRequest {
  const base = switchProtocol(
    { ...newDraft('HTTPS'), certificateId: '23759533-cn-hangzhou', serverGroupId: 'sgp-web' },
    protocol,
  );
  return draftToRequest({ ...base, ...changes }, 'alb-7kq2', {
    clientToken: 'c3f1e0d2-0000-4000-8000-000000000001',
  });
}

const requests: [string, CreateListenerRequest][] = [
  ['HTTPS with defaults', sample()],
  [
    'HTTPS with everything',
    sample({
      name: "支付网关's #1",
      http2: false,
      quicUpgrade: true,
      quicListenerId: 'lsn-quic',
      mutualTls: true,
      caCertificateId: '999-cn-hangzhou',
      headers: { ...newDraft().headers, clientCertFingerprint: true, slbPort: true },
      headerAliases: { ...newDraft().headerAliases, clientCertFingerprint: 'x-fp' },
    }),
  ],
  ['HTTP', sample({ port: '8080', name: 'web-${var.x}' }, 'HTTP')],
  ['QUIC', sample({ port: '443' }, 'QUIC')],
];

describe('exporters', () => {
  it.each(requests)('the aliyun CLI command of %s carries every field of the request', (_label, request) => {
    const { params, options } = parseAliyun(
      exportRequest(request, 'aliyun', { region: 'cn-hangzhou', endpoint: 'http://127.0.0.1:18081' }),
    );
    expect(options).toEqual({ region: 'cn-hangzhou', endpoint: '127.0.0.1:18081', method: 'POST' });
    expect(params).toEqual(requestToWire(request));
    expect(wireToRequest(params)).toEqual(request);
  });

  it.each(requests)('the Terraform block of %s carries every field of the request', (_label, request) => {
    const { type, name, body } = parseHcl(exportRequest(request, 'terraform', { region: 'cn-hangzhou' }));
    expect(type).toBe('alicloud_alb_listener');
    expect(name).toBe(`${request.listenerProtocol.toLowerCase()}_${request.listenerPort}`);
    const { clientToken: _token, ...withoutToken } = request;
    expect(terraformToRequest(body)).toEqual(withoutToken);
  });

  it.each(requests)(
    'the JSON request of %s is what the SDK takes, typed, and sends the same',
    (_l, request) => {
      const json = JSON.parse(exportRequest(request, 'json', { region: 'cn-hangzhou' })) as Record<
        string,
        unknown
      >;
      expect(json['listenerPort']).toBe(request.listenerPort);
      expect(typeof json['listenerPort']).toBe('number');
      expect(Array.isArray(json['defaultActions'])).toBe(true);
      if (request.http2Enabled !== undefined) expect(json['http2Enabled']).toBe(request.http2Enabled);
      if (request.idleTimeout !== undefined) expect(json['idleTimeout']).toBe(request.idleTimeout);
      const sent = new $Alb.CreateListenerRequest({ ...request }).toMap();
      const fromExport = new $Alb.CreateListenerRequest(json).toMap();
      expect(fromExport).toEqual(sent);
      expect(fromExport['ListenerPort']).toBe(request.listenerPort);
    },
  );

  it("names the region's public endpoint for Alibaba Cloud, over HTTPS", () => {
    const [request] = requests[0]!.slice(1) as [CreateListenerRequest];
    const text = exportRequest(request, 'aliyun', { region: 'cn-shanghai' });
    expect(text).toMatch(/^# ALB in cn-shanghai at alb\.cn-shanghai\.aliyuncs\.com/);
    expect(parseAliyun(text).options).toEqual({
      region: 'cn-shanghai',
      endpoint: 'alb.cn-shanghai.aliyuncs.com',
      method: 'POST',
    });
    expect(text).not.toContain('--insecure');
  });

  it('names the standalone local ALB for the local ALB, with how to start it and --insecure for HTTP', () => {
    const [request] = requests[0]!.slice(1) as [CreateListenerRequest];
    const text = exportRequest(request, 'aliyun', {
      region: 'cn-hangzhou',
      endpoint: STANDALONE_LOCAL_ALB_ENDPOINT,
      localAlb: true,
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('# For the local ALB: start it first with  npx alb-tui emulator --port 18081');
    expect(lines[1]).toMatch(/^# and export the AccessKey pair it prints/);
    expect(text).toContain('--endpoint 127.0.0.1:18081 \\\n  --insecure \\\n');
    // A loopback endpoint is taken as a local ALB when not said.
    expect(
      exportRequest(request, 'aliyun', { region: 'cn-hangzhou', endpoint: 'http://127.0.0.1:9999' }),
    ).toMatch(/^# For the local ALB: start it first with {2}npx alb-tui emulator --port 9999\n/);
  });

  it('quotes any string so the shell gives it back unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        expect(shellWords(`x ${shellQuote(value)}`)).toEqual(value === '' ? ['x', ''] : ['x', value]);
      }),
    );
  });

  it('escapes Terraform interpolation in names', () => {
    const text = exportRequest(sample({ name: 'a${b}%{c}' }), 'terraform', { region: 'cn-hangzhou' });
    expect(text).toContain('"a$${b}%%{c}"');
  });
});
