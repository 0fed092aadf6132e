/** Types of scripts/findBrowser.mjs (for its unit test). */
export declare const SYSTEM_CHROMIUM_PATHS: string[];
export declare const APT_COMMAND: string;
export interface BrowserEnv {
  exists(file: string): boolean;
  override: string | undefined;
  playwrightPath(): string | null;
  platform: string;
  isRoot: boolean;
  isDebian: boolean;
  hasApt: boolean;
  aptInstall(): boolean;
  say(line: string): void;
}
export type BrowserFound =
  { ok: true; path: string; how: 'system' | 'playwright' | 'apt' } | { ok: false; message: string };
export declare function findBrowser(env: BrowserEnv): BrowserFound;
export declare function systemEnv(): BrowserEnv;
