// `alb-tui listener certs ID [--add CERT …] [--remove CERT …]`: a listener's certificates (default,
// extra, CA) with their domains and expiry; or extra certificates added (15 a call, each followed to
// Associated) and then removed (followed until gone), after showing what changes and asking.
import { randomUUID } from 'node:crypto';
import type { AlbClient, ListenerCertificate } from '../alb/client.js';
import { isDryRunPassed } from '../alb/client.js';
import { chunk } from '../alb/concurrency.js';
import { isAlbError } from '../alb/errors.js';
import { resolveCertificate, sameCertificate } from '../domain/certificate-ids.js';
import { certificateState } from '../domain/listener-rules.js';
import type { Certificate, Listener } from '../domain/resources.js';
import { listOption, type ParsedArgs } from './args.js';
import {
  EXIT,
  failure,
  printJson,
  printLines,
  printWarnings,
  signalOf,
  usageError,
  writeJsonLine,
  emit,
  type CommandContext,
} from './context.js';
import { callFailure } from './errors.js';
import { confirmChange, needsAsking, send, writableConnection } from './listener-change-common.js';
import { changeMessages as m } from './listener-change-messages.js';
import { renderTable } from './table.js';

/** The API's limit on certificates per association call. */
const CERTIFICATES_PER_CALL = 15;

export interface CertificateRow extends ListenerCertificate {
  casId?: number;
  commonName?: string;
  sans?: string[];
  endDate?: string;
  daysLeft?: number;
}

async function listenerCertificates(client: AlbClient, listener: Listener, context: CommandContext) {
  if (listener.listenerProtocol === 'HTTP') return [];
  try {
    return await client.listListenerCertificates(listener.listenerId, signalOf(context));
  } catch (error) {
    if (isAlbError(error) && error.kind === 'invalid') return [];
    throw error;
  }
}

function describe(bound: ListenerCertificate, known: readonly Certificate[], now: number): CertificateRow {
  const found = known.find((c) => sameCertificate(c.certificateId, bound.certificateId));
  if (!found) return { ...bound };
  return {
    ...bound,
    casId: found.casId,
    commonName: found.commonName,
    sans: found.sans,
    endDate: found.endDate,
    daysLeft: certificateState(found, now).daysLeft,
  };
}

function certificateTable(rows: readonly CertificateRow[], context: CommandContext): string[] {
  const { lang } = context;
  return renderTable(
    rows,
    [
      { header: m.labels.certificate, value: (r) => r.certificateId, max: 32 },
      {
        header: m.labels.role,
        value: (r) =>
          (r.certificateType === 'Ca' ? m.roles.ca : r.isDefault ? m.roles.default : m.roles.extra)[lang],
        max: 12,
      },
      { header: m.labels.status, value: (r) => r.status, max: 14 },
      { header: m.labels.domain, value: (r) => r.commonName, max: 40 },
      {
        header: m.labels.expires,
        value: (r) => (r.endDate ? `${r.endDate.slice(0, 10)} (${r.daysLeft ?? '?'})` : undefined),
        max: 20,
      },
    ],
    lang,
  );
}

