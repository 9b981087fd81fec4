import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBytesForPeople, formatQuantity, formatQuantityForPeople, parseQuantity } from '../../../server/src/model/quantity';

const people = (text: string, resource: string) => formatQuantityForPeople(parseQuantity(text)!, resource);

describe('formatQuantityForPeople', () => {
  it('CPU in cores with up to two decimals, millicores only below one core', () => {
    assert.equal(people('149850m', 'cpu'), '149.85 CPU');
    assert.equal(people('1500m', 'cpu'), '1.5 CPU');
    assert.equal(people('2', 'cpu'), '2 CPU');
    assert.equal(people('1', 'cpu'), '1 CPU');
    assert.equal(people('1004m', 'cpu'), '1 CPU');
    assert.equal(people('250m', 'cpu'), '250m');
    assert.equal(people('999m', 'cpu'), '999m');
    assert.equal(people('0.5m', 'cpu'), '1m', 'rounded up to a millicore, as Quantity.MilliValue does');
  });

  it('memory and storage in binary units with up to one decimal', () => {
    assert.equal(people('191808Mi', 'memory'), '187.3 GiB');
    assert.equal(people('64Mi', 'memory'), '64 MiB');
    assert.equal(people('1536Mi', 'memory'), '1.5 GiB');
    assert.equal(people('1G', 'memory'), '953.7 MiB');
    assert.equal(people('1023.99Mi', 'memory'), '1 GiB', 'never 1024.0 MiB');
    assert.equal(people('512', 'memory'), '512 B');
    assert.equal(people('32863892Ki', 'memory'), '31.3 GiB');
    assert.equal(people('263174212Ki', 'ephemeral-storage'), '251 GiB');
    assert.equal(people('3Ti', 'ephemeral-storage'), '3 TiB');
    assert.equal(people('2Mi', 'hugepages-2Mi'), '2 MiB');
  });

  it('other resources as a count; formatQuantity keeps the exact Kubernetes notation', () => {
    assert.equal(people('110', 'pods'), '110');
    assert.equal(formatQuantity(parseQuantity('149850m')!, 'cpu'), '149850m');
    assert.equal(formatQuantity(parseQuantity('191808Mi')!, 'memory'), '191808Mi');
  });
});

describe('formatBytesForPeople', () => {
  it('a byte count in binary units with up to one decimal, as the memory totals read', () => {
    assert.equal(formatBytesForPeople(100), '100 B');
    assert.equal(formatBytesForPeople(1536), '1.5 KiB');
    assert.equal(formatBytesForPeople(256 * 1024 * 1024), '256 MiB');
    assert.equal(formatBytesForPeople(1024 * 1024 - 1), '1 MiB', 'never 1024.0 KiB');
  });
});
