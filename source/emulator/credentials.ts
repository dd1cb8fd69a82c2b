// The local ALB's own AccessKey pair: throw-away credentials that only this emulator accepts. Kept
// in a 0600 file so restarts (and clients configured with them) keep working.
import { randomBytes } from 'node:crypto';
import { readJsonFile, writeFileAtomic } from './persistence.js';

export interface AccessKeyPair {
  accessKeyId: string;
  accessKeySecret: string;
}

const MIXED_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomMixed(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      // 248 = 4 × 62: rejecting bytes above it keeps the alphabet uniform.
      if (byte < 248 && out.length < length) out += MIXED_ALNUM[byte % 62];
    }
  }
  return out;
}

/** A fresh pair shaped like Alibaba Cloud's (`LTAI` + 20 characters, 30-character secret). */
export function generateAccessKeyPair(): AccessKeyPair {
  return { accessKeyId: `LTAI${randomMixed(20)}`, accessKeySecret: randomMixed(30) };
}

export function accessKeyProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  const { accessKeyId, accessKeySecret } = value as Record<string, unknown>;
  if (typeof accessKeyId !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(accessKeyId))
    return 'no valid accessKeyId';
  if (typeof accessKeySecret !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(accessKeySecret))
    return 'no valid accessKeySecret';
  return undefined;
}

/**
 * The pair to accept: the one given, else the stored one, else a new one (stored when a path is
 * given). A stored file that cannot be read as a pair is moved aside and reported in `warnings`.
 */
export async function resolveAccessKeyPair(
  given: AccessKeyPair | undefined,
  path: string | undefined,
  now: number,
  warnings: string[],
): Promise<AccessKeyPair> {
  if (given) {
    const problem = accessKeyProblem(given);
    if (problem) throw new Error(`credentials: ${problem}`);
    return { accessKeyId: given.accessKeyId, accessKeySecret: given.accessKeySecret };
  }
  if (!path) return generateAccessKeyPair();
  const read = await readJsonFile<AccessKeyPair>(path, accessKeyProblem, now);
  if (read.kind === 'ok')
    return { accessKeyId: read.value.accessKeyId, accessKeySecret: read.value.accessKeySecret };
  if (read.kind === 'corrupt') {
    warnings.push(
      `The local ALB credentials file ${path} could not be used (${read.reason}); it was moved to ${read.movedTo} and a new AccessKey pair was generated. / ` +
        `本地 ALB 凭据文件 ${path} 无法使用（${read.reason}），已移至 ${read.movedTo}，并已生成新的 AccessKey。`,
    );
  }
  const pair = generateAccessKeyPair();
  await writeFileAtomic(path, `${JSON.stringify(pair, null, 2)}\n`);
  return pair;
}
