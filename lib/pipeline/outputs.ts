/**
 * Watches the pipeline's Kafka outputs while the load runs: every aggregate of the aggregates topic
 * (read_committed, as sut/README.md asks) with the time it became visible, and the dead-letter
 * topic's pass-through latency for this run's records. Each topic is read in a loop of its own:
 * a consume() keeps fetching until its limit or a maxWait without records, so a trickling topic
 * read in step with the other would hold the other's fetches back by seconds (measured: aggregates
 * seen up to 5 s after an independent reader saw them, when both were awaited together).
 */
import { sleep } from 'k6';
import { ISOLATION_LEVEL_READ_COMMITTED, Reader, type Message } from 'k6/x/kafka';
import { passThroughLatencyMs, visibleAtMs } from '../latency.ts';
import { fromBytes, readerConfig } from '../kafka.ts';
import type { ActualAggregate } from '../oracle/diff.ts';
import { windowId } from '../oracle/expected.ts';
import { COMPACT_STAMP_HEADER, parseCompactStamp } from '../stamp-headers.ts';
import { latency } from './metrics.ts';
import type { PipelineSettings } from './settings.ts';

const POLL = { limit: 5000, expectTimeout: true };

export class OutputWatcher {
  private readonly aggregates: Reader;
  private readonly dlq: Reader;
  /** every aggregate record read, in order */
  readonly values: ActualAggregate[] = [];
  /** window id → when its first value became visible (epoch ms) */
  readonly visible = new Map<string, number>();
  dlqRecords = 0;
  private stopping = false;
  private closed = false;
  private failure: unknown;
  private readonly loops: Promise<unknown>;

  constructor(
    settings: PipelineSettings,
    private readonly runId: string,
  ) {
    const group = `${runId}-watch-${Date.now().toString(36)}`;
    this.aggregates = new Reader(
      readerConfig(settings.topics.aggregates, {
        groupId: `${group}-aggregates`,
        maxWait: '200ms',
        isolationLevel: ISOLATION_LEVEL_READ_COMMITTED,
      }),
    );
    this.dlq = new Reader(readerConfig(settings.topics.dlq, { groupId: `${group}-dlq`, maxWait: '200ms' }));
    this.loops = Promise.all([
      this.watch(this.aggregates, (m, t) => this.aggregate(m, t)),
      this.watch(this.dlq, (m, t) => this.deadLetter(m, t)),
    ]).catch((err: unknown) => {
      this.stopping = true;
      this.failure = err;
    });
  }

  /** Lets the readers run for `seconds`; throws what stopped one of them. */
  async wait(seconds: number): Promise<void> {
    await sleep(seconds);
    if (this.failure !== undefined) throw this.failure;
  }

  /** Reads one topic until close(); await something else (sleep, another read) to let it run. */
  private async watch(reader: Reader, take: (m: Message, returnedMs: number) => void): Promise<void> {
    while (!this.stopping) {
      const messages = await reader.consume(POLL);
      const returned = Date.now();
      for (const m of messages) take(m, returned);
    }
  }

  private aggregate(m: Message, returned: number): void {
    if (m.value === undefined || m.value === null) return;
    const a = JSON.parse(fromBytes(m.value)) as ActualAggregate;
    this.values.push(a);
    const id = windowId(a.key, a.window_start_ms);
    if (!this.visible.has(id)) this.visible.set(id, visibleAtMs(m, returned));
  }

  private deadLetter(m: Message, returned: number): void {
    const header = m.headers?.[COMPACT_STAMP_HEADER];
    const stamp = header === undefined ? undefined : parseCompactStamp(fromBytes(header));
    if (stamp === undefined || stamp.runId !== this.runId) return;
    this.dlqRecords++;
    latency.e2e.add(passThroughLatencyMs(visibleAtMs(m, returned), stamp.intendedUs), { output: 'dlq' });
  }

  /** Stops both loops after their current read (up to maxWait) and closes the readers; once, later calls do nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopping = true;
    await this.loops;
    await Promise.all([this.aggregates.close(), this.dlq.close()]);
    if (this.failure !== undefined) throw this.failure;
  }
}
