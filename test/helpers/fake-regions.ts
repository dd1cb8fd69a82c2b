// DescribeRegions for the test fakes of AlbClient: two regions named in the language asked for, as ALB does.
import type { AlbRegion, DescribeRegionsOptions } from '../../source/alb/client.js';

export interface FakeRegion {
  regionId: string;
  names: { 'zh-CN': string; en: string };
  endpoint?: string;
}

export function fakeRegions(): FakeRegion[] {
  return [
    { regionId: 'cn-hangzhou', names: { 'zh-CN': '华东1（杭州）', en: 'China (Hangzhou)' } },
    { regionId: 'cn-shanghai', names: { 'zh-CN': '华东2（上海）', en: 'China (Shanghai)' } },
  ];
}

export function describeFakeRegions(
  regions: readonly FakeRegion[],
  options: DescribeRegionsOptions = {},
): AlbRegion[] {
  return regions.map((region) => ({
    regionId: region.regionId,
    localName: region.names[options.language ?? 'zh-CN'],
    ...(region.endpoint ? { endpoint: region.endpoint } : {}),
  }));
}
