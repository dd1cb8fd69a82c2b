// The local CA: created once in the local ALB's data directory (key 0600 in a 0700 directory) and
// kept across restarts. It gives every certificate the local ALB holds real key material, with the
// names and dates the state says (so the expired demo certificate really is expired), and prints its
// own certificate's path so `curl --cacert` trusts the listeners. Keys come from node:crypto (fast,
// off the main thread); forge only builds and signs the certificates.
import {
  createHash,
  createPrivateKey,
  generateKeyPair,
  randomBytes,
  sign,
  X509Certificate,
} from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';
import type { Certificate } from '../../domain/resources.js';
import { ensurePrivateDir, writeFileAtomic } from '../persistence.js';

export const CA_COMMON_NAME = 'alb-tui local CA';
const DAY = 86_400_000;
const CA_LIFETIME_DAYS = 3650;

export interface KeyAndCertificate {
  key: string;
  cert: string;
}

/** A client certificate for mutual TLS, issued by one of the state's CA certificates. */
export interface ClientCertificate extends KeyAndCertificate {
  /** Where it is kept, when the CA has a directory. */
  certPath?: string;
  keyPath?: string;
}

export async function newKeyPair(): Promise<{ privatePem: string; publicPem: string }> {
  return new Promise((resolve, reject) => {
    generateKeyPair(
      'rsa',
      {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      },
      (error, publicPem, privatePem) => (error ? reject(error) : resolve({ privatePem, publicPem })),
    );
  });
}

/** A positive serial number of 16 random bytes, as hex. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

interface CertificateSpec {
  commonName: string;
  /** DNS names; none for a CA. */
  dnsNames: readonly string[];
  notBefore: Date;
  notAfter: Date;
  isCa: boolean;
  clientAuthOnly?: boolean;
  /** Organisation, for the subject. */
  organization?: string;
}

function buildCertificate(
  spec: CertificateSpec,
  publicPem: string,
  issuer: { cert?: forge.pki.Certificate; keyPem: string },
): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicPem);
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  const subject: forge.pki.CertificateField[] = [
    ...(spec.organization ? [{ name: 'organizationName', value: spec.organization }] : []),
    { name: 'commonName', value: spec.commonName },
  ];
  // UTF-8 names (the demo data has Chinese ones) need the UTF8String type.
  for (const field of subject) field.valueTagClass = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
  cert.setSubject(subject);
  cert.setIssuer(issuer.cert ? issuer.cert.subject.attributes : subject);
  const extensions: object[] = [
    { name: 'basicConstraints', cA: spec.isCa, critical: true },
    spec.isCa
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ];
  if (!spec.isCa) {
    extensions.push(
      spec.clientAuthOnly
        ? { name: 'extKeyUsage', clientAuth: true }
        : { name: 'extKeyUsage', serverAuth: true },
    );
  }
  if (spec.dnsNames.length > 0) {
    extensions.push({ name: 'subjectAltName', altNames: spec.dnsNames.map((value) => ({ type: 2, value })) });
  }
  if (issuer.cert) {
    const keyIdentifier = issuer.cert.generateSubjectKeyIdentifier().getBytes();
    extensions.push({ name: 'authorityKeyIdentifier', keyIdentifier });
  }
  cert.setExtensions(extensions);
  signCertificate(cert, issuer.keyPem);
  return forge.pki.certificateToPem(cert);
}

/** forge's own, which its type declarations leave out. */
interface TbsMaker {
  getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1;
}

/**
 * Signs as forge's `cert.sign(key, sha256)` does (SHA-256 with RSA, PKCS #1 v1.5), with node:crypto's
 * native RSA: forge's own, in JavaScript, held the local ALB's thread for tens of milliseconds a
 * certificate, so the first listing's details waited while the data plane started.
 */
export function signCertificate(cert: forge.pki.Certificate, keyPem: string): void {
  const algorithm = forge.pki.oids['sha256WithRSAEncryption']!;
  cert.signatureOid = algorithm;
  cert.siginfo.algorithmOid = algorithm;
  cert.md = forge.md.sha256.create();
  cert.tbsCertificate = (forge.pki as unknown as TbsMaker).getTBSCertificate(cert);
  const tbs = Buffer.from(forge.asn1.toDer(cert.tbsCertificate).getBytes(), 'binary');
  cert.signature = sign('sha256', tbs, keyPem).toString('binary');
}

async function readPair(keyPath: string, certPath: string): Promise<KeyAndCertificate | undefined> {
  try {
    const [key, cert] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
    // A damaged file, or a key and certificate of different pairs (a write cut between the two), is
    // refused: the pair is then issued again.
    if (!new X509Certificate(cert).checkPrivateKey(createPrivateKey(key))) return undefined;
    return { key, cert };
  } catch {
    return undefined;
  }
}

/** Where a certificate's material is kept: changes of its names or dates give it a new file. */
function materialKey(certificate: Certificate): string {
  const what = [
    certificate.certificateId,
    certificate.commonName,
    certificate.sans.join(','),
    certificate.startDate,
    certificate.endDate,
    String(certificate.isCa),
  ].join('|');
  return createHash('sha256').update(what).digest('hex').slice(0, 24);
}

export class LocalCa {
  readonly #dir: string | undefined;
  #closed = false;
  readonly #clientIssues = new Map<string, Promise<ClientCertificate>>();
  readonly #ca: KeyAndCertificate;
  readonly #caCert: forge.pki.Certificate;
  readonly #issued = new Map<string, Promise<KeyAndCertificate>>();

  private constructor(dir: string | undefined, ca: KeyAndCertificate) {
    this.#dir = dir;
    this.#ca = ca;
    this.#caCert = forge.pki.certificateFromPem(ca.cert);
  }

