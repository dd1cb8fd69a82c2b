// A listener's certificates: ListListenerCertificates (the default, the extra (SNI) ones and the CA
// ones), AssociateAdditionalCertificatesWithListener and DissociateAdditionalCertificatesFromListener.
// Associations are asynchronous: `Associating` → `Associated`; dissociations `Diassociating` (ALB's
// own spelling) → gone; the listener is `Configuring` meanwhile, so one listener takes one change at
// a time while different listeners change in parallel.
import type { Args } from './args.js';
import { paginate } from './args.js';
import { ApiError, invalidParameter, missingParameter, notFound } from './errors.js';
import { runChange, type ActionTable, type ListenerChangeHost } from './listener-actions.js';
import type { PendingTransition, StoredListener } from './state.js';

export const MAX_CERTIFICATES_PER_CALL = 15;
/**
 * Extra certificates one instance may hold (`ResourceQuotaExceeded.LoadBalancerCertificatesNum`); the
 * metadata names the code but not the number, so this is the local ALB's choice.
 */
export const EXTRA_CERTIFICATE_QUOTA = 25;

export function listenerCertificateActions(host: ListenerChangeHost): ActionTable {
  const certificateIds = (args: Args): string[] => {
    const byIndex = new Map<number, string>();
    for (const [key, value] of Object.entries(args.params)) {
      const match = /^Certificates\.(\d+)\.CertificateId$/.exec(key);
      if (match) byIndex.set(Number(match[1]), value.trim());
      else if (key.startsWith('Certificates'))
        throw invalidParameter(key, 'expected Certificates.N.CertificateId');
    }
    const out = [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, id]) => id);
    if (out.length === 0) throw missingParameter('Certificates');
    if (out.length > MAX_CERTIFICATES_PER_CALL)
      throw invalidParameter('Certificates', `at most ${MAX_CERTIFICATES_PER_CALL} certificates a call`);
    if (new Set(out).size !== out.length)
      throw invalidParameter('Certificates', 'a certificate is named twice');
    if (out.some((id) => id === '')) throw missingParameter('Certificates.N.CertificateId');
    return out;
  };

  const httpRefusal = (listener: StoredListener) => {
    if (listener.listenerProtocol === 'HTTP')
      throw new ApiError(
        'OperationDenied.HttpListenerNotSupport',
        400,
        `The operation is not allowed because of listener ${listener.listenerId} uses HTTP.`,
      );
  };

  return {
    ListListenerCertificates(args) {
      const listener = host.findListener(args.required('ListenerId'));
      const type = args.oneOf('CertificateType', ['Ca', 'Server'] as const);
      const ids = args.list('CertificateIds', 20);
      httpRefusal(listener);
      const all = [
        ...(listener.certificates ?? []).slice(0, 1).map((c) => ({
          CertificateId: c.certificateId,
          CertificateType: 'Server',
          IsDefault: true,
          Status: 'Associated',
        })),
        ...(listener.extraCertificates ?? []).map((c) => ({
          CertificateId: c.certificateId,
          CertificateType: 'Server',
          IsDefault: false,
          Status: c.status,
        })),
        ...(listener.caCertificates ?? []).map((c) => ({
          CertificateId: c.certificateId,
          CertificateType: 'Ca',
          IsDefault: c.isDefault,
          Status: c.status,
        })),
      ];
      const matching = all.filter(
        (c) => (!type || c.CertificateType === type) && (ids.length === 0 || ids.includes(c.CertificateId)),
      );
      const page = paginate(matching, args, 'ListListenerCertificates');
      return { Certificates: page.items, ...page.paging };
    },

    AssociateAdditionalCertificatesWithListener: (args) =>
      runChange(
        host,
        'AssociateAdditionalCertificatesWithListener',
        'associate',
        args,
        (listener) => {
          httpRefusal(listener);
          const ids = certificateIds(args);
          const defaultId = listener.certificates?.[0]?.certificateId;
          if (defaultId === undefined)
            throw new ApiError(
              'OperationFailed.DefaultCertificateNotFound',
              400,
              `The operation failed because of listener ${listener.listenerId} has no default certificate.`,
            );
          for (const id of ids) {
            const known = host.state.certificates.find((c) => c.certificateId === id);
            if (!known) throw notFound('Certificate', id);
            if (known.isCa)
              throw invalidParameter('Certificates', `${id} is a CA certificate, not a server one`);
            if (id === defaultId)
              throw new ApiError(
                'OperationDenied.DefaultCertificateUsed',
                400,
                `The operation is not allowed because of ${id} is the default certificate.`,
              );
            if (listener.extraCertificates?.some((c) => c.certificateId === id))
              throw new ApiError(
                'ResourceAlreadyAssociated.Certificate',
                400,
                `The specified resource ${id} is already associated.`,
              );
          }
          const onInstance = host.state.listeners
            .filter((l) => l.loadBalancerId === listener.loadBalancerId)
            .reduce((sum, l) => sum + (l.extraCertificates?.length ?? 0), 0);
          if (onInstance + ids.length > EXTRA_CERTIFICATE_QUOTA)
            throw new ApiError(
              'ResourceQuotaExceeded.LoadBalancerCertificatesNum',
              400,
              `The quota of LoadBalancerCertificatesNum is exceeded for resource ${listener.loadBalancerId}, usage ${onInstance}/${EXTRA_CERTIFICATE_QUOTA}.`,
            );
          return { certificateIds: ids };
        },
        { instanceStatus: false, begin: beginCertificateChange },
      ),

    DissociateAdditionalCertificatesFromListener: (args) =>
      runChange(
        host,
        'DissociateAdditionalCertificatesFromListener',
        'dissociate',
        args,
        (listener) => {
          httpRefusal(listener);
          const ids = certificateIds(args);
          for (const id of ids) {
            if (id === listener.certificates?.[0]?.certificateId)
              throw new ApiError(
                'OperationDenied.DefaultCertificateUsed',
                400,
                `The operation is not allowed because of ${id} is the default certificate.`,
              );
            if (!listener.extraCertificates?.some((c) => c.certificateId === id && c.status === 'Associated'))
              throw new ApiError(
                'ResourceNotAssociated.Certificate',
                400,
                `The specified resource ${id} is not associated.`,
              );
          }
          return { certificateIds: ids };
        },
        { instanceStatus: false, begin: beginCertificateChange },
      ),
  };
}

