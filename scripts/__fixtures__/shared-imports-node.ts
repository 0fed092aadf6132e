// A shared/ file using Node's file system: forbidden (shared/ runs in the renderer too).
import { readFileSync } from 'node:fs';

export const read = (file: string): string => readFileSync(file, 'utf8');
