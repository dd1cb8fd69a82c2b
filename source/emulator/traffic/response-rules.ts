// A listener's Response-direction rules on the backend's answer: which applies and what it does are
// the domain's (domain/rule-response.ts, shared with the tester and `rules test`); here the edits are
// made to the headers about to go to the client.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import {
  compileResponseRules as compileDomainResponseRules,
  findResponseRule,
  responseEdits,
  type CompiledResponseRule,
  type HeaderLookup,
} from '../../domain/rule-response.js';
import type { Rule } from '../../domain/rule-types.js';

export type ResponseRule = CompiledResponseRule<Rule>;

function lookupOf(headers: IncomingHttpHeaders): HeaderLookup {
  return (name) => {
    const value = headers[name];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  };
}

export function compileResponseRules(rules: readonly Rule[]): ResponseRule[] {
  return compileDomainResponseRules(rules);
}

/** Applies the first matching Response rule's header actions to the headers about to go to the client. */
export function applyResponseRules(
  rules: readonly ResponseRule[],
  status: number,
  incoming: IncomingHttpHeaders,
  outgoing: OutgoingHttpHeaders,
): Rule | undefined {
  const headers = lookupOf(incoming);
  const taking = findResponseRule(rules, status, headers);
  if (!taking) return undefined;
  for (const edit of responseEdits(taking.actions, headers)) {
    if (edit.type === 'InsertHeader') outgoing[edit.key.toLowerCase()] = edit.value;
    else delete outgoing[edit.key.toLowerCase()];
  }
  return taking.rule;
}
