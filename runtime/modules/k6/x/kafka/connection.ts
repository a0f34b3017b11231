/**
 * `new Connection({address})` (v1; listTopics → string[]) and `new AdminClient({brokers})` (v2;
 * listTopics → TopicInfo[]). Both use one Admin client per worker for equal broker settings and
 * connect on first use (xk6-kafka dials in the constructor; scripts cannot tell the difference).
 */
import { Admin } from '@platformatic/kafka';
import type { VUContext } from '../../../../vu-context/context.ts';
import { isNetworkError, isTopicAlreadyExisting, unreachable, withDeadline } from './broker-errors.ts';
import { clientOptions, connectionKey, type ClientOptions } from './client-options.ts';
import { clientPool } from './client-pool.ts';
import { Config } from './config.ts';
import { ErrorCode, KafkaError, notEnoughArguments } from './errors.ts';

interface PartitionInfo {
  id: number;
  leader: number;
  replicas: number[];
  isrs: number[];
  error: string;
}

interface TopicInfo {
  topic: string;
  partitions: PartitionInfo[];
  error: string;
}

class SharedAdmin {
  readonly admin: Admin;
  private connected = false;

  constructor(readonly client: ClientOptions) {
    this.admin = new Admin({ clientId: 'streamprobe-admin', ...client, retries: 2, retryDelay: 250 });
  }

  async run<T>(op: (admin: Admin) => Promise<T>, code: number, message: string): Promise<T> {
    const request = op(this.admin);
    try {
      const result = this.connected ? await request : await withDeadline(request, this.client.connectTimeout, 'connecting to Kafka');
      this.connected = true;
      return result;
    } catch (err) {
      request.catch(() => {});
      if (!this.connected && (isNetworkError(err) || /timed out/.test(String((err as Error).message)))) {
        throw unreachable(this.client.bootstrapBrokers, err);
      }
      this.connected ||= !isNetworkError(err);
      throw new KafkaError(code, message, err);
    }
  }
}

export function defineAdmin(vu: VUContext, listTopicsAsInfo: boolean) {
  return class Connection {
    readonly #key: string;
    readonly #shared: SharedAdmin;
    #closed = false;

    constructor(config: unknown = {}) {
      const cfg = new Config(config, listTopicsAsInfo ? 'AdminClientConfig' : 'ConnectionConfig');
      const address = cfg.str('address');
      const brokers = cfg.strings('brokers');
      const client = clientOptions(cfg, brokers.length > 0 ? brokers : address ? [address] : ['localhost:9092']);
      this.#key = `admin:${connectionKey(client)}`;
      this.#shared = clientPool(vu).acquire(
        this.#key,
        () => new SharedAdmin(client),
        (s) => s.admin.close(),
      );
    }

    #run<T>(call: string, op: (admin: Admin) => Promise<T>, code: number, message: string): Promise<T> {
      if (this.#closed) throw new KafkaError(code, message, 'the connection is closed');
      return vu.track(this.#shared.run(op, code, message), call);
    }

    createTopic(config: unknown): Promise<void> {
      if (config === undefined) throw notEnoughArguments();
      const cfg = new Config(config, 'TopicConfig');
      const topic = cfg.str('topic');
      const numPartitions = cfg.num('numPartitions', 0);
      const replicationFactor = cfg.num('replicationFactor', 0);
      const assignments = (cfg.raw('replicaAssignments') as { partition: number; replicas: number[] }[] | undefined) ?? [];
      const configs = ((cfg.raw('configEntries') as { configName: string; configValue: string }[] | undefined) ?? []).map((e) => {
        const entry = new Config(e, 'TopicConfig.configEntries[]');
        return { name: entry.str('configName'), value: entry.str('configValue') };
      });
      return this.#run(
        'createTopic()',
        async (admin) => {
          // as xk6-kafka (kafka-go's CreateTopics): an existing topic is not an error, so the
          // `if (__VU == 0) createTopic(...)` of its examples passes in setup and teardown's init too
          await admin
            .createTopics({
              topics: [topic],
              ...(assignments.length > 0
                ? { partitions: -1, replicas: -1, assignments: assignments.map((a) => ({ partition: a.partition, brokers: a.replicas })) }
                : { partitions: numPartitions > 0 ? numPartitions : 1, replicas: replicationFactor > 0 ? replicationFactor : 1 }),
              configs,
            })
            .catch((err: unknown) => {
              if (!isTopicAlreadyExisting(err)) throw err;
            });
        },
        ErrorCode.FailedToCreateTopic,
        `Failed to create topic "${topic}".`,
      );
    }

    deleteTopic(topic: string): Promise<void> {
      if (topic === undefined) throw notEnoughArguments();
      return this.#run(
        'deleteTopic()',
        (admin) => admin.deleteTopics({ topics: [topic] }),
        ErrorCode.FailedToDeleteTopic,
        `Failed to delete topic "${topic}".`,
      );
    }

    listTopics(): Promise<string[] | TopicInfo[]> {
      return this.#run(
        'listTopics()',
        async (admin) => {
          const names = await admin.listTopics();
          if (!listTopicsAsInfo) return [...new Set(names)];
          return Promise.all(names.map((n) => topicInfo(admin, n)));
        },
        ErrorCode.FailedToReadPartitions,
        'Failed to read partitions.',
      );
    }

    getMetadata(topic: string): Promise<TopicInfo> {
      if (topic === undefined) throw notEnoughArguments();
      return this.#run('getMetadata()', (admin) => topicInfo(admin, topic), ErrorCode.FailedToReadPartitions, 'Failed to read partitions.');
    }

    close(): Promise<void> {
      if (this.#closed) return Promise.resolve();
      this.#closed = true;
      return vu.track(clientPool(vu).release(this.#key));
    }
  };
}

async function topicInfo(admin: Admin, topic: string): Promise<TopicInfo> {
  const metadata = await admin.metadata({ topics: [topic] });
  const t = metadata.topics.get(topic);
  const partitions = (t?.partitions ?? []).map((p, id) => ({ id, leader: p.leader, replicas: p.replicas, isrs: p.isr, error: '' }));
  return { topic, partitions, error: t ? '' : 'unknown topic' };
}
