/**
 * `npm run dist` needs the internet (the Electron zip), so here the packaging config is checked:
 * targets, the .neuro association, asar, that only built output and examples are packed, and the
 * Electron fuses (decision 0021), by the names of electron-builder's own schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

interface BuilderConfig {
  appId: string;
  productName: string;
  asar: boolean;
  files: string[];
  asarUnpack: string[];
  fileAssociations: Array<{ ext: string; mimeType: string }>;
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
  electronFuses: Record<string, unknown>;
}

const config = load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
};

/** The fuse options electron-builder accepts (its own JSON schema, FuseOptionsV1). */
const fuseSchema = (
  JSON.parse(readFileSync(path.join('node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as {
    definitions: { FuseOptionsV1: { properties: Record<string, { type: string }> } };
  }
).definitions.FuseOptionsV1.properties;

describe('electron-builder.yml', () => {
  it('builds AppImage + deb, nsis and dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.productName).toBe('NeuroSketch');
  });

  it('associates .neuro files with their MIME type', () => {
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'neuro', mimeType: 'application/x-neurosketch+json' }),
    ]);
  });

  it('packs only built output and examples, in an asar, with the worker unpacked', () => {
    expect(config.asar).toBe(true);
    const included = config.files.filter((f) => !f.startsWith('!'));
    expect(included.sort()).toEqual([
      'examples/*.neuro',
      'out/main/**/*',
      'out/renderer/**/*',
      'package.json',
    ]);
    expect(config.files).toContain('!**/*.map');
    expect(config.asarUnpack).toEqual([
      'out/main/simWorker.js',
      'out/main/sweepWorker.js',
      'out/main/stepThreadWorker.js',
    ]);
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('flips the Electron fuses: no Node mode, NODE_OPTIONS or inspector; asar only, checked', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // Every name is one electron-builder knows (a misspelt fuse would be ignored or refused).
    for (const [name, value] of Object.entries(config.electronFuses)) {
      expect(fuseSchema[name]?.type, name).toBe('boolean');
      expect(typeof value, name).toBe('boolean');
    }
  });

  it('has no code that needs the RunAsNode fuse (child_process.fork, ELECTRON_RUN_AS_NODE)', () => {
    // Workers are worker_threads; a forked child would need the fuse turned off above.
    const sources = ['main/electron', 'main/services'].flatMap((dir) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => path.join(dir, f)),
    );
    expect(sources.length).toBeGreaterThan(10);
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      expect(/\bfork\(|ELECTRON_RUN_AS_NODE/.test(text), file).toBe(false);
    }
  });

  it('ships no runtime dependency the bundles do not need', () => {
    // Main, worker, web host and CLI are bundled by esbuild and the renderer by Vite: nothing is
    // required at runtime, so the packed app carries no node_modules at all.
    expect(Object.keys(pkg.dependencies ?? {})).toEqual([]);
  });
});
