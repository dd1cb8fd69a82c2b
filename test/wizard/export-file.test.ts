import { mkdtemp, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveExportPath, writeExportFile } from '../../source/ui/wizard/export-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'alb-tui-export-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writing an export', () => {
  it('writes a new file 0600, relative to the working folder, leaving no temporary file', async () => {
    const outcome = await writeExportFile('listener.tf', 'resource {}\n', { replace: false, cwd: dir });
    expect(outcome).toEqual({ status: 'written', path: path.join(dir, 'listener.tf') });
    expect(await readFile(path.join(dir, 'listener.tf'), 'utf8')).toBe('resource {}\n');
    expect((await stat(path.join(dir, 'listener.tf'))).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['listener.tf']);
  });

  it('never replaces an existing file unless told to', async () => {
    const file = path.join(dir, 'x.json');
    await writeFile(file, 'mine');
    expect(await writeExportFile(file, 'new', { replace: false })).toEqual({ status: 'exists', path: file });
    expect(await readFile(file, 'utf8')).toBe('mine');
    expect(await readdir(dir)).toEqual(['x.json']);
    expect(await writeExportFile(file, 'new', { replace: true })).toEqual({ status: 'written', path: file });
    expect(await readFile(file, 'utf8')).toBe('new');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('says plainly why it could not write: a missing folder, a folder in the way', async () => {
    const missing = await writeExportFile('nope/x.sh', 'x', { replace: false, cwd: dir });
    expect(missing).toMatchObject({ status: 'failed' });
    expect(missing.status === 'failed' && missing.message.en).toContain(
      `the folder ${path.join(dir, 'nope')} does not exist`,
    );
    await mkdir(path.join(dir, 'sub'));
    const folder = await writeExportFile('sub', 'x', { replace: true, cwd: dir });
    expect(folder.status === 'failed' && folder.message['zh-CN']).toContain('它是一个目录');
  });

  it('expands ~ to the home folder', () => {
    expect(resolveExportPath('~/a.tf', '/work', '/home/u')).toBe('/home/u/a.tf');
    expect(resolveExportPath('  b.tf ', '/work', '/home/u')).toBe('/work/b.tf');
    expect(resolveExportPath('/abs/c.tf', '/work', '/home/u')).toBe('/abs/c.tf');
  });
});
