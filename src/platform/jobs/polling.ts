/**
 * Calls `step` while it finds work, then again `pollMs` after it found none, until stopped: the
 * loop of the queues kept in the database (jobs, webhook deliveries), which any process may fill.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(
    /** One unit of work; false when there was nothing to do. */
    private readonly step: () => Promise<boolean>,
    private readonly pollMs: number,
    /** The queue could not be read: said, and tried again at the next poll. */
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the work in hand. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.runWhileBusy()
        .catch(this.onError)
        .finally(() => {
          this.running = null;
          this.schedule(this.pollMs);
        });
    }, delay);
  }

  private async runWhileBusy(): Promise<void> {
    while (!this.stopped && (await this.step()));
  }
}
