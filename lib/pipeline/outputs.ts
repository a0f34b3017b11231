/**
 * Watches the pipeline's Kafka outputs while the load runs: every aggregate of the aggregates topic
 * (read_committed, as sut/README.md asks) with the time it became visible, and the dead-letter
 * topic's pass-through latency for this run's records.
 */
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
  }

  /** Reads what arrived since the last poll (waits up to the readers' 200 ms when nothing did). */
  async poll(): Promise<void> {
    const [aggregates, dlq] = await Promise.all([this.aggregates.consume(POLL), this.dlq.consume(POLL)]);
    const returned = Date.now();
    for (const m of aggregates) this.aggregate(m, returned);
    for (const m of dlq) this.deadLetter(m, returned);
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

  async close(): Promise<void> {
    await Promise.all([this.aggregates.close(), this.dlq.close()]);
  }
}
