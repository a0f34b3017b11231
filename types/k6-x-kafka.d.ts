/**
 * Types for `k6/x/kafka` (xk6-kafka v1.x and the v2 names), written for streamprobe from the
 * documented API (reference/k6-compat-spec.md §11). Not the upstream api-docs file: constant
 * values here are the ones the extension really exports (e.g. `KEY = "key"`, `TLS_1_2 = "tls1.2"`).
 *
 * Calls that do I/O are typed `T | Promise<T>`: real k6 returns plain values, streamprobe's
 * runtime returns promises for `async` scripts. Write `await writer.produce(...)`: it works in both.
 * Config durations are nanoseconds (use the time constants), except `ReaderConfig.maxWait`,
 * a Go duration string such as "5s".
 */
declare module 'k6/x/kafka' {
  /** Bytes as xk6-kafka accepts and returns them. */
  export type Bytes = Uint8Array | ArrayBuffer | number[];

  // --- constants -----------------------------------------------------------------------------
  export const TLS_1_0: 'tls1.0';
  export const TLS_1_1: 'tls1.1';
  export const TLS_1_2: 'tls1.2';
  export const TLS_1_3: 'tls1.3';

  export const NONE: 'none';
  export const SASL_PLAIN: 'sasl_plain';
  export const SASL_SCRAM_SHA256: 'sasl_scram_sha256';
  export const SASL_SCRAM_SHA512: 'sasl_scram_sha512';
  export const SASL_SSL: 'sasl_ssl';
  export const SASL_AWS_IAM: 'sasl_aws_iam';
  /** v2 */
  export const SASL_GSSAPI: 'sasl_gssapi';
  /** v2 */
  export const SASL_AZURE_ENTRA: 'sasl_azure_entra';
  /** v2 */
  export const SASL_GCP_OAUTH: 'sasl_gcp_oauth';

  export const CODEC_GZIP: 'gzip';
  export const CODEC_SNAPPY: 'snappy';
  export const CODEC_LZ4: 'lz4';
  export const CODEC_ZSTD: 'zstd';

  export const BALANCER_ROUND_ROBIN: 'balancer_roundrobin';
  export const BALANCER_LEAST_BYTES: 'balancer_leastbytes';
  export const BALANCER_HASH: 'balancer_hash';
  export const BALANCER_CRC32: 'balancer_crc32';
  export const BALANCER_MURMUR2: 'balancer_murmur2';

  export const GROUP_BALANCER_RANGE: 'group_balancer_range';
  export const GROUP_BALANCER_ROUND_ROBIN: 'group_balancer_round_robin';
  export const GROUP_BALANCER_RACK_AFFINITY: 'group_balancer_rack_affinity';

  export const ISOLATION_LEVEL_READ_UNCOMMITTED: 'isolation_level_read_uncommitted';
  export const ISOLATION_LEVEL_READ_COMMITTED: 'isolation_level_read_committed';

  export const START_OFFSETS_FIRST_OFFSET: 'start_offsets_first_offset';
  export const START_OFFSETS_LAST_OFFSET: 'start_offsets_last_offset';
  /** legacy alias of START_OFFSETS_FIRST_OFFSET */
  export const FIRST_OFFSET: 'start_offsets_first_offset';
  /** legacy alias of START_OFFSETS_LAST_OFFSET */
  export const LAST_OFFSET: 'start_offsets_last_offset';

  export const TOPIC_NAME_STRATEGY: 'TopicNameStrategy';
  export const RECORD_NAME_STRATEGY: 'RecordNameStrategy';
  export const TOPIC_RECORD_NAME_STRATEGY: 'TopicRecordNameStrategy';

  export const KEY: 'key';
  export const VALUE: 'value';

  export const SCHEMA_TYPE_STRING: 'STRING';
  export const SCHEMA_TYPE_BYTES: 'BYTES';
  export const SCHEMA_TYPE_AVRO: 'AVRO';
  export const SCHEMA_TYPE_JSON: 'JSON';
  export const SCHEMA_TYPE_PROTOBUF: 'PROTOBUF';

