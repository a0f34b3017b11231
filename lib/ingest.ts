/**
 * The ingestion iteration shared by scripts/ingest-load.ts and the max-rate benchmark: a batch of
 * generated events, keyed by user and stamped, produced and checked. One instance per VU.
 */
import { check } from 'k6';
import type { Message, Writer } from 'k6/x/kafka';
import { EventGenerator, type EventGeneratorConfig } from './events.ts';
import { stampTimes, type Stamper } from './stamp-headers.ts';
import { generatorId, intendedStartMs, vuStamper } from './stamps.ts';

export interface IngestConfig {
  readonly topic: string;
  readonly batch: number;
  readonly seed: number;
  readonly users: number;
  /** late, out-of-order, duplicate and malformed fractions, pages, … (default: all valid, live) */
  readonly events?: Omit<EventGeneratorConfig, 'seed' | 'generatorId' | 'users'>;
}

const PRODUCED = { 'batch produced': (ok: boolean) => ok };

export class Ingest {
  /** built by the first iteration, since exec.vu is unavailable in the init context */
  private generator: EventGenerator | undefined;
  private stamper: Stamper | undefined;

  constructor(private readonly config: IngestConfig) {}

  /** The next batch, stamped with this iteration's intended start and the time of the produce call. */
  nextBatch(runId: string): Message[] {
    const { batch, seed, users, events: kinds } = this.config;
    this.generator ??= new EventGenerator({ ...kinds, seed, generatorId: generatorId(), users });
    const stamper = (this.stamper ??= vuStamper(runId));
    const intendedMs = intendedStartMs();
    const events = this.generator.batch(batch, intendedMs);
    // stamped after generation, so the sent time is when the produce call is made
    const times = stampTimes(intendedMs, Date.now());
    const messages = new Array<Message>(batch);
    for (let i = 0; i < batch; i++) {
      const e = events[i]!;
      // the generator's own bytes: no serialize() per record
      messages[i] = { key: e.keyBytes, value: e.valueBytes, headers: stamper.headers(times) };
    }
    return messages;
  }

  /** Produces and records the outcome as the "batch produced" check; a failure is logged, not thrown. */
  async produce(writer: Writer, messages: Message[]): Promise<boolean> {
    let ok = true;
    try {
      await writer.produce({ messages });
    } catch (err) {
      ok = false;
      console.error(`produce to ${this.config.topic} failed: ${String(err)}`);
    }
    check(ok, PRODUCED);
    return ok;
  }
}
