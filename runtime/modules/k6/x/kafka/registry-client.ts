/** Confluent Schema Registry REST calls (fetch). */
import { SCHEMA_TYPE } from './constants.ts';
import { ErrorCode, KafkaError } from './errors.ts';

export interface SchemaReference {
  name: string;
  subject: string;
  version: number;
}

export interface Schema {
  enableCaching: boolean;
  id: number;
  schema: string;
  schemaType: string;
  version: number;
  references: SchemaReference[];
  subject: string;
}

interface RegistryResponse {
  id?: number;
  version?: number;
  schema?: string;
  schemaType?: string;
  subject?: string;
  references?: SchemaReference[];
  message?: string;
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

export class RegistryClient {
  constructor(
    private readonly url: string,
    private readonly auth?: { username: string; password: string },
  ) {}

  private async call(method: string, path: string, body?: unknown): Promise<{ status: number; json: RegistryResponse }> {
    const headers: Record<string, string> = { Accept: CONTENT_TYPE };
    if (body !== undefined) headers['Content-Type'] = CONTENT_TYPE;
    if (this.auth?.username)
      headers.Authorization = `Basic ${Buffer.from(`${this.auth.username}:${this.auth.password}`).toString('base64')}`;
    const res = await fetch(`${this.url.replace(/\/+$/, '')}${path}`, {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    let json: RegistryResponse = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = { message: text };
    }
    return { status: res.status, json };
  }

  async getSchema(subject: string, version: number, enableCaching: boolean): Promise<Schema> {
    const path = `/subjects/${encodeURIComponent(subject)}/versions/${version > 0 ? version : 'latest'}`;
    let res;
    try {
      res = await this.call('GET', path);
    } catch (err) {
      throw new KafkaError(ErrorCode.SchemaNotFound, 'Failed to get schema from schema registry', `${this.url}: ${(err as Error).message}`);
    }
    if (res.status !== 200) {
      throw new KafkaError(
        ErrorCode.SchemaNotFound,
        'Failed to get schema from schema registry',
        `subject "${subject}": HTTP ${res.status} ${res.json.message ?? ''}`.trim(),
      );
    }
    return toSchema(res.json, subject, enableCaching);
  }

  async createSchema(
    subject: string,
    schema: string,
    schemaType: string,
    references: SchemaReference[],
    enableCaching: boolean,
  ): Promise<Schema> {
    const body = { schema, references, ...(schemaType !== SCHEMA_TYPE.AVRO && { schemaType }) };
    const fail = (cause: string) =>
      new KafkaError(ErrorCode.SchemaCreationFailed, 'Failed to create schema.', `subject "${subject}": ${cause}`);
    let created;
    let found;
    try {
      created = await this.call('POST', `/subjects/${encodeURIComponent(subject)}/versions`, body);
      if (created.status !== 200) throw fail(`HTTP ${created.status} ${created.json.message ?? ''}`.trim());
      // the registration answer has only the id; look the version up
      found = await this.call('POST', `/subjects/${encodeURIComponent(subject)}`, body);
    } catch (err) {
      if (err instanceof KafkaError) throw err;
      throw fail(`${this.url}: ${(err as Error).message}`);
    }
    return toSchema({ schema, schemaType, references, ...found.json, id: created.json.id }, subject, enableCaching);
  }
}

function toSchema(r: RegistryResponse, subject: string, enableCaching: boolean): Schema {
  return {
    enableCaching,
    id: r.id ?? 0,
    schema: r.schema ?? '',
    schemaType: r.schemaType ?? SCHEMA_TYPE.AVRO,
    version: r.version ?? 0,
    references: r.references ?? [],
    subject: r.subject ?? subject,
  };
}
