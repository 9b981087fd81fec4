// The validation worker run from its TypeScript sources, for tests that need no build.
import { tsImport } from 'tsx/esm/api';

await tsImport('../../../../server/src/lsp/validationWorker.ts', import.meta.url);