  /** time units in nanoseconds */
  export const NANOSECOND: 1;
  export const MICROSECOND: 1000;
  export const MILLISECOND: 1000000;
  export const SECOND: 1000000000;
  export const MINUTE: 60000000000;
  export const HOUR: 3600000000000;

  export type TLSVersion = typeof TLS_1_0 | typeof TLS_1_1 | typeof TLS_1_2 | typeof TLS_1_3;
  export type SASLMechanism =
    | typeof NONE
    | typeof SASL_PLAIN
    | typeof SASL_SCRAM_SHA256
    | typeof SASL_SCRAM_SHA512
    | typeof SASL_SSL
    | typeof SASL_AWS_IAM
    | typeof SASL_GSSAPI
    | typeof SASL_AZURE_ENTRA
    | typeof SASL_GCP_OAUTH;
  export type CompressionCodec = typeof CODEC_GZIP | typeof CODEC_SNAPPY | typeof CODEC_LZ4 | typeof CODEC_ZSTD;
  export type BalancerName =
    | typeof BALANCER_ROUND_ROBIN
    | typeof BALANCER_LEAST_BYTES
    | typeof BALANCER_HASH
    | typeof BALANCER_CRC32
    | typeof BALANCER_MURMUR2;
  export type BalancerFunction = (key: Uint8Array, partitionCount: number) => number;
  export type GroupBalancer = typeof GROUP_BALANCER_RANGE | typeof GROUP_BALANCER_ROUND_ROBIN | typeof GROUP_BALANCER_RACK_AFFINITY;
  export type IsolationLevel = typeof ISOLATION_LEVEL_READ_UNCOMMITTED | typeof ISOLATION_LEVEL_READ_COMMITTED;
  export type StartOffset = typeof START_OFFSETS_FIRST_OFFSET | typeof START_OFFSETS_LAST_OFFSET | `${number}`;
  export type SubjectNameStrategy = typeof TOPIC_NAME_STRATEGY | typeof RECORD_NAME_STRATEGY | typeof TOPIC_RECORD_NAME_STRATEGY;
  export type Element = typeof KEY | typeof VALUE;
  export type SchemaType =
    | typeof SCHEMA_TYPE_STRING
    | typeof SCHEMA_TYPE_BYTES
    | typeof SCHEMA_TYPE_AVRO
    | typeof SCHEMA_TYPE_JSON
    | typeof SCHEMA_TYPE_PROTOBUF;

  // --- configs -------------------------------------------------------------------------------
  export interface KerberosConfig {
    serviceName?: string;
    principal?: string;
    kInitCmd?: string;
    keyTab?: string;
    minTimeBeforeRelogin?: number;
  }

  export interface SASLConfig {
    username?: string;
    password?: string;
    algorithm: SASLMechanism;
    awsProfile?: string;
    /** v2 */
    kerberosConfig?: KerberosConfig;
  }

  export interface TLSConfig {
    enableTls: boolean;
    insecureSkipTlsVerify?: boolean;
    minVersion?: TLSVersion;
    /** PEM text or a file path */
    clientCertPem?: string;
    clientKeyPem?: string;
    serverCaPem?: string;
  }

  export interface WriterConfig {
    brokers: string[];
    /** writer-level topic; leave unset to give each message its own `topic` */
    topic?: string;
    autoCreateTopic?: boolean;
    /**
     * @deprecated xk6-kafka v2 refuses any balancer ("Writer balancer configuration is not supported on the
     * Confluent compatibility path."); leave it unset: the default partitioner, consistent_random (CRC-32 of the
     * key; keyless records anywhere), keeps each key on one partition.
     */
    balancer?: BalancerName | BalancerFunction;
    compression?: CompressionCodec;
    /** messages per batch; xk6-kafka v1 uses 1 when unset */
    batchSize?: number;
    batchBytes?: number;
    /** ns; default 1s */
    batchTimeout?: number;
    /** ns */
    readTimeout?: number;
    /** ns */
    writeTimeout?: number;
    maxAttempts?: number;
    /** 0 none (the default when unset: produce() does not wait for the broker), 1 leader, -1 all */
    requiredAcks?: number;
    sasl?: SASLConfig;
    tls?: TLSConfig;
    connectLogger?: boolean;
  }

