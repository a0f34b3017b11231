/** `new SchemaRegistry(config?)`: local serde, subject names, and registry lookups when `url` is set. */
import type { VUContext } from '../../../../vu-context/context.ts';
import { Config } from './config.ts';
import { SCHEMA_TYPE } from './constants.ts';
import { ErrorCode, KafkaError, notEnoughArguments } from './errors.ts';
import { RegistryClient, type Schema, type SchemaReference } from './registry-client.ts';
import { deserialize, serialize } from './serde.ts';
import { getSubjectName } from './subject-name.ts';

export function defineSchemaRegistry(vu: VUContext) {
  return class SchemaRegistry {
    readonly #client: RegistryClient | undefined;
    readonly #cache = new Map<string, Schema>();

    constructor(config: unknown = {}) {
      const cfg = new Config(config, 'SchemaRegistryConfig');
      const url = cfg.str('url');
      const auth = cfg.sub('basicAuth');
      this.#client = url ? new RegistryClient(url, { username: auth.str('username'), password: auth.str('password') }) : undefined;
    }

    #registry(): RegistryClient {
      if (!this.#client) {
        throw new KafkaError(
          ErrorCode.SchemaRegistryNotConfigured,
          'Schema registry client is not configured.',
          'pass { url } to new SchemaRegistry()',
        );
      }
      return this.#client;
    }

    getSchema(schema: unknown): Promise<Schema> {
      if (schema === undefined) throw notEnoughArguments();
      const cfg = new Config(schema, 'Schema');
      const subject = cfg.str('subject');
      const caching = cfg.bool('enableCaching');
      const cached = caching ? this.#cache.get(subject) : undefined;
      if (cached) return Promise.resolve(cached);
      const client = this.#registry();
      return vu.track(
        client.getSchema(subject, cfg.num('version', 0), caching).then((s) => {
          if (caching) this.#cache.set(subject, s);
          return s;
        }),
        'getSchema()',
      );
    }

    createSchema(schema: unknown): Promise<Schema> {
      if (schema === undefined) throw notEnoughArguments();
      const cfg = new Config(schema, 'Schema');
      const subject = cfg.str('subject');
      const caching = cfg.bool('enableCaching');
      const client = this.#registry();
      const references = (cfg.raw('references') as SchemaReference[] | undefined) ?? [];
      return vu.track(
        client
          .createSchema(subject, cfg.str('schema'), cfg.str('schemaType', SCHEMA_TYPE.AVRO).toUpperCase(), references, caching)
          .then((s) => {
            if (caching) this.#cache.set(subject, s);
            return s;
          }),
        'createSchema()',
      );
    }

    getSubjectName(config: unknown): string {
      return getSubjectName(config);
    }

    serialize(container: unknown): Uint8Array {
      return serialize(container);
    }

    deserialize(container: unknown): unknown {
      return deserialize(container);
    }
  };
}
