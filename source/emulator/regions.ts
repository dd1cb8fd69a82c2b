// The regions the local ALB serves: `DescribeRegions`, and the refusal of a request naming a region it
// does not serve. Each served region has its own state and its own loopback port (index.ts): the
// official SDKs pick a region by endpoint, never by a parameter, so the port is what tells them apart;
// a request that names its `RegionId` (the aliyun CLI and pop-core send one) is routed by it.
import type { Args } from './args.js';
import { ApiError } from './errors.js';

/** A region this local ALB serves, and where its API answers (`host:port`, as ALB lists `alb.<region>.aliyuncs.com`). */
export interface ServedRegion {
  regionId: string;
  endpoint: string;
}

/** The regions a local ALB serves unless told otherwise: the demo data is spread over these two. */
export const DEFAULT_REGIONS = ['cn-hangzhou', 'cn-shanghai'] as const;

/** The console's names of the regions ALB is offered in (the metadata's endpoints), in both languages. */
const REGION_NAMES: Record<string, { zh: string; en: string }> = {
  'cn-qingdao': { zh: '华北1（青岛）', en: 'China (Qingdao)' },
  'cn-beijing': { zh: '华北2（北京）', en: 'China (Beijing)' },
  'cn-zhangjiakou': { zh: '华北3（张家口）', en: 'China (Zhangjiakou)' },
  'cn-huhehaote': { zh: '华北5（呼和浩特）', en: 'China (Hohhot)' },
  'cn-wulanchabu': { zh: '华北6（乌兰察布）', en: 'China (Ulanqab)' },
  'cn-hangzhou': { zh: '华东1（杭州）', en: 'China (Hangzhou)' },
  'cn-shanghai': { zh: '华东2（上海）', en: 'China (Shanghai)' },
  'cn-nanjing': { zh: '华东5（南京-本地地域）', en: 'China (Nanjing - Local Region)' },
  'cn-fuzhou': { zh: '华东6（福州-本地地域）', en: 'China (Fuzhou - Local Region)' },
  'cn-wuhan-lr': { zh: '华中1（武汉-本地地域）', en: 'China (Wuhan - Local Region)' },
  'cn-shenzhen': { zh: '华南1（深圳）', en: 'China (Shenzhen)' },
  'cn-heyuan': { zh: '华南2（河源）', en: 'China (Heyuan)' },
  'cn-guangzhou': { zh: '华南3（广州）', en: 'China (Guangzhou)' },
  'cn-chengdu': { zh: '西南1（成都）', en: 'China (Chengdu)' },
  'cn-hongkong': { zh: '中国香港', en: 'China (Hong Kong)' },
  'cn-hangzhou-finance': { zh: '华东1 金融云', en: 'China East 1 Finance' },
  'cn-shanghai-finance-1': { zh: '华东2 金融云', en: 'China East 2 Finance' },
  'cn-shenzhen-finance-1': { zh: '华南1 金融云', en: 'China South 1 Finance' },
  'cn-beijing-finance-1': { zh: '华北2 金融云', en: 'China North 2 Finance' },
  'ap-northeast-1': { zh: '日本（东京）', en: 'Japan (Tokyo)' },
  'ap-northeast-2': { zh: '韩国（首尔）', en: 'South Korea (Seoul)' },
  'ap-southeast-1': { zh: '新加坡', en: 'Singapore' },
  'ap-southeast-2': { zh: '澳大利亚（悉尼）', en: 'Australia (Sydney)' },
  'ap-southeast-3': { zh: '马来西亚（吉隆坡）', en: 'Malaysia (Kuala Lumpur)' },
  'ap-southeast-5': { zh: '印度尼西亚（雅加达）', en: 'Indonesia (Jakarta)' },
  'ap-southeast-6': { zh: '菲律宾（马尼拉）', en: 'Philippines (Manila)' },
  'ap-southeast-7': { zh: '泰国（曼谷）', en: 'Thailand (Bangkok)' },
  'ap-south-1': { zh: '印度（孟买）', en: 'India (Mumbai)' },
  'us-east-1': { zh: '美国（弗吉尼亚）', en: 'US (Virginia)' },
  'us-west-1': { zh: '美国（硅谷）', en: 'US (Silicon Valley)' },
  'eu-west-1': { zh: '英国（伦敦）', en: 'UK (London)' },
  'eu-central-1': { zh: '德国（法兰克福）', en: 'Germany (Frankfurt)' },
  'me-central-1': { zh: '沙特（利雅得）', en: 'Saudi Arabia (Riyadh)' },
  'me-east-1': { zh: '阿联酋（迪拜）', en: 'UAE (Dubai)' },
};

/**
 * The region's name as the console shows it in `language` (`AcceptLanguage`: zh-CN, the default,
 * en-US, ja). There is no Japanese table here: ja is answered in English, as the console's
 * international site does for names it has not translated. A region without a known name is its ID.
 */
export function regionLocalName(regionId: string, language: string | undefined): string {
  const names = REGION_NAMES[regionId];
  if (!names) return regionId;
  const english = language !== undefined && /^(en|ja)/i.test(language);
  return english ? names.en : names.zh;
}

/** ALB's answer to a request for a region it does not serve (as the gateway answers an unknown RegionId). */
export function regionNotServed(regionId: string): ApiError {
  return new ApiError(
    'InvalidRegionId',
    400,
    `The specified region does not exist (${regionId.slice(0, 64)}); this local ALB serves other regions.`,
  );
}

/** `DescribeRegions` over the regions served now (their endpoints are known once each port listens). */
export function regionActions(
  served: () => readonly ServedRegion[],
): Record<string, (args: Args) => Record<string, unknown>> {
  return {
    DescribeRegions: (args) => {
      const language = args.string('AcceptLanguage');
      return {
        Regions: served().map((region) => ({
          LocalName: regionLocalName(region.regionId, language),
          RegionEndpoint: region.endpoint,
          RegionId: region.regionId,
        })),
      };
    },
  };
}
