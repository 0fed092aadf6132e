/**
 * The import rule of ARCHITECTURE.md is enforced, and `npm test` fails on a violation: each fixture
 * is linted as if it sat in the folder it would break, and a shared/ file importing node:fs also
 * fails shared/'s typecheck (its tsconfig has no Node types).
 */
import { ESLint } from 'eslint';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name: string): string =>
  readFileSync(path.join(root, 'scripts/__fixtures__', name), 'utf8');

async function lintAs(code: string, filePath: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result!.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

/** Import cycles among a folder's modules (tests and test-support aside), each as a -> b -> a. */
function importCycles(folder: string): string[] {
  const files = execFileSync('git', ['ls-files', folder], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter(
      (f) =>
        /\.tsx?$/.test(f) &&
        !/\.test\.tsx?$/.test(f) &&
        !f.endsWith('.d.ts') &&
        !f.includes('test-support'),
    );
  const known = new Set(files);
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8');
    const targets: string[] = [];
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/g)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!));
      for (const candidate of [`${target}.ts`, `${target}.tsx`, `${target}/index.ts`])
        if (known.has(candidate)) targets.push(candidate);
    }
    edges.set(file, targets);
  }
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (file: string, trail: string[]): void => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      cycles.push([...trail.slice(trail.indexOf(file)), file].join(' -> '));
      return;
    }
    state.set(file, 'open');
    for (const next of edges.get(file) ?? []) visit(next, [...trail, file]);
    state.set(file, 'done');
  };
  for (const file of files) visit(file, []);
  return cycles;
}

describe('import rules', () => {
  it('refuses a renderer file that imports from main/', async () => {
    const errors = await lintAs(
      fixture('renderer-imports-main.ts'),
      'renderer/src/components/Bad.ts',
    );
    expect(errors.some((e) => e.includes('no-restricted-imports') && e.includes('host API'))).toBe(
      true,
    );
  });

  it('refuses a shared file that imports node:fs', async () => {
    const errors = await lintAs(fixture('shared-imports-node.ts'), 'shared/document/bad.ts');
    expect(
      errors.some((e) => e.includes('no-restricted-imports') && e.includes('pure TypeScript')),
    ).toBe(true);
  });

  it('refuses a main file that imports the renderer', async () => {
    const errors = await lintAs(fixture('main-imports-renderer.ts'), 'main/services/bad.ts');
    expect(errors.some((e) => e.includes('main/ must not import renderer/'))).toBe(true);
  });

  it("refuses an import against shared/'s inner layers (models/ importing document/)", async () => {
    const errors = await lintAs(fixture('models-imports-document.ts'), 'shared/models/bad.ts');
    expect(errors.some((e) => e.includes('util <- models <- document <- sim <- ipc'))).toBe(true);
    // the same import one layer up is fine
    expect(await lintAs(fixture('models-imports-document.ts'), 'shared/sim/fine.ts')).toEqual([]);
  });

  it('has no import cycle inside shared/ (tests aside)', () => {
    expect(importCycles('shared')).toEqual([]);
  });

  it("refuses an import against the renderer's folder layers (document/ importing canvas/)", async () => {
    const code = fixture('renderer-document-imports-canvas.ts');
    const order = 'ui <- document <- run <- files|learn <- charts|inspector <- canvas <- app';
    const errors = await lintAs(code, 'renderer/src/document/bad.ts');
    expect(errors.some((e) => e.includes('no-restricted-imports') && e.includes(order))).toBe(true);
    // a neighbour in a lower layer is refused too: inspector/ sits below canvas/
    const fromBelow = await lintAs(code, 'renderer/src/inspector/bad.ts');
    expect(fromBelow.some((e) => e.includes(order))).toBe(true);
    // and two folders deep (learn/views/) the same
    expect(
      (
        await lintAs(
          code.replace("'../canvas/", "'../../canvas/"),
          'renderer/src/learn/views/Bad.tsx',
        )
      ).some((e) => e.includes(order)),
    ).toBe(true);
    // the same import from the folder above is fine
    expect(await lintAs(code, 'renderer/src/app/fine.ts')).toEqual([]);
  });

  it('refuses an import between two folders of one renderer layer (charts/ importing inspector/)', async () => {
    const errors = await lintAs(
      "import { Inspector } from '../inspector/Inspector';\nexport const fixture = Inspector;\n",
      'renderer/src/charts/bad.ts',
    );
    expect(
      errors.some((e) => e.includes('charts/ may import ui/, document/, run/, files/, learn/')),
    ).toBe(true);
  });

  it('has no import cycle inside renderer/ (tests aside)', () => {
    expect(importCycles('renderer/src')).toEqual([]);
  });

  it('refuses Math.random in the simulator', async () => {
    const errors = await lintAs(fixture('sim-uses-math-random.ts'), 'shared/sim/bad.ts');
    expect(errors.some((e) => e.includes('seeded generator'))).toBe(true);
  });

  it('accepts the same node:fs import in main/', async () => {
    expect(await lintAs(fixture('shared-imports-node.ts'), 'main/services/fine.ts')).toEqual([]);
  });

  it("fails shared/'s typecheck when a shared file imports node:fs", () => {
    const dir = mkdtempSync(path.join(root, 'shared', '.tmp-typecheck-'));
    try {
      writeFileSync(path.join(dir, 'bad.ts'), fixture('shared-imports-node.ts'));
      writeFileSync(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({ extends: '../tsconfig.json', include: ['bad.ts'], exclude: [] }),
      );
      let output = '';
      try {
        execFileSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', dir], { encoding: 'utf8' });
      } catch (e) {
        output = String((e as { stdout?: string }).stdout);
      }
      expect(output).toMatch(/node:fs/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
