/** Builds the FileService of each host: folders, app info and versions. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appRoot, examplesDir } from '../appPaths';
import { FileService, type FileServiceOptions } from './fileService';
import { defaultWorkspaceDir, displayPath, Workspace } from './workspace';

export function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(appRoot(), 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The browser host's data folder: `$XDG_CONFIG_HOME/neurosketch` or `~/.config/neurosketch`. */
export function defaultWebDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_CONFIG_HOME'] || path.join(os.homedir(), '.config');
  return path.join(base, 'neurosketch');
}

export interface WebFileOptions {
  workspaceDir?: string;
  dataDir?: string;
}

/** The browser host: the in-app picker over a workspace folder. */
export function createWebFileService(options: WebFileOptions = {}): FileService {
  const workspace = new Workspace(options.workspaceDir ?? defaultWorkspaceDir());
  return new FileService({
    dataDir: options.dataDir ?? defaultWebDataDir(),
    examplesDir: examplesDir(),
    workspace,
    appInfo: {
      host: 'web',
      platform: process.platform,
      versions: { NeuroSketch: appVersion(), Node: process.versions.node },
      workspaceLabel: displayPath(workspace.root),
    },
  });
}

/** Electron: native dialogs and window controls. */
export function createDesktopFileService(
  options: Omit<FileServiceOptions, 'examplesDir' | 'appInfo'>,
): FileService {
  const versions: Record<string, string> = { NeuroSketch: appVersion() };
  for (const key of ['electron', 'chrome', 'node', 'v8'] as const) {
    const value = process.versions[key];
    if (value) versions[key === 'v8' ? 'V8' : key[0]!.toUpperCase() + key.slice(1)] = value;
  }
  return new FileService({
    ...options,
    examplesDir: examplesDir(),
    appInfo: { host: 'electron', platform: process.platform, versions },
  });
}
