import { describe, expect, it } from 'vitest';
import { mergeEdit, resolveConflict } from '../../source/domain/edit-merge.js';
import { diffListener, listenerToDraft } from '../../source/domain/listener-diff.js';
import type { ListenerDraft } from '../../source/domain/listener-draft.js';
import { httpsListener } from './fixtures.js';

const base: ListenerDraft = listenerToDraft(httpsListener());
const edited = (changes: Partial<ListenerDraft>): ListenerDraft => ({ ...base, ...changes });

describe('three-way merge of a resumed edit', () => {
  it('nothing changed anywhere: the form is mine, nothing taken, no conflict', () => {
    expect(mergeEdit(base, base, base)).toEqual({ draft: base, taken: [], conflicts: [] });
  });

  it('changed only in the edit: mine is kept, silently', () => {
    const mine = edited({ idleTimeout: '30' });
    const merge = mergeEdit(base, mine, base);
    expect(merge.draft.idleTimeout).toBe('30');
    expect(merge.taken).toEqual([]);
    expect(merge.conflicts).toEqual([]);
    expect(diffListener('lsn-https443', base, merge.draft).request).toEqual({
      listenerId: 'lsn-https443',
      idleTimeout: 30,
    });
  });

  it('changed only on the server: taken into the form and named', () => {
    const mine = edited({ gzip: false });
    const theirs = edited({ idleTimeout: '30' });
    const merge = mergeEdit(base, mine, theirs);
    expect(merge.draft.idleTimeout).toBe('30');
    expect(merge.draft.gzip).toBe(false);
    expect(merge.taken).toEqual([{ field: 'idleTimeout', parameter: 'idleTimeout', base: 15, theirs: 30 }]);
    expect(merge.conflicts).toEqual([]);
    // Sent: only what differs from the listener now, so the server's change is not reverted.
    expect(diffListener('lsn-https443', theirs, merge.draft).request).toEqual({
      listenerId: 'lsn-https443',
      gzipEnabled: false,
    });
  });

  it('changed on both sides to the same value: no conflict, nothing left to send', () => {
    const mine = edited({ idleTimeout: '30' });
    const theirs = edited({ idleTimeout: '30' });
    const merge = mergeEdit(base, mine, theirs);
    expect(merge.conflicts).toEqual([]);
    expect(merge.taken).toEqual([]);
    expect(diffListener('lsn-https443', theirs, merge.draft).changes).toEqual([]);
  });

  it('the same value written differently (blank = default, default name) is the same', () => {
    const merge = mergeEdit(base, edited({ requestTimeout: '' }), edited({ requestTimeout: '60' }));
    expect(merge.conflicts).toEqual([]);
  });

  it('changed on both sides to different values: a conflict, mine held until resolved', () => {
    const mine = edited({ idleTimeout: '45', serverGroupId: 'sgp-mine' });
    const theirs = edited({ idleTimeout: '30', serverGroupId: 'sgp-theirs' });
    const merge = mergeEdit(base, mine, theirs);
    expect(merge.conflicts).toEqual([
      { field: 'idleTimeout', parameter: 'idleTimeout', base: 15, theirs: 30, mine: 45 },
      {
        field: 'serverGroupId',
        parameter: 'defaultActions',
        base: 'sgp-http',
        theirs: 'sgp-theirs',
        mine: 'sgp-mine',
      },
    ]);
    expect(merge.draft.idleTimeout).toBe('45');
    const sides = { theirs, mine };
    let draft = resolveConflict(merge.draft, 'idleTimeout', 'theirs', sides);
    draft = resolveConflict(draft, 'serverGroupId', 'mine', sides);
    expect(draft.idleTimeout).toBe('30');
    expect(diffListener('lsn-https443', theirs, draft).request).toEqual({
      listenerId: 'lsn-https443',
      defaultActions: [
        { type: 'ForwardGroup', forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: 'sgp-mine' }] } },
      ],
    });
    // Picking mine again after theirs restores what was kept.
    expect(resolveConflict(draft, 'idleTimeout', 'mine', sides).idleTimeout).toBe('45');
  });

  it('a field removed on the server: taken when the edit left it, a conflict when the edit changed it', () => {
    const withCa = listenerToDraft(
      httpsListener({
        caEnabled: true,
        caCertificates: [{ certificateId: 'ca-1', isDefault: true, status: 'Associated' }],
      }),
    );
    const theirs = { ...withCa, mutualTls: false, caCertificateId: '' };
    const untouched = mergeEdit(withCa, { ...withCa, gzip: false }, theirs);
    expect(untouched.conflicts).toEqual([]);
    expect(untouched.taken.map((t) => [t.field, t.base, t.theirs])).toEqual([
      ['mutualTls', true, false],
      ['caCertificateId', 'ca-1', ''],
    ]);
    expect(untouched.draft.mutualTls).toBe(false);

    const changedCa = mergeEdit(withCa, { ...withCa, caCertificateId: 'ca-2' }, theirs);
    expect(changedCa.conflicts).toEqual([
      { field: 'caCertificateId', parameter: 'caCertificates', base: 'ca-1', theirs: '', mine: 'ca-2' },
    ]);
  });

  it('a field removed in the edit while the server changed it: a conflict', () => {
    const withCa = listenerToDraft(
      httpsListener({
        caEnabled: true,
        caCertificates: [{ certificateId: 'ca-1', isDefault: true, status: 'Associated' }],
      }),
    );
    const mine = { ...withCa, mutualTls: false };
    const theirs = { ...withCa, caCertificateId: 'ca-2' };
    const merge = mergeEdit(withCa, mine, theirs);
    expect(merge.conflicts).toEqual([
      { field: 'caCertificateId', parameter: 'caCertificates', base: 'ca-1', theirs: 'ca-2', mine: '' },
    ]);
  });

  it('the same header switched off on both sides is no conflict; the server’s other header is taken', () => {
    const mine = edited({ headers: { ...base.headers, xForwardedFor: false } });
    const theirs = edited({ headers: { ...base.headers, xForwardedFor: false, slbId: true } });
    const merge = mergeEdit(base, mine, theirs);
    expect(merge.conflicts).toEqual([]);
    expect(merge.taken.map((t) => t.field)).toEqual(['header.slbId']);
    expect(merge.draft.headers.slbId).toBe(true);
    expect(merge.draft.headers.xForwardedFor).toBe(false);
  });

  it('headers are compared one by one: different headers on each side do not conflict', () => {
    const mine = edited({ headers: { ...base.headers, slbId: true } });
    const theirs = edited({ headers: { ...base.headers, proto: false } });
    const merge = mergeEdit(base, mine, theirs);
    expect(merge.conflicts).toEqual([]);
    expect(merge.draft.headers).toMatchObject({ slbId: true, proto: false });
  });

  it('the QUIC upgrade and its listener are one part', () => {
    const theirs = edited({ quicUpgrade: true, quicListenerId: 'lsn-quic-a' });
    const mine = edited({ quicUpgrade: true, quicListenerId: 'lsn-quic-b' });
    expect(mergeEdit(base, mine, theirs).conflicts).toEqual([
      {
        field: 'quicUpgrade',
        parameter: 'quicConfig',
        base: false,
        theirs: 'lsn-quic-a',
        mine: 'lsn-quic-b',
      },
    ]);
  });
});
