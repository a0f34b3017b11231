/**
 * The broker-side rate of an ingest run's steady stage, from a timeline of the topic's message
 * count sampled every `intervalMs` (broker-count.ts --watch). The run starts after the last
 * sample that saw no records and ends by the first that saw the final count, so
 * [last empty + ramp + interval, first final − interval] lies inside the steady stage whatever
 * the sampling phase; a second interval of margin on each side absorbs acknowledgement delays.
 */
export interface Sample {
  /** epoch ms */
  t: number;
  messages: number;
}

export interface SteadyRate {
  eventsPerSecond: number;
  /** the window actually measured, ms from the first sample */
  fromMs: number;
  toMs: number;
}

export function steadyRate(samples: readonly Sample[], rampMs: number, intervalMs: number): SteadyRate | undefined {
  if (samples.length < 2) return undefined;
  const final = samples[samples.length - 1]!.messages;
  if (final === 0) return undefined;
  let lastEmpty = samples[0]!.t - intervalMs; // no empty sample: the run started before watching
  for (const s of samples) if (s.messages === 0) lastEmpty = s.t;
  const firstFinal = samples.find((s) => s.messages === final)!.t;
  const from = lastEmpty + rampMs + 2 * intervalMs;
  const to = firstFinal - 2 * intervalMs;
  const inside = samples.filter((s) => s.t >= from && s.t <= to);
  if (inside.length < 2) return undefined;
  const a = inside[0]!;
  const b = inside[inside.length - 1]!;
  const origin = samples[0]!.t;
  return { eventsPerSecond: ((b.messages - a.messages) * 1000) / (b.t - a.t), fromMs: a.t - origin, toMs: b.t - origin };
}

/** Parses broker-count.ts --watch output (JSON lines), skipping blank lines. */
export function parseTimeline(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Sample);
}
