// A failing validation worker (exitingWorker.ts) run from its TypeScript sources.
import { tsImport } from 'tsx/esm/api';

await tsImport('./exitingWorker.ts', import.meta.url);
