// Certificate rotation, planned: replacing certificate A with B on every listener that uses it, as
// its default certificate or as an extra (SNI) one, without ever leaving a listener without a valid
// certificate and without touching any other certificate. The plan is computed from what the
// listener has now, so a rerun after a failure or a crash continues where the last one stopped.
import { certificateKey, sameCertificate } from './certificate-ids.js';
import type { ListenerProtocol, ListenerStatus } from './resources.js';

/** A certificate bound to a listener, as ListListenerCertificates lists it. */
export interface BoundCertificate {
  certificateId: string;
  certificateType: 'Server' | 'Ca';
  isDefault: boolean;
  /** `Associating`, `Associated`, `Diassociating` (the API's spelling). */
  status: string;
}

/** What planning needs to know of a listener: GetListenerAttribute and ListListenerCertificates. */
export interface RotationListener {
  listenerId: string;
  loadBalancerId: string;
  protocol: ListenerProtocol;
  port: number;
  name: string;
  status: ListenerStatus;
  /** The default certificate GetListenerAttribute names, if any. */
  defaultCertificateId?: string;
  certificates: readonly BoundCertificate[];
}

/**
 * One change to one listener, in order. `replaceDefault` is `UpdateListenerAttribute.Certificates`
 * followed until the listener is `Running` again; `associate` and `dissociate` are the extra
 * certificate actions, each followed by its wait step.
 */
export type RotationStep =
  | { kind: 'replaceDefault'; from: string; to: string }
  | { kind: 'associate'; certificateId: string }
  | { kind: 'awaitAssociated'; certificateId: string }
  | { kind: 'dissociate'; certificateId: string }
  | { kind: 'awaitDissociated'; certificateId: string };

export type RotationStepKind = RotationStep['kind'];

/** The steps that call the API (and carry a ClientToken); the others only wait. */
export const CALL_STEPS: ReadonlySet<RotationStepKind> = new Set([
  'replaceDefault',
  'associate',
  'dissociate',
]);

/** How a listener uses A. */
export type RotationRole = 'default' | 'extra' | 'default+extra';

export type UntouchedReason =
  /** HTTP: no certificates at all. */
  | 'noCertificates'
  /** Neither A nor B is bound to it. */
  | 'notUsing'
  /** A is bound only as the CA certificate of mutual TLS: not a server certificate to rotate. */
  | 'caOnly'
  /** The server's precheck (DryRun) refused one of its changes: left as it is for this run. */
  | 'refused';

export type ListenerRotation =
  | {
      listener: RotationListener;
      action: 'change';
      role: RotationRole;
      steps: RotationStep[];
      /** Some of the work was done before (an earlier run, or by hand): this continues it. */
      resuming: boolean;
    }
  /** A is gone and B is there on a listener an earlier run of this rotation took on: nothing left to do. */
  | { listener: RotationListener; action: 'done' }
  | { listener: RotationListener; action: 'untouched'; reason: UntouchedReason };

export interface RotationPlan {
  from: string;
  to: string;
  listeners: ListenerRotation[];
}

const GONE_STATUSES = new Set(['Diassociated', 'Dissociated']);

function servers(listener: RotationListener): BoundCertificate[] {
  return listener.certificates.filter((c) => c.certificateType !== 'Ca' && !GONE_STATUSES.has(c.status));
}

/** The listener's default certificate: ListListenerCertificates' `IsDefault`, else GetListenerAttribute's. */
function defaultOf(listener: RotationListener): string | undefined {
  return servers(listener).find((c) => c.isDefault)?.certificateId ?? listener.defaultCertificateId;
}

function extraOf(listener: RotationListener, id: string): BoundCertificate | undefined {
  return servers(listener).find((c) => !c.isDefault && sameCertificate(c.certificateId, id));
}

/**
 * What rotating `from` to `to` means for one listener. `concerned`: the rotation took this listener
 * on before (it used A when an earlier run of the same rotation planned it), so holding B without A
 * means its rotation is done; any other listener holding B simply never used A.
 */