export async function certs(context: CommandContext, args: ParsedArgs, listenerId: string): Promise<number> {
  const { io, lang } = context;
  const adds = listOption(args, 'add').flatMap((v) => v.split(','));
  const removes = listOption(args, 'remove').flatMap((v) => v.split(','));
  const changing = adds.length > 0 || removes.length > 0;
  const ask = changing && needsAsking(context, args, 'certs');
  const connection = changing ? await writableConnection(context) : await context.connect();
  const { client } = connection;
  const [listener, known] = await Promise.all([
    client.getListener(listenerId, signalOf(context)),
    client.listCertificates(signalOf(context)),
  ]);
  const bound = await listenerCertificates(client, listener, context);
  const now = Date.now();

  if (!changing) {
    const rows = bound.map((c) => describe(c, known, now));
    if (context.json) await printJson(context, { listenerId, certificates: rows });
    else await printLines(io.stdout, certificateTable(rows, context));
    return EXIT.ok;
  }

  if (listener.listenerProtocol !== 'HTTPS')
    throw failure(m.certsNotHttps(listener.listenerProtocol), {
      errorCode: 'OperationDenied.HttpListenerNotSupport',
    });
  const servers = bound.filter((c) => c.certificateType !== 'Ca');
  const problems = [];
  const warnings: string[] = [];
  const toAdd: Certificate[] = [];
  for (const name of adds) {
    const resolved = resolveCertificate(name, known);
    if (!resolved.ok) {
      problems.push(resolved.message);
      continue;
    }
    const certificate = resolved.certificate;
    if (servers.some((c) => sameCertificate(c.certificateId, certificate.certificateId))) {
      warnings.push(m.alreadyBound(certificate.certificateId)[lang]);
      continue;
    }
    if (!toAdd.some((c) => c.certificateId === certificate.certificateId)) toAdd.push(certificate);
  }
  const toRemove: string[] = [];
  for (const name of removes) {
    const found = servers.find((c) => sameCertificate(c.certificateId, name));
    if (!found) problems.push(m.notBound(name.trim()));
    else if (found.isDefault) problems.push(m.removeDefault(found.certificateId));
    else if (toAdd.some((c) => sameCertificate(c.certificateId, found.certificateId)))
      problems.push(m.addAndRemove(found.certificateId));
    else if (!toRemove.includes(found.certificateId)) toRemove.push(found.certificateId);
  }
  if (problems.length > 0) throw usageError(problems);
  await printWarnings(context, warnings);
  if (toAdd.length === 0 && toRemove.length === 0) {
    if (context.json) await printJson(context, { listenerId, added: [], removed: [] });
    else await printLines(io.stdout, [m.nothingToChange(listenerId)[lang]]);
    return EXIT.ok;
  }

  const planLines = [
    ...toAdd.map(
      (c) => `  + ${m.adding[lang]} ${c.certificateId} (${c.commonName}, ${c.endDate.slice(0, 10)})`,
    ),
    ...toRemove.map((id) => `  - ${m.removing[lang]} ${id}`),
  ];
  if (ask) {
    await printLines(io.stderr, [m.willChangeCerts(listenerId)[lang], ...planLines]);
    await confirmChange(context, connection, listener, (where) => m.confirmCerts(where)[lang]);
  }
  const onStatus = (certificateId: string, status: string) => {
    void (context.json
      ? writeJsonLine(io.stderr, { listenerId, certificateId, status })
      : emit(io.stderr, `${m.certificateStatus(certificateId, status)[lang]}\n`));
  };
  // Additions first: a listener never serves fewer names than before while the change runs.
  for (const [ids, until] of [
    ...chunk(
      toAdd.map((c) => c.certificateId),
      CERTIFICATES_PER_CALL,
    ).map((ids) => [ids, 'Associated'] as const),
    ...chunk(toRemove, CERTIFICATES_PER_CALL).map((ids) => [ids, 'gone'] as const),
  ]) {
    const clientToken = randomUUID();
    const change = await send(context, listenerId, clientToken, async () => {
      const options = { clientToken, ...signalOf(context) };
      const result =
        until === 'Associated'
          ? await client.associateCertificates(listenerId, ids, options)
          : await client.dissociateCertificates(listenerId, ids, options);
      if (isDryRunPassed(result)) throw failure(m.changeFailed('dry run answer'));
      return result;
    });
    try {
      await client.waitForCertificates(listenerId, ids, {
        until,
        jobId: change.jobId,
        onStatus,
        ...signalOf(context),
      });
    } catch (error) {
      throw callFailure(error, (reason) => m.waitFailed(listenerId, reason), lang);
    }
  }
  if (context.json)
    await printJson(context, {
      listenerId,
      added: toAdd.map((c) => c.certificateId),
      removed: toRemove,
    });
  else await printLines(io.stdout, [...planLines, m.certsDone(listenerId)[lang]]);
  return EXIT.ok;
}