  export interface Message {
    topic?: string;
    /** ignored when writing (the partitioner picks the partition) */
    partition?: number;
    offset?: number;
    /** as consumed */
    highWaterMark?: number;
    /** upstream typings spell it this way; the runtime object uses highWaterMark */
    highwaterMark?: number;
    /** produced from bytes; v1 decodes a plain string as base64, v2 as UTF-8 */
    key?: Bytes | string;
    value?: Bytes | string | null;
    /** produce: values are written as Go's %v prints them (1e6 → "1e+06"); consume: each value is a byte array */
    headers?: Record<string, string | number | Bytes>;
    /** produce: a Date (default: send time); consume: an RFC 3339 string */
    time?: Date | string;
    /**
     * consume, streamprobe only (absent in k6/xk6-kafka): epoch ms (integer, Date.now() resolution) when the
     * fetch response that carried the message arrived — when it became visible to this reader, not when
     * consume() returned (a consume waiting for more records does not add its wait). Fall back to the
     * call's return time when absent.
     */
    visibleAt?: number;
  }

  export interface ProduceConfig {
    messages: Message[];
  }

  export interface ReaderConfig {
    brokers: string[];
    topic?: string;
    partition?: number;
    groupId?: string;
    groupID?: string;
    groupTopics?: string[];
    offset?: number;
    startOffset?: StartOffset;
    /** Go duration string, e.g. "5s": the wait for each message (default 5s) */
    maxWait?: string;
    minBytes?: number;
    maxBytes?: number;
    queueCapacity?: number;
    readBatchTimeout?: number;
    readLagInterval?: number;
    heartbeatInterval?: number;
    commitInterval?: number;
    partitionWatchInterval?: number;
    watchPartitionChanges?: boolean;
    sessionTimeout?: number;
    rebalanceTimeout?: number;
    joinGroupBackoff?: number;
    retentionTime?: number;
    readBackoffMin?: number;
    readBackoffMax?: number;
    maxAttempts?: number;
    groupBalancers?: GroupBalancer[];
    isolationLevel?: IsolationLevel;
    sasl?: SASLConfig;
    tls?: TLSConfig;
    connectLogger?: boolean;
  }

  export interface ConsumeConfig {
    /** messages to read (default and minimum 1) */
    limit?: number;
    /** v2 name for limit; wins when both are set */
    maxMessages?: number;
    nanoPrecision?: boolean;
    /** return what was read so far instead of throwing when maxWait elapses */
    expectTimeout?: boolean;
  }

  export interface ConnectionConfig {
    address?: string;
    /** v2 */
    brokers?: string[];
    sasl?: SASLConfig;
    tls?: TLSConfig;
  }

  export interface ReplicaAssignment {
    partition: number;
    replicas: number[];
  }

  export interface ConfigEntry {
    configName: string;
    configValue: string;
  }

  export interface TopicConfig {
    topic: string;
    numPartitions?: number;
    replicationFactor?: number;
    replicaAssignments?: ReplicaAssignment[];
    configEntries?: ConfigEntry[];
  }

  export interface BasicAuth {
    username: string;
    password: string;
  }

  export interface SchemaRegistryConfig {
    url?: string;
    basicAuth?: BasicAuth;
    tls?: TLSConfig;
    enableCaching?: boolean;
  }

  export interface Reference {
    name: string;
    subject: string;
    version: number;
  }