export function planListener(
  listener: RotationListener,
  from: string,
  to: string,
  concerned = false,
): ListenerRotation {
  const defaultId = defaultOf(listener);
  const aDefault = defaultId !== undefined && sameCertificate(defaultId, from);
  const bDefault = defaultId !== undefined && sameCertificate(defaultId, to);
  const aExtra = extraOf(listener, from);
  const bExtra = extraOf(listener, to);

  const steps: RotationStep[] = [];
  let resuming = false;
  if (aDefault) {
    // B cannot become the default while it is an extra certificate (UpdateListenerAttribute answers
    // ResourceAlreadyAssociated.Certificate): it leaves the extras first, A serving meanwhile.
    if (bExtra) {
      if (bExtra.status === 'Diassociating') resuming = true;
      else steps.push({ kind: 'dissociate', certificateId: bExtra.certificateId });
      steps.push({ kind: 'awaitDissociated', certificateId: bExtra.certificateId });
    }
    steps.push({ kind: 'replaceDefault', from: defaultId, to });
  }
  if (aExtra) {
    // B must serve before A goes, unless B is (or is about to become) the default.
    if (!aDefault && !bDefault) {
      if (bExtra?.status === 'Diassociating') {
        steps.push({ kind: 'awaitDissociated', certificateId: bExtra.certificateId });
        steps.push({ kind: 'associate', certificateId: to });
        steps.push({ kind: 'awaitAssociated', certificateId: to });
      } else if (!bExtra) {
        steps.push({ kind: 'associate', certificateId: to });
        steps.push({ kind: 'awaitAssociated', certificateId: to });
      } else {
        resuming = true;
        if (bExtra.status !== 'Associated')
          steps.push({ kind: 'awaitAssociated', certificateId: bExtra.certificateId });
      }
    } else if (bDefault) {
      resuming = true;
    }
    if (aExtra.status === 'Diassociating') resuming = true;
    else steps.push({ kind: 'dissociate', certificateId: aExtra.certificateId });
    steps.push({ kind: 'awaitDissociated', certificateId: aExtra.certificateId });
  }

  if (steps.length > 0) {
    const role: RotationRole = aDefault && aExtra ? 'default+extra' : aDefault ? 'default' : 'extra';
    return { listener, action: 'change', role, steps, resuming };
  }
  if ((bDefault || bExtra) && concerned) return { listener, action: 'done' };
  if (listener.protocol === 'HTTP') return { listener, action: 'untouched', reason: 'noCertificates' };
  const caOnly = listener.certificates.some(
    (c) => c.certificateType === 'Ca' && sameCertificate(c.certificateId, from),
  );
  return { listener, action: 'untouched', reason: caOnly ? 'caOnly' : 'notUsing' };
}

/**
 * The plan, in the listeners' order: every listener using A (as a server certificate to change, or
 * only as a CA certificate, which it leaves and says so), and the `concerned` ones (those an earlier
 * run of this rotation planned) it finds already on B. Listeners that never used A are not in it,
 * whatever else they hold.
 */
export function planRotation(
  listeners: readonly RotationListener[],
  from: string,
  to: string,
  concerned: Iterable<string> = [],
): RotationPlan {
  const earlier = new Set(concerned);
  return {
    from,
    to,
    listeners: listeners
      .map((l) => planListener(l, from, to, earlier.has(l.listenerId)))
      .filter((l) => l.action !== 'untouched' || l.reason === 'caOnly'),
  };
}

/** The listeners a plan concerns (to change, or done): what a rerun of the same rotation passes on. */
export function concernedBy(plan: RotationPlan): string[] {
  return plan.listeners.filter((l) => l.action !== 'untouched').map((l) => l.listener.listenerId);
}

/** The plan with the listeners `refused` names left as they are (their precheck failed). */
export function leaveOut(plan: RotationPlan, refused: ReadonlySet<string>): RotationPlan {
  if (refused.size === 0) return plan;
  return {
    ...plan,
    listeners: plan.listeners.map((rotation) =>
      rotation.action === 'change' && refused.has(rotation.listener.listenerId)
        ? { listener: rotation.listener, action: 'untouched', reason: 'refused' }
        : rotation,
    ),
  };
}

/** The listeners the plan changes. */
export function changesOf(plan: RotationPlan): Extract<ListenerRotation, { action: 'change' }>[] {
  return plan.listeners.filter(
    (l): l is Extract<ListenerRotation, { action: 'change' }> => l.action === 'change',
  );
}

/**
 * What a step's ClientToken is made from: the same rotation, listener and step always give the same
 * text, so a rerun after a lost reply repeats the call with the token of the first try and the
 * service answers it as the same change.
 */
export function stepTokenSource(
  plan: Pick<RotationPlan, 'from' | 'to'>,
  listenerId: string,
  step: RotationStep,
): string {
  const target = 'certificateId' in step ? step.certificateId : step.to;
  return [
    'rotate',
    certificateKey(plan.from),
    certificateKey(plan.to),
    listenerId,
    step.kind,
    certificateKey(target),
  ].join('|');
}
