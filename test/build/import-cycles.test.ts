// No runtime import cycles among the sources: a module in a cycle can run before the one it needs has
// loaded (esbuild keeps ES module order), and a cycle usually means a helper lives in the wrong home.
// Type-only imports vanish at build time and are left out, as esbuild leaves them out.
import { join } from 'node:path';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** Strongly connected groups of more than one module (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1) found.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

it('has no runtime import cycles among the sources', async () => {
  const result = await build({
    entryPoints: ['cli.tsx', 'cli/local-alb-worker.ts', 'boot/main.ts', 'boot/worker.ts'].map((entry) =>
      join(root, 'source', entry),
    ),
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    splitting: true,
    outdir: join(root, 'dist', 'cycle-check'),
    write: false,
    metafile: true,
    logLevel: 'silent',
    packages: 'external',
  });
  const graph = new Map<string, string[]>();
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    if (!file.startsWith('source/')) continue;
    const imported = input.imports.filter(
      (i) => i.kind === 'import-statement' && i.path.startsWith('source/'),
    );
    graph.set(
      file,
      imported.map((i) => i.path),
    );
  }
  expect(graph.size).toBeGreaterThan(300);
  expect(cycles(graph)).toEqual([]);
});