/** What an association or dissociation shows while it runs (once the change is accepted). */
function beginCertificateChange(transition: PendingTransition, listener: StoredListener): void {
  const ids = transition.certificateIds ?? [];
  if (transition.kind === 'associate') {
    listener.extraCertificates = [
      ...(listener.extraCertificates ?? []),
      ...ids.map((certificateId) => ({ certificateId, status: 'Associating' as const })),
    ];
  } else if (transition.kind === 'dissociate') {
    for (const extra of listener.extraCertificates ?? [])
      if (ids.includes(extra.certificateId)) extra.status = 'Diassociating';
  }
}

/** Completes an association or dissociation; a failed one leaves the certificates as they were. */
export function settleCertificateChange(transition: PendingTransition, listener: StoredListener): void {
  const ids = new Set(transition.certificateIds ?? []);
  const failed = transition.failure !== undefined;
  const extras = listener.extraCertificates ?? [];
  if (transition.kind === 'associate') {
    listener.extraCertificates = failed
      ? extras.filter((c) => !(ids.has(c.certificateId) && c.status === 'Associating'))
      : extras.map((c) => (ids.has(c.certificateId) ? { ...c, status: 'Associated' as const } : c));
  } else {
    listener.extraCertificates = failed
      ? extras.map((c) => (ids.has(c.certificateId) ? { ...c, status: 'Associated' as const } : c))
      : extras.filter((c) => !ids.has(c.certificateId));
  }
  listener.listenerStatus = transition.returnTo ?? 'Running';
}
