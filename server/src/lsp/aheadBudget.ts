/**
 * Which documents are validated while the debounce waits (the LSP layer's `validateAhead`): those
 * whose validation after an edit fits a budget, as their last validations took. A request typed
 * meanwhile waits on such a validation, and it runs on every keystroke, not once typing pauses.
 * What is timed is the validation alone, ahead or after the debounce: the publish's encoding, a few
 * milliseconds of copying, runs in a turn of its own in both.
 *
 * The quickest of a document's last few validations decides: a garbage collection or another
 * process on the machine only ever adds to a validation's time. Judged on its last time alone, a
 * document near the budget flipped between validated ahead and not on a busy machine (a slow one
 * turned the next edit's off, whose quick publish turned the one after back on), and each edit left
 * to the debounce published its validation and encoding later (about 30 ms at 1,000 public-chart
 * DaemonSets).
 */
export class AheadBudget {
  /** Per document URI, its last validation times (ms), the most recent last. */
  private readonly times = new Map<string, number[]>();

  constructor(
    private readonly budgetMs: number,
    private readonly samples: number,
  ) {}

  /** A validation of the document after an edit took `ms`. */
  note(uri: string, ms: number): void {
    const times = this.times.get(uri) ?? [];
    times.push(ms);
    if (times.length > this.samples) times.shift();
    this.times.set(uri, times);
  }

  /** Whether the document's next edit is validated ahead: yes while its time is unknown. */
  allows(uri: string): boolean {
    const times = this.times.get(uri);
    return times === undefined || Math.min(...times) <= this.budgetMs;
  }

  /** Its times say nothing of its next edit's (it was just opened, or closed). */
  forget(uri: string): void {
    this.times.delete(uri);
  }
}
