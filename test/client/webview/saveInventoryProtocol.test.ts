/** The "Save to inventory" messages: validated on both sides, anything odd is dropped. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHostMessage, parseWebviewMessage } from '../../../client/src/webview/protocol';

const edit = { start: 3, end: 5, newText: 'x' };

describe('saveInventory / inventorySaved messages', () => {
  it('accepts well-formed edits and copies only known fields', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'saveInventory', edits: [{ uri: 'file:///a', version: 2, edits: [{ ...edit, extra: 1 }], more: true }] }), {
      type: 'saveInventory',
      edits: [{ uri: 'file:///a', version: 2, edits: [edit] }],
    });
    assert.deepEqual(parseWebviewMessage({ type: 'saveInventory', edits: [{ uri: 'file:///a', edits: [edit, { start: 5, end: 5, newText: 'y' }] }] }), {
      type: 'saveInventory',
      edits: [{ uri: 'file:///a', edits: [edit, { start: 5, end: 5, newText: 'y' }] }],
    });
  });

  it('rejects malformed, overlapping, unsorted, empty or duplicate edits', () => {
    const bad: unknown[] = [
      { type: 'saveInventory' },
      { type: 'saveInventory', edits: [] },
      { type: 'saveInventory', edits: [{ uri: 'file:///a', edits: [] }] },
      { type: 'saveInventory', edits: [{ uri: 1, edits: [edit] }] },
      { type: 'saveInventory', edits: [{ uri: 'file:///a', version: -1, edits: [edit] }] },
      { type: 'saveInventory', edits: [{ uri: 'file:///a', edits: [{ start: 5, end: 3, newText: '' }] }] },
      { type: 'saveInventory', edits: [{ uri: 'file:///a', edits: [{ start: 0.5, end: 3, newText: '' }] }] },
      { type: 'saveInventory', edits: [{ uri: 'file:///a', edits: [{ start: 0, end: 3, newText: 7 }] }] },
      { type: 'saveInventory', edits: [{ uri: 'file:///a', edits: [{ start: 0, end: 4, newText: '' }, edit] }] },
      { type: 'saveInventory', edits: [{ uri: 'file:///a', edits: [{ start: 9, end: 9, newText: '' }, edit] }] },
      { type: 'saveInventory', edits: [{ uri: 'file:///a', edits: [edit] }, { uri: 'file:///a', edits: [edit] }] },
    ];
    for (const message of bad) assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message));
  });

  it('parses the host’s answer', () => {
    assert.deepEqual(parseHostMessage({ type: 'inventorySaved', ok: true }), { type: 'inventorySaved', ok: true });
    assert.deepEqual(parseHostMessage({ type: 'inventorySaved', ok: false, error: 'no' }), { type: 'inventorySaved', ok: false, error: 'no' });
    assert.equal(parseHostMessage({ type: 'inventorySaved', ok: 'yes' }), undefined);
    assert.equal(parseHostMessage({ type: 'inventorySaved', ok: false, error: 3 }), undefined);
  });
});
