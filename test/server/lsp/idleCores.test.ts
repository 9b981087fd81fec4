/** The idle-cores meter that decides whether the validation worker takes a share of a large open. */
import assert from 'node:assert/strict';
import type { CpuInfo } from 'node:os';
import { describe, it } from 'node:test';
import { idleCoresBetween, IdleCoresMeter, sampleCpus, type CpuSample } from '../../../server/src/lsp/idleCores';

const core = (idle: number, user: number): CpuInfo => ({ model: 'x', speed: 1, times: { idle, user, nice: 0, sys: 0, irq: 0 } });

describe('idle cores', () => {
  it('sums the cores of os.cpus()', () => {
    assert.deepEqual(sampleCpus(() => [core(10, 5), core(20, 1)]), { idle: 30, total: 36, cores: 2 });
  });

  it('is the idle share of the time between two samples, times the cores', () => {
    const table: Array<[CpuSample, CpuSample, number | undefined]> = [
      // Two cores, both idle the whole second.
      [{ idle: 0, total: 0, cores: 2 }, { idle: 2000, total: 2000, cores: 2 }, 2],
      // One core busy (a test run), one idle.
      [{ idle: 100, total: 200, cores: 2 }, { idle: 1100, total: 2200, cores: 2 }, 1],
      // Both busy: no core free.
      [{ idle: 100, total: 200, cores: 2 }, { idle: 150, total: 2200, cores: 2 }, 0.05],
      // No time passed, or the cores changed (a CPU taken offline): no answer.
      [{ idle: 100, total: 200, cores: 2 }, { idle: 100, total: 200, cores: 2 }, undefined],
      [{ idle: 100, total: 200, cores: 2 }, { idle: 900, total: 1200, cores: 1 }, undefined],
    ];
    for (const [before, after, idle] of table) assert.equal(idleCoresBetween(before, after), idle);
  });

  it('answers from the last period the meter sampled, through the time it is asked', () => {
    const samples: CpuSample[] = [
      { idle: 0, total: 0, cores: 2 },
      { idle: 100, total: 2000, cores: 2 },
    ];
    let at = 0;
    const meter = new IdleCoresMeter(() => samples[Math.min(at++, samples.length - 1)]);
    try {
      // The first sample at construction, the second when asked: busy meanwhile.
      assert.equal(meter.idleCores(), 0.1);
    } finally {
      meter.dispose();
    }
  });
});
