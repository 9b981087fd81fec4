import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { nodeAgentCorpus } from '../../../bench/hardCorpus';
import { parseYamlFile } from '../../../server/src/model/yamlDocuments';
import { DocumentFactsCache } from '../../../server/src/service/documentFactsCache';
import { workloadsOfFile } from '../../../server/src/service/workspaceIndex';

describe('workloadsOfFile', () => {
  it('gives the workloads of a file one hidden class, at each reading of the file', () => {
    // A hidden class per workload cost about two kilobytes each, for every workload of a file at each edit.
    setFlagsFromString('--allow-natives-syntax');
    const sameHiddenClass = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
    const file = parseYamlFile(nodeAgentCorpus(20));
    const facts = new DocumentFactsCache();
    const first = workloadsOfFile('file:///agents.yaml', file, facts);
    const again = workloadsOfFile('file:///agents.yaml', file, facts);
    const daemonSets = [...first, ...again].filter((workload) => workload.kind === 'DaemonSet');
    assert.equal(daemonSets.length, 40);
    for (const workload of daemonSets) assert.ok(sameHiddenClass(daemonSets[0], workload), workload.name);
    // The summary's fields, and nothing of where the document stands, as before.
    const { uri, ranges: _ranges, daemonSet: _daemonSet, ...summary } = first[3];
    assert.equal(uri, 'file:///agents.yaml');
    assert.deepEqual(summary, facts.of(file.documents[3]).summary);
  });
});
