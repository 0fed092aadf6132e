/**
 * `npm run dist` needs the internet (the Electron zip), so here the packaging config is checked:
 * targets, the .neuro association, asar, and that only built output and examples are packed.
 */
import { readFileSync } from 'node:fs';
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
}

const config = load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
};

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
    expect(config.asarUnpack).toEqual(['out/main/simWorker.js', 'out/main/sweepWorker.js']);
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('ships no runtime dependency the bundles do not need', () => {
    // Main, worker, web host and CLI are bundled by esbuild and the renderer by Vite: nothing is
    // required at runtime, so the packed app carries no node_modules at all.
    expect(Object.keys(pkg.dependencies ?? {})).toEqual([]);
  });
});
