import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyKubectlFailure, getNodesArgs, getPodsArgs, inventoryFileName, listContextsArgs, parseContexts } from '../../../server/src/protocol/kubectl';

describe('kubectl import, pure parts', () => {
  it('builds arguments without a shell; the context is one --context= argument', () => {
    assert.deepEqual(listContextsArgs(), ['config', 'get-contexts', '-o', 'name']);
    assert.deepEqual(getNodesArgs({ context: '--kubeconfig=/etc/evil' }, 'yaml'), ['--context=--kubeconfig=/etc/evil', 'get', 'nodes', '-o', 'yaml', '--request-timeout=20s']);
    assert.deepEqual(getNodesArgs({ context: 'c', kubeconfig: '/tmp/k' }), ['--context=c', '--kubeconfig=/tmp/k', 'get', 'nodes', '-o', 'json', '--request-timeout=20s']);
    assert.deepEqual(getPodsArgs({ context: 'c' }), ['--context=c', 'get', 'pods', '--all-namespaces', '--field-selector=status.phase!=Succeeded,status.phase!=Failed', '-o', 'json', '--request-timeout=20s']);
    assert.deepEqual(getPodsArgs({ context: 'c' }, '-n'), ['--context=c', 'get', 'pods', '--namespace=-n', '--field-selector=status.phase!=Succeeded,status.phase!=Failed', '-o', 'json', '--request-timeout=20s']);
  });

  it('parses the context list and names the inventory file safely', () => {
    assert.deepEqual(parseContexts('kind-kind\r\n\narn:aws:eks:eu-west-1:1:cluster/prod\n'), ['kind-kind', 'arn:aws:eks:eu-west-1:1:cluster/prod']);
    assert.equal(inventoryFileName('kind-kind'), 'kind-kind.nodes.yaml');
    assert.equal(inventoryFileName('arn:aws:eks:eu-west-1:1:cluster/prod'), 'arn-aws-eks-eu-west-1-1-cluster-prod.nodes.yaml');
    assert.equal(inventoryFileName('../../etc'), 'etc.nodes.yaml');
    assert.equal(inventoryFileName('///'), 'cluster.nodes.yaml');
  });

  it('says what went wrong: missing kubectl, timeout, denied, unreachable, other', () => {
    assert.equal(classifyKubectlFailure({ code: 'ENOENT' }, '').problem, 'not-installed');
    assert.equal(classifyKubectlFailure({ killed: true, signal: 'SIGTERM' }, '').problem, 'timeout');
    const denied = classifyKubectlFailure({ code: 1 }, 'Error from server (Forbidden): nodes is forbidden: User "dev" cannot list resource "nodes"\n');
    assert.equal(denied.problem, 'denied');
    assert.match(denied.message, /nodes is forbidden/);
    assert.equal(classifyKubectlFailure({ code: 1 }, 'E1120 couldn\'t get current server API group list: dial tcp 127.0.0.1:6443: connect: connection refused').problem, 'unreachable');
    const other = classifyKubectlFailure({ code: 2 }, '\nerror: something odd\nmore');
    assert.deepEqual(other, { problem: 'failed', message: 'kubectl failed (exit 2): error: something odd' });
  });
});