  export interface Schema {
    enableCaching?: boolean;
    id?: number;
    schema?: string;
    schemaType?: SchemaType;
    version?: number;
    references?: Reference[];
    subject: string;
    /** v2.1, Protobuf */
    messageName?: string;
  }

  export interface SubjectNameConfig {
    schema: string;
    topic: string;
    element: Element;
    subjectNameStrategy?: SubjectNameStrategy;
    messageName?: string;
  }

  export interface Container {
    data: unknown;
    schema?: Schema;
    schemaType: SchemaType;
    /** v2.1 */
    protobufFormat?: 'object' | 'bytes';
  }

  export interface JKSConfig {
    path: string;
    password: string;
    clientCertAlias?: string;
    clientKeyAlias?: string;
    clientKeyPassword?: string;
    serverCaAlias?: string;
  }

  export interface JKS {
    clientCertsPem: string[];
    clientKeyPem: string;
    serverCaPem: string;
  }

  /** v2 */
  export interface ProducerStats {
    pending: number;
  }

  /** v2 */
  export interface ConsumerStats {
    assignments: unknown[];
  }

  /** v2 */
  export interface PartitionInfo {
    id: number;
    leader: number;
    replicas: number[];
    isrs: number[];
    error?: string;
  }

  /** v2 */
  export interface TopicInfo {
    topic: string;
    partitions: PartitionInfo[];
    error?: string;
  }

  /** v2 */
  export interface TopicMetadata {
    topic: string;
    partitions: PartitionInfo[];
    error?: string;
  }

  // --- classes -------------------------------------------------------------------------------
  export class Writer {
    constructor(config: WriterConfig);
    /** real k6: returns when written; streamprobe async scripts: a promise — `await` it */
    produce(config: ProduceConfig): void | Promise<void>;
    close(): void | Promise<void>;
  }

  export class Reader {
    constructor(config: ReaderConfig);
    consume(config: ConsumeConfig): Message[] | Promise<Message[]>;
    close(): void | Promise<void>;
  }

  export class Connection {
    constructor(config: ConnectionConfig);
    createTopic(config: TopicConfig): void | Promise<void>;
    deleteTopic(topic: string): void | Promise<void>;
    listTopics(): string[] | Promise<string[]>;
    close(): void | Promise<void>;
  }

  /** v2 */
  export class Producer {
    constructor(config: WriterConfig);
    produce(config: ProduceConfig): void | Promise<void>;
    flush(timeoutMs?: number): void | Promise<void>;
    stats(): ProducerStats;
    close(): void | Promise<void>;
  }

  /** v2 */
  export class Consumer {
    constructor(config: ReaderConfig);
    consume(config: ConsumeConfig): Message[] | Promise<Message[]>;
    seek(partition: number, offset: number): void | Promise<void>;
    position(partition: number): number | Promise<number>;
    commitOffsets(): void | Promise<void>;
    stats(): ConsumerStats;
    close(): void | Promise<void>;
  }

  /** v2 */
  export class AdminClient {
    constructor(config: ConnectionConfig);
    createTopic(config: TopicConfig): void | Promise<void>;
    deleteTopic(topic: string): void | Promise<void>;
    listTopics(): TopicInfo[] | Promise<TopicInfo[]>;
    getMetadata(topic: string): TopicMetadata | Promise<TopicMetadata>;
    close(): void | Promise<void>;
  }

  export class SchemaRegistry {
    constructor(config?: SchemaRegistryConfig);
    /** talks to the registry over HTTP: a promise in streamprobe's async scripts */
    getSchema(schema: Schema): Schema | Promise<Schema>;
    createSchema(schema: Schema): Schema | Promise<Schema>;
    getSubjectName(config: SubjectNameConfig): string;
    /** local serde (no `schema`) never does I/O, so it is synchronous in both engines */
    serialize(container: Container): Uint8Array;
    // biome-ignore lint/suspicious/noExplicitAny: the value's type depends on the schema chosen at run time
    deserialize(container: Container): any;
  }

  export function LoadJKS(config: JKSConfig): JKS;
}
