// A listener profile applied to a listener that exists: the profile's settings laid over the
// listener's (protocol, port and name kept), its hints resolved on the listener's own instance as for
// a new listener, and the change planned as a diff — only the fields the profile sets that differ —
// checked by the update rules. Pure: facts in, a plan out.
import { headersFor } from '../domain/fields.js';
import { both, type Localized } from '../domain/i18n.js';
import { diffListener, listenerToDraft, type ListenerDiff } from '../domain/listener-diff.js';
import type { ListenerDraft } from '../domain/listener-draft.js';
import { blocking, type TargetContext } from '../domain/listener-rules.js';
import type { Listener } from '../domain/resources.js';
import { busyRefusal, validateUpdate, type UpdateContext } from '../domain/update-rules.js';
import { applyProfile, fieldStillNeeded, labelled, type HintResolution } from './profile-apply.js';
import type { ListenerProfile, ProfileHints } from './schema.js';

/** What applying a profile to one existing listener would do. */
export type UpdatePlan =
  | {
      kind: 'update';
      /** Only the changed fields, old → new, and the request that sends just those. */
      diff: ListenerDiff;
      /** Worth knowing, never blocking: a certificate about to expire, a rule's warning. */
      notes: Localized[];
      /** Names for the IDs in the diff (certificates, server groups, QUIC listeners), for the review. */
      names: Readonly<Record<string, string>>;
    }
  /** The listener already has every setting the profile sets. */
  | { kind: 'same' }
  /** A protocol the profile is not for, a busy listener, a hint that does not resolve, a rule broken. */
  | { kind: 'blocked'; problems: Localized[] };

export const profileUpdateMessages = {
  otherProtocol(profile: string, listener: string): Localized {
    return both(
      `The profile is for ${profile} listeners; this one is ${listener} (a listener's protocol cannot change)`,
      `模板用于 ${profile} 监听，该监听为 ${listener}（监听协议不可修改）`,
    );
  },
};

/** The hint the profile gives for each pick, if any: without one, the listener keeps its own. */
function hinted(hints: ProfileHints, resolution: HintResolution): boolean {
  switch (resolution.hint) {
    case 'certificate':
      return hints.certificate !== undefined;
    case 'caCertificate':
      return hints.caCertificate !== undefined;
    case 'serverGroup':
      return hints.serverGroup !== undefined;
    case 'quicListener':
      return hints.quicListener !== undefined;
    case 'securityPolicy':
      return true;
  }
}

type PickField = 'certificateId' | 'caCertificateId' | 'serverGroupId' | 'quicListenerId';

const PICK: Partial<Record<HintResolution['hint'], PickField>> = {
  certificate: 'certificateId',
  caCertificate: 'caCertificateId',
  serverGroup: 'serverGroupId',
  quicListener: 'quicListenerId',
};

/** The listener's draft with the profile's settings over it; protocol, port and name stay. */
function laidOver(original: ListenerDraft, fromProfile: ListenerDraft): ListenerDraft {
  const edited: ListenerDraft = {
    ...original,
    headers: { ...original.headers },
    headerAliases: { ...original.headerAliases },
    idleTimeout: fromProfile.idleTimeout,
    requestTimeout: fromProfile.requestTimeout,
    gzip: fromProfile.gzip,
  };
  for (const spec of headersFor(original.protocol)) edited.headers[spec.key] = fromProfile.headers[spec.key];
  if (original.protocol === 'HTTPS') {
    edited.http2 = fromProfile.http2;
    edited.headerAliases = { ...fromProfile.headerAliases };
    edited.securityPolicyId = fromProfile.securityPolicyId;
    edited.quicUpgrade = fromProfile.quicUpgrade;
    edited.mutualTls = fromProfile.mutualTls;
  }
  return edited;
}

/** What the review calls a picked ID: a certificate's domain, a server group's name, `QUIC 443`. */
function nameOf(id: string, context: TargetContext): string | undefined {
  const certificate = context.certificates.find((c) => c.certificateId === id);
  if (certificate) return certificate.commonName || certificate.name || undefined;
  const group = context.serverGroups.find((g) => g.serverGroupId === id);
  if (group) return group.serverGroupName || undefined;
  const quic = context.listeners.find((l) => l.listenerId === id);
  return quic ? `${quic.protocol} ${quic.port}` : undefined;
}

function dedupe(list: readonly Localized[]): Localized[] {
  const seen = new Set<string>();
  return list.filter((message) => !seen.has(message.en) && seen.add(message.en));
}

/**
 * The update that makes `listener` what `profile` describes, on the instance `context` describes
 * (read with the listener among its listeners). Hints resolve as for a new listener: a certificate by
 * its domain, a server group by name, the QUIC listener by port; a pick the profile has no hint for
 * is left as the listener has it; one that several candidates fit keeps the listener's own when it is
 * one of them, and is flagged otherwise.
 */
export function planProfileUpdate(
  profile: Pick<ListenerProfile, 'listener' | 'hints'>,
  listener: Listener,
  context: UpdateContext,
): UpdatePlan {
  const protocol = listener.listenerProtocol;
  if (profile.listener.protocol !== protocol)
    return {
      kind: 'blocked',
      problems: [profileUpdateMessages.otherProtocol(profile.listener.protocol, protocol)],
    };
  const busy = busyRefusal(listener);
  if (busy) return { kind: 'blocked', problems: [busy.message] };

  // The listener is not its own neighbour: its QUIC listener is not "already associated" elsewhere.
  const others: TargetContext = {
    ...context,
    listeners: context.listeners.filter((l) => l.listenerId !== listener.listenerId),
  };
  const { draft: fromProfile, resolutions } = applyProfile(profile, others);
  const original = listenerToDraft(listener);
  const edited = laidOver(original, fromProfile);

  const problems: Localized[] = [];
  const notes: Localized[] = [];
  const names: Record<string, string> = {};
  for (const resolution of resolutions) {
    const field = PICK[resolution.hint];
    if (!field) {
      // The TLS policy comes from the settings; its resolution only says whether it can be used here.
      if (resolution.status !== 'resolved' && edited.securityPolicyId !== original.securityPolicyId)
        problems.push(labelled(resolution.field, resolution.reason));
      continue;
    }
    if (!fieldStillNeeded(field, edited) || !hinted(profile.hints, resolution)) continue;
    if (resolution.status === 'resolved') {
      edited[field] = resolution.id;
      if (resolution.note) notes.push(resolution.note);
    } else if (
      resolution.status === 'ambiguous' &&
      resolution.candidates.some((candidate) => candidate.id === original[field])
    ) {
      // Several fit and the listener already has one of them: it stays.
      continue;
    } else {
      problems.push(labelled(resolution.field, resolution.reason));
    }
  }
  for (const field of Object.values(PICK))
    for (const id of [original[field], edited[field]]) {
      const name = id ? nameOf(id, context) : undefined;
      if (name) names[id] = name;
    }
  if (problems.length > 0) return { kind: 'blocked', problems: dedupe(problems) };

  const diff = diffListener(listener.listenerId, original, edited);
  if (diff.changes.length === 0) return { kind: 'same' };
  const violations = validateUpdate(listener, diff.request, context);
  const broken = blocking(violations);
  if (broken.length > 0)
    return { kind: 'blocked', problems: dedupe(broken.map((v) => labelled(v.field, v.message))) };
  for (const v of violations) if (v.severity === 'warning') notes.push(labelled(v.field, v.message));
  return { kind: 'update', diff, notes: dedupe(notes), names };
}
