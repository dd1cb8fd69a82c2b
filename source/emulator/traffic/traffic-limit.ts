// A rule's TrafficLimit action: at most `qps` requests a second in all, and `perIpQps` from one client
// IP; over either, the request gets HTTP 503 as ALB answers it.

const MAX_TRACKED_IPS = 10_000;

export class TrafficLimiter {
  private second = 0;
  private total = 0;
  private readonly perIp = new Map<string, number>();

  constructor(
    private readonly qps: number | undefined,
    private readonly perIpQps: number | undefined,
  ) {}

  /** Counts the request and says whether it is within the limits. */
  admit(sourceIp: string, now: number): boolean {
    const second = Math.floor(now / 1000);
    if (second !== this.second) {
      this.second = second;
      this.total = 0;
      this.perIp.clear();
    }
    if (this.qps !== undefined && this.total >= this.qps) return false;
    if (this.perIpQps !== undefined) {
      const count = this.perIp.get(sourceIp) ?? 0;
      if (count >= this.perIpQps) return false;
      if (this.perIp.size < MAX_TRACKED_IPS || this.perIp.has(sourceIp)) this.perIp.set(sourceIp, count + 1);
    }
    this.total++;
    return true;
  }
}
