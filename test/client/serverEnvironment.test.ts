import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { serverEnvironment } from '../../client/src/serverEnvironment';
import { CODE_CACHE_DIR_ENV } from '../../server/src/protocol/codeCache';

describe('serverEnvironment', () => {
  it("names a folder of the extension's global storage for the code cache", () => {
    const storage = join('/home', 'me', '.config', 'Code', 'User', 'globalStorage', 'vscode-daemonset.vscode-daemonset');
    assert.deepEqual(serverEnvironment({ scheme: 'file', fsPath: storage }), { [CODE_CACHE_DIR_ENV]: join(storage, 'code-cache') });
  });

  it('names none when the storage is not a local folder', () => {
    assert.deepEqual(serverEnvironment({ scheme: 'vscode-userdata', fsPath: '/User/globalStorage/x' }), {});
    assert.deepEqual(serverEnvironment({ scheme: 'file', fsPath: '' }), {});
    assert.deepEqual(serverEnvironment(undefined), {});
  });
});
