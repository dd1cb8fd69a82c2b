// The regions ALB is offered in (DescribeRegions), through the official SDK: the region switcher's
// list. SdkAlbClient lends it its SDK object and its retrying call, as it does the listener changes.
import * as $Alb from '@alicloud/alb20200616';
import type { AlbRegion, DescribeRegionsOptions } from './client.js';
import { AlbError } from './errors.js';
import type { SdkChannel } from './sdk-change.js';

/** The console's name for each language the app speaks; ALB answers zh-CN unless told. */
const ACCEPT_LANGUAGE = { 'zh-CN': 'zh-CN', en: 'en-US' } as const;

export async function describeRegions(
  channel: SdkChannel,
  options: DescribeRegionsOptions = {},
): Promise<AlbRegion[]> {
  const request = new $Alb.DescribeRegionsRequest({
    acceptLanguage: ACCEPT_LANGUAGE[options.language ?? 'zh-CN'],
  });
  const response = await channel.call(
    'DescribeRegions',
    (rt) => channel.alb.describeRegionsWithOptions(request, rt),
    options.signal,
  );
  const regions: AlbRegion[] = [];
  for (const item of response.body?.regions ?? []) {
    const regionId = item.regionId?.trim();
    if (!regionId) {
      throw new AlbError({
        kind: 'protocol',
        action: 'DescribeRegions',
        endpoint: channel.endpoint,
        message: {
          en: `${channel.endpoint} listed a region without a RegionId`,
          'zh-CN': `${channel.endpoint} 返回的地域缺少 RegionId`,
        },
      });
    }
    regions.push({
      regionId,
      localName: item.localName?.trim() || regionId,
      ...(item.regionEndpoint?.trim() ? { endpoint: item.regionEndpoint.trim() } : {}),
    });
  }
  return regions;
}
