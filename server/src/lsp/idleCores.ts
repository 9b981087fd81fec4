/**
 * How many of the machine's cores were idle just now: the validation worker thread is worth
 * starting on a large open only when a core is free for it. The load average answers too late
 * (a one-minute mean still counts a test or build that ended a minute ago, and misses one that
 * began a second ago), so this meter samples the kernel's per-core times (`os.cpus()`, /proc/stat
 * on Linux) every half second and compares the last two samples.
 */
import { cpus, type CpuInfo } from 'node:os';

/** Idle and total CPU time, summed over the cores, at one moment (milliseconds, as os.cpus gives them). */
export interface CpuSample {
  idle: number;
  total: number;
  cores: number;
}

export function sampleCpus(read: () => CpuInfo[] = cpus): CpuSample {
  let idle = 0;
  let total = 0;
  const all = read();
  for (const { times } of all) {
    idle += times.idle;
    total += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  return { idle, total, cores: all.length };
}

/** The idle cores between two samples: the idle share of the time that passed, times the cores; undefined when no time passed. */
export function idleCoresBetween(before: CpuSample, after: CpuSample): number | undefined {
  const total = after.total - before.total;
  if (total <= 0 || after.cores !== before.cores) return undefined;
  return (Math.max(0, after.idle - before.idle) / total) * after.cores;
}

const SAMPLE_MS = 500;

export class IdleCoresMeter {
  private previous: CpuSample;
  private latest: CpuSample;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly read: () => CpuSample = () => sampleCpus()) {
    this.previous = this.latest = read();
    // Never keeps the process alive.
    this.timer = setInterval(() => {
      this.previous = this.latest;
      this.latest = this.read();
    }, SAMPLE_MS).unref();
  }

  /** The idle cores over the last half second to second; undefined before the first period is over. */
  idleCores(): number | undefined {
    return idleCoresBetween(this.previous, this.read());
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}
