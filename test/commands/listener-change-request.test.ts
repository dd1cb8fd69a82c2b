// listener update's request: the listener read back, the pairs applied, only what differs sent.
import { describe, expect, it } from 'vitest';
import {
  listenerToDraft,
  listenerToRequest,
  updateDiffRows,
  updateRequestBetween,
} from '../../source/commands/listener-change-request.js';
import { draftToRequest } from '../../source/domain/listener-draft.js';
import { listener } from '../ui/fake-client.js';

describe('updateRequestBetween', () => {
  const https = listener('lsn-1', 'alb-1', 'HTTPS', 443, 'web', { caEnabled: false });

  it('a listener read back into a draft and out again is unchanged: nothing to send', () => {
    const before = listenerToRequest(https);
    const after = draftToRequest(listenerToDraft(https), https.loadBalancerId);
    expect(updateRequestBetween('lsn-1', before, after)).toBeUndefined();
  });

  it('sends only the fields that differ, and of the headers only the switches that differ', () => {
    const draft = listenerToDraft(https);
    draft.idleTimeout = '30';
    draft.headers.slbId = true;
    const before = listenerToRequest(https);
    const request = updateRequestBetween('lsn-1', before, draftToRequest(draft, 'alb-1'));
    expect(request).toEqual({
      listenerId: 'lsn-1',
      idleTimeout: 30,
      XForwardedForConfig: { XForwardedForSLBIdEnabled: true },
    });
    const rows = updateDiffRows(before, request!, 'en').map(([label, value]) => `${label.en}: ${value}`);
    expect(rows).toEqual([expect.stringMatching(/: 15 s → 30 s$/), expect.stringMatching(/: off → on$/)]);
  });

  it('a new default certificate is the only certificate field sent', () => {
    const draft = listenerToDraft(https);
    draft.certificateId = '2002-cn-hangzhou';
    const request = updateRequestBetween('lsn-1', listenerToRequest(https), draftToRequest(draft, 'alb-1'));
    expect(request).toEqual({ listenerId: 'lsn-1', certificates: [{ certificateId: '2002-cn-hangzhou' }] });
  });
});
