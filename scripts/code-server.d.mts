export const defaultUserSettings: Record<string, unknown>;
export function freePort(): Promise<number>;
export interface CodeServer {
  url: string;
  base: string;
  port: number;
  stateDir: string;
  logFile: string;
  pid: number;
  stop(options?: { removeState?: boolean }): Promise<void>;
}
export function startCodeServer(options?: {
  workspace?: string;
  vsix?: string;
  settings?: Record<string, unknown>;
  port?: number;
  stateDir?: string;
  keepState?: boolean;
  log?: (line: string) => void;
}): Promise<CodeServer>;
