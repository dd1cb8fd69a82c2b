// The certificates of the account, from the certificate service (CAS). Its SDK is about a sixth of
// the connection's code and no listing needs it, so it is imported on the first certificate call
// (esbuild gives it a chunk of its own) rather than before the dashboard's first listing.
import type CasModule from '@alicloud/cas20200407';
import type * as $Cas from '@alicloud/cas20200407';
import type { Certificate } from '../domain/resources.js';
import type { CallOptions } from './client.js';
import { toAlbError } from './errors.js';
import { toCertificate, type SdkCasCertificate } from './mappers.js';
import { cjsDefault, type SdkTransport } from './sdk-transport.js';

const CAS_PAGE_SIZE = 50;
const CAS_MAX_PAGES = 200;

/** What the certificates use of the CAS SDK: a client on the transport's CAS config, and a request. */
interface CasApi {
  client: InstanceType<typeof CasModule.default>;
  ListUserCertificateOrderRequest: typeof $Cas.ListUserCertificateOrderRequest;
}

export class SdkCertificates {
  /** The CAS SDK once its import has begun: every caller, the first concurrent ones too, shares it. */
  private cas: Promise<CasApi> | undefined;

  constructor(private readonly transport: SdkTransport) {}

  async listCertificates(options: CallOptions = {}): Promise<Certificate[]> {
    // With OrderType=CERT and no Status, CAS lists only valid certificates (issued or about to
    // expire); expired ones need their own query, and the wizard shows them as not selectable.
    const [valid, expired] = await Promise.all([
      this.casCertificates(undefined, options.signal),
      this.casCertificates('EXPIRED', options.signal),
    ]);
    const byId = new Map<number, Certificate>();
    for (const item of [...valid, ...expired]) {
      const certificate = toCertificate(item, this.transport.certificateRegion);
      if (!byId.has(certificate.casId)) byId.set(certificate.casId, certificate);
    }
    return [...byId.values()];
  }

  private casApi(): Promise<CasApi> {
    this.cas ??= import('@alicloud/cas20200407').then(
      (module) => {
        // The bundle's chunk (like Node's loader) hands the CommonJS module over as `module.exports`
        // under `default`, and only there: esbuild names no exports of a CommonJS module.
        const inner: unknown = (module as { default?: unknown }).default;
        const cas = (typeof inner === 'object' && inner !== null ? inner : module) as typeof module;
        const CasSdk = cjsDefault<typeof CasModule.default>(cas);
        return {
          client: new CasSdk(this.transport.casConfig),
          ListUserCertificateOrderRequest: cas.ListUserCertificateOrderRequest,
        };
      },
      (error: unknown) => {
        // A failed import is not remembered: the next certificate call tries again.
        this.cas = undefined;
        throw toAlbError(error, {
          action: 'ListUserCertificateOrder',
          endpoint: this.transport.casEndpoint,
        });
      },
    );
    return this.cas;
  }

  private async casCertificates(
    status: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<SdkCasCertificate[]> {
    const cas = await this.casApi();
    const out: SdkCasCertificate[] = [];
    for (let page = 1; page <= CAS_MAX_PAGES; page++) {
      const request = new cas.ListUserCertificateOrderRequest({
        orderType: 'CERT',
        status,
        currentPage: page,
        showSize: CAS_PAGE_SIZE,
      });
      const response = await this.transport.call(
        'cas',
        'ListUserCertificateOrder',
        (rt) => cas.client.listUserCertificateOrderWithOptions(request, rt),
        { idempotent: true, signal },
      );
      const items = response.body?.certificateOrderList ?? [];
      out.push(...items);
      const total = response.body?.totalCount;
      if (items.length === 0 || items.length < CAS_PAGE_SIZE || (total !== undefined && out.length >= total))
        break;
    }
    return out;
  }
}
