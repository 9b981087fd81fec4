import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderedSourceUri } from '../../../server/src/protocol/kustomizeRequest';

describe('renderedSourceUri', () => {
  it('reads the kustomization back from a rendered document\'s URI, as the client spells it', () => {
    const source = 'file:///home/user/my repo/overlays/prod/kustomization.yaml';
    assert.equal(renderedSourceUri(`daemonset-rendered:/overlays/prod%20(rendered).yaml?${encodeURIComponent(source)}`), source);
  });

  it('answers undefined for any other URI', () => {
    for (const uri of ['file:///w/a.yaml', 'untitled:Untitled-1', 'daemonset-rendered:/x.yaml', 'daemonset-rendered:/x.yaml?%E0%A4%A']) {
      assert.equal(renderedSourceUri(uri), undefined, uri);
    }
  });
});
