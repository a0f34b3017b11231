/**
 * The ingestion gateway: `POST /v1/events` with a JSON array of events → validated → produced to the events topic
 * (key = user_id, acks=all); `202 {"accepted": n}` only after Kafka acknowledged every record of the batch.
 * A malformed batch is rejected whole with `400 {"error": …}`. `GET /health` → `{"status":"ok", …}`.
 */
import { Producer, stringSerializers } from '@platformatic/kafka';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_MAX_EVENT_BYTES, validateEvent } from '../validate.ts';
import { batchStampHeaders } from './stamps.ts';

export interface GatewayOptions {
  brokers: string[];
  topic: string;
  port?: number;
  maxBodyBytes?: number;
  maxEventBytes?: number;
}

export interface Gateway {
  port: number;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const maxBody = opts.maxBodyBytes ?? 8 * 1024 * 1024;
  const maxEvent = opts.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
  const producer = new Producer({
    clientId: 'sut-ingest',
    bootstrapBrokers: opts.brokers,
    serializers: stringSerializers,
    idempotent: true,
    acks: -1,
  });
  let accepted = 0;
  let rejected = 0;

  async function ingest(req: IncomingMessage): Promise<number> {
    const body = await readBody(req, maxBody);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch (err) {
      throw new HttpError(400, `body is not JSON: ${(err as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw new HttpError(400, 'body must be a JSON array of events');
    const values = parsed.map((event: unknown, i) => {
      const checked = validateEvent(event);
      if (!checked.ok) throw new HttpError(400, `event ${i}: ${checked.reason}`);
      const value = JSON.stringify(checked.event);
      if (Buffer.byteLength(value) > maxEvent)
        throw new HttpError(400, `event ${i}: oversized: ${Buffer.byteLength(value)} bytes > ${maxEvent}`);
      return { key: checked.event.user_id, value };
    });
    const headers = batchStampHeaders(req.headers, values.length);
    if (typeof headers === 'string') throw new HttpError(400, headers);
    if (values.length === 0) return 0;
    try {
      await producer.send({ messages: values.map((v, i) => ({ topic: opts.topic, key: v.key, value: v.value, headers: headers[i] })) });
    } catch (err) {
      throw new HttpError(503, `Kafka did not acknowledge the batch: ${(err as Error).message}`);
    }
    return values.length;
  }

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/health') {
      return reply(res, 200, { status: 'ok', topic: opts.topic, accepted, rejected });
    }
    if (path !== '/v1/events') return reply(res, 404, { error: `no route ${req.method} ${path}; use POST /v1/events or GET /health` });
    if (req.method !== 'POST') return reply(res, 405, { error: 'use POST with a JSON array of events' });
    ingest(req).then(
      (n) => {
        accepted += n;
        reply(res, 202, { accepted: n });
      },
      (err: unknown) => {
        rejected++;
        const status = err instanceof HttpError ? err.status : 500;
        reply(res, status, { error: (err as Error).message });
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await producer.close();
    },
  };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, `body larger than ${limit} bytes; send smaller batches`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
