import { describe, expect, it } from 'vitest';
import { cellWidth } from '../../source/domain/text.js';
import { headerText, type HeaderText } from '../../source/ui/components/header-layout.js';
import type { Connection } from '../../source/ui/connection.js';

const line = (text: HeaderText) =>
  text.product + text.where + text.readOnly + text.gap + text.refresh + text.help;

const CLOUD: Connection = {
  kind: 'cloud',
  region: 'cn-shanghai',
  profile: 'prod-shanghai-payments',
  endpoint: 'https://alb.cn-shanghai.aliyuncs.com',
  production: true,
};
const LOCAL: Connection = { kind: 'local', region: 'cn-hangzhou', profile: '本地开发-杭州' };
const READ_ONLY: Connection = { ...CLOUD, profile: 'audit', readOnly: true };

describe('the header at any width', () => {
  for (const connection of [CLOUD, LOCAL, READ_ONLY]) {
    for (const lang of ['en', 'zh-CN'] as const) {
      it(`keeps the connection's name to the last (${connection.profile}, ${lang})`, () => {
        const refresh = lang === 'en' ? '↻ 10 s' : '↻ 10 秒';
        const name = lang === 'en' ? `profile ${connection.profile}` : `配置 ${connection.profile}`;
        const kind =
          connection.kind === 'local'
            ? lang === 'en'
              ? 'local ALB'
              : '本地 ALB'
            : lang === 'en'
              ? 'Alibaba Cloud'
              : '阿里云';
        let previous: HeaderText | undefined;
        for (let columns = 60; columns <= 160; columns += 1) {
          const text = headerText(connection, lang, columns, refresh);
          expect(cellWidth(line(text))).toBe(columns);
          const shows = {
            endpoint: connection.endpoint !== undefined && text.where.includes(connection.endpoint),
            refresh: text.refresh !== '',
            help: text.help !== '',
            product: text.product.includes('alb-tui'),
            kind: text.where.includes(kind),
            region: text.where.includes(connection.region),
            name: text.where.endsWith(name),
          };
          // Each part shows only while everything that goes after it shows too.
          const order = ['endpoint', 'refresh', 'help', 'product', 'kind', 'region', 'name'] as const;
          order.forEach((part, index) => {
            if (shows[part] && (part !== 'endpoint' || connection.kind === 'cloud'))
              for (const later of order.slice(index + 1))
                expect(shows[later], `${part} before ${later} at ${columns}`).toBe(true);
          });
          // The name is whole whenever it fits beside the read-only mark.
          if (cellWidth(` ${name}${text.readOnly} `) <= columns)
            expect(shows.name, `name at ${columns}`).toBe(true);
          if (connection.readOnly) expect(text.readOnly).not.toBe('');
          // Wider never shows less.
          if (previous)
            expect(cellWidth(text.where)).toBeGreaterThanOrEqual(
              cellWidth(previous.where) - cellWidth('alb-tui  '),
            );
          previous = text;
        }
      });
    }
  }

  it('cuts the name only when nothing else is left, and shows everything when there is room', () => {
    const narrow = headerText({ ...CLOUD, profile: 'x'.repeat(80) }, 'en', 60, '↻ 10 s');
    expect(narrow).toMatchObject({ product: ' ', refresh: '', help: '' });
    expect(narrow.where).toMatch(/^profile x+…$/);
    const wide = headerText(CLOUD, 'en', 130, '↻ 10 s');
    expect(line(wide)).toMatch(
      /^ alb-tui {2}Alibaba Cloud · cn-shanghai · https:\/\/alb\.cn-shanghai\.aliyuncs\.com · profile prod-shanghai-payments +↻ 10 s {2} \? help $/,
    );
    // At 100 columns the endpoint has gone, the name is whole.
    expect(headerText(CLOUD, 'en', 100, '↻ 10 s').where).toBe(
      'Alibaba Cloud · cn-shanghai · profile prod-shanghai-payments',
    );
  });
});
