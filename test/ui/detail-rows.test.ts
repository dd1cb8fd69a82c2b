import { describe, expect, it } from 'vitest';
import { cellWidth } from '../../source/domain/text.js';
import { detailRows, type DetailRow } from '../../source/ui/detail/detail-rows.js';
import type { DetailLine } from '../../source/ui/detail/listener-detail.js';

const width = (row: DetailRow) =>
  row.kind === 'field'
    ? cellWidth(row.label + row.value + row.note)
    : row.kind === 'blank'
      ? 0
      : cellWidth(row.text);

describe('detail rows', () => {
  const sans = Array.from({ length: 12 }, (_, i) => `host-${i}.example.com`).join(', ');
  const lines: DetailLine[] = [
    { kind: 'heading', text: 'Certificates' },
    { kind: 'text', text: `default  1001-cn-hangzhou  ${'very-long-certificate-name-'.repeat(4)}` },
    { kind: 'field', label: '  SANs', value: sans },
    { kind: 'field', label: 'TLS security policy', value: 'tls_cipher_policy_1_2', note: 'TLSv1.2, TLSv1.3' },
    { kind: 'blank' },
  ];

  it('wraps a long value in its own column, the label on its first row only', () => {
    const rows = detailRows(lines, 80);
    for (const row of rows) expect(width(row)).toBeLessThanOrEqual(80);
    const sanRows = rows.filter((row) => row.kind === 'field' && row.value.includes('host-'));
    expect(sanRows.length).toBeGreaterThan(1);
    expect(sanRows.map((row) => (row.kind === 'field' ? row.value : '')).join(' ')).toBe(sans);
    const [first, ...rest] = sanRows;
    expect(first).toMatchObject({ label: expect.stringContaining('SANs') });
    for (const row of rest) expect(row).toMatchObject({ label: expect.stringMatching(/^ +$/) });
    // Continued text stands further in.
    const texts = rows.filter((row) => row.kind === 'text');
    expect(texts.length).toBeGreaterThan(1);
    expect(texts[1]).toMatchObject({ text: expect.stringMatching(/^ {5}\S/) });
  });

  it('keeps a note beside its value when it fits, else on a row of its own', () => {
    const wide = detailRows(lines, 120).find(
      (row) => row.kind === 'field' && row.value === 'tls_cipher_policy_1_2',
    );
    expect(wide).toMatchObject({ note: '  TLSv1.2, TLSv1.3' });
    const narrow = detailRows(lines, 44);
    const at = narrow.findIndex((row) => row.kind === 'field' && row.value === 'tls_cipher_policy_1_2');
    expect(narrow[at]).toMatchObject({ note: '' });
    expect(narrow[at + 1]).toMatchObject({ kind: 'field', value: '', note: 'TLSv1.2, TLSv1.3' });
    for (const row of narrow) expect(width(row)).toBeLessThanOrEqual(44);
  });
});
