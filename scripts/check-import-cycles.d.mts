export const SOURCE_GLOBS: readonly string[];
export function findImportCycles(cwd: string, globs?: readonly string[]): Promise<string[][]>;