  /**
   * The CA kept in `dir` (created there the first time), or one in memory only when `dir` is
   * undefined (tests).
   */
  static async open(dir: string | undefined, now: number = Date.now()): Promise<LocalCa> {
    if (dir) {
      await ensurePrivateDir(dir);
      const kept = await readPair(join(dir, 'ca-key.pem'), join(dir, 'ca.pem'));
      if (kept) return new LocalCa(dir, kept);
    }
    const { privatePem, publicPem } = await newKeyPair();
    const cert = buildCertificate(
      {
        commonName: CA_COMMON_NAME,
        organization: 'alb-tui',
        dnsNames: [],
        notBefore: new Date(now - DAY),
        notAfter: new Date(now + CA_LIFETIME_DAYS * DAY),
        isCa: true,
      },
      publicPem,
      { keyPem: privatePem },
    );
    const ca = { key: privatePem, cert };
    if (dir) {
      // The key first: a certificate file without its key would be read back as a CA that cannot sign.
      await writeFileAtomic(join(dir, 'ca-key.pem'), privatePem);
      await writeFileAtomic(join(dir, 'ca.pem'), cert);
    }
    return new LocalCa(dir, ca);
  }

  /** The CA certificate (PEM), for clients to trust. */
  get certificatePem(): string {
    return this.#ca.cert;
  }

  /** The file `curl --cacert` takes; undefined for a CA in memory. */
  get certificatePath(): string | undefined {
    return this.#dir ? join(this.#dir, 'ca.pem') : undefined;
  }

  /**
   * Key and certificate for a certificate of the state: issued by this CA with its common name, SANs
   * and dates; a CA certificate (for mutual TLS) is its own issuer, as the state says it is.
   */
  materialFor(certificate: Certificate): Promise<KeyAndCertificate> {
    const key = materialKey(certificate);
    let issued = this.#issued.get(key);
    if (!issued) {
      issued = this.#issue(certificate, key);
      this.#issued.set(key, issued);
      issued.catch(() => this.#issued.delete(key));
    }
    return issued;
  }

  async #issue(certificate: Certificate, key: string): Promise<KeyAndCertificate> {
    const keyPath = this.#dir ? join(this.#dir, 'certs', `${key}.key.pem`) : undefined;
    const certPath = this.#dir ? join(this.#dir, 'certs', `${key}.pem`) : undefined;
    if (keyPath && certPath) {
      const kept = await readPair(keyPath, certPath);
      if (kept) return kept;
    }
    const { privatePem, publicPem } = await newKeyPair();
    const names = certificate.sans.length > 0 ? certificate.sans : [certificate.commonName];
    const spec: CertificateSpec = {
      commonName: certificate.commonName,
      dnsNames: certificate.isCa ? [] : names,
      notBefore: new Date(certificate.startDate),
      notAfter: new Date(certificate.endDate),
      isCa: certificate.isCa,
    };
    const cert = certificate.isCa
      ? buildCertificate(spec, publicPem, { keyPem: privatePem })
      : buildCertificate(spec, publicPem, { cert: this.#caCert, keyPem: this.#ca.key });
    if (keyPath && certPath && !this.#closed) {
      await writeFileAtomic(keyPath, privatePem);
      await writeFileAtomic(certPath, cert);
    }
    return { key: privatePem, cert };
  }

  /** Nothing more is written to its directory (keys still being made are kept in memory only). */
  close(): void {
    this.#closed = true;
  }

  /**
   * A client certificate signed by a CA certificate of the state (mutual TLS), kept beside the CA
   * as `client-<CAS id>.pem` so a user can `curl --cert … --key …` a listener that asks for one.
   */
  clientCertificateFor(
    caCertificate: Certificate,
    commonName = 'alb-tui demo client',
    now: number = Date.now(),
  ): Promise<ClientCertificate> {
    // One issue at a time per CA: two at once would write two pairs over each other's files.
    const base = `client-${caCertificate.casId}`;
    const pending = this.#clientIssues.get(base);
    if (pending) return pending;
    const issue = this.#issueClientCertificate(base, caCertificate, commonName, now).finally(() =>
      this.#clientIssues.delete(base),
    );
    this.#clientIssues.set(base, issue);
    return issue;
  }

  async #issueClientCertificate(
    base: string,
    caCertificate: Certificate,
    commonName: string,
    now: number,
  ): Promise<ClientCertificate> {
    const keyPath = this.#dir ? join(this.#dir, 'clients', `${base}.key.pem`) : undefined;
    const certPath = this.#dir ? join(this.#dir, 'clients', `${base}.pem`) : undefined;
    const caMaterial = await this.materialFor(caCertificate);
    if (keyPath && certPath) {
      const kept = await readPair(keyPath, certPath);
      const issuedBy =
        kept && new X509Certificate(kept.cert).checkIssued(new X509Certificate(caMaterial.cert));
      if (kept && issuedBy) return { ...kept, keyPath, certPath };
    }
    const { privatePem, publicPem } = await newKeyPair();
    const cert = buildCertificate(
      {
        commonName,
        organization: 'alb-tui',
        dnsNames: [],
        notBefore: new Date(now - DAY),
        notAfter: new Date(now + 365 * DAY),
        isCa: false,
        clientAuthOnly: true,
      },
      publicPem,
      { cert: forge.pki.certificateFromPem(caMaterial.cert), keyPem: caMaterial.key },
    );
    if (keyPath && certPath && !this.#closed) {
      await writeFileAtomic(keyPath, privatePem);
      await writeFileAtomic(certPath, cert);
      return { key: privatePem, cert, keyPath, certPath };
    }
    return { key: privatePem, cert };
  }
}
