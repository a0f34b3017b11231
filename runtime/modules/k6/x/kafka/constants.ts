/** xk6-kafka's exported constants with their exact source values (docs/k6-compatibility.md#xk6-kafka). */
export const TIME = {
  NANOSECOND: 1,
  MICROSECOND: 1_000,
  MILLISECOND: 1_000_000,
  SECOND: 1_000_000_000,
  MINUTE: 60_000_000_000,
  HOUR: 3_600_000_000_000,
} as const;

export const SCHEMA_TYPE = {
  STRING: 'STRING',
  BYTES: 'BYTES',
  AVRO: 'AVRO',
  JSON: 'JSON',
  PROTOBUF: 'PROTOBUF',
} as const;

export const BALANCER = {
  ROUND_ROBIN: 'balancer_roundrobin',
  LEAST_BYTES: 'balancer_leastbytes',
  HASH: 'balancer_hash',
  CRC32: 'balancer_crc32',
  MURMUR2: 'balancer_murmur2',
} as const;

export const START_OFFSETS = {
  FIRST: 'start_offsets_first_offset',
  LAST: 'start_offsets_last_offset',
} as const;

export const ISOLATION = {
  READ_UNCOMMITTED: 'isolation_level_read_uncommitted',
  READ_COMMITTED: 'isolation_level_read_committed',
} as const;

export const SASL = {
  NONE: 'none',
  PLAIN: 'sasl_plain',
  SCRAM_SHA256: 'sasl_scram_sha256',
  SCRAM_SHA512: 'sasl_scram_sha512',
  SSL: 'sasl_ssl',
  AWS_IAM: 'sasl_aws_iam',
} as const;

export const SUBJECT_STRATEGY = {
  TOPIC: 'TopicNameStrategy',
  RECORD: 'RecordNameStrategy',
  TOPIC_RECORD: 'TopicRecordNameStrategy',
} as const;

export const ELEMENT = { KEY: 'key', VALUE: 'value' } as const;

/** The names scripts import. */
export const exportedConstants: Readonly<Record<string, string | number>> = {
  TLS_1_0: 'tls1.0',
  TLS_1_1: 'tls1.1',
  TLS_1_2: 'tls1.2',
  TLS_1_3: 'tls1.3',
  NONE: SASL.NONE,
  SASL_PLAIN: SASL.PLAIN,
  SASL_SCRAM_SHA256: SASL.SCRAM_SHA256,
  SASL_SCRAM_SHA512: SASL.SCRAM_SHA512,
  SASL_SSL: SASL.SSL,
  SASL_AWS_IAM: SASL.AWS_IAM,
  SASL_GSSAPI: 'sasl_gssapi',
  SASL_AZURE_ENTRA: 'sasl_azure_entra',
  SASL_GCP_OAUTH: 'sasl_gcp_oauth',
  CODEC_GZIP: 'gzip',
  CODEC_SNAPPY: 'snappy',
  CODEC_LZ4: 'lz4',
  CODEC_ZSTD: 'zstd',
  BALANCER_ROUND_ROBIN: BALANCER.ROUND_ROBIN,
  BALANCER_LEAST_BYTES: BALANCER.LEAST_BYTES,
  BALANCER_HASH: BALANCER.HASH,
  BALANCER_CRC32: BALANCER.CRC32,
  BALANCER_MURMUR2: BALANCER.MURMUR2,
  GROUP_BALANCER_RANGE: 'group_balancer_range',
  GROUP_BALANCER_ROUND_ROBIN: 'group_balancer_round_robin',
  GROUP_BALANCER_RACK_AFFINITY: 'group_balancer_rack_affinity',
  ISOLATION_LEVEL_READ_UNCOMMITTED: ISOLATION.READ_UNCOMMITTED,
  ISOLATION_LEVEL_READ_COMMITTED: ISOLATION.READ_COMMITTED,
  START_OFFSETS_FIRST_OFFSET: START_OFFSETS.FIRST,
  START_OFFSETS_LAST_OFFSET: START_OFFSETS.LAST,
  FIRST_OFFSET: START_OFFSETS.FIRST,
  LAST_OFFSET: START_OFFSETS.LAST,
  TOPIC_NAME_STRATEGY: SUBJECT_STRATEGY.TOPIC,
  RECORD_NAME_STRATEGY: SUBJECT_STRATEGY.RECORD,
  TOPIC_RECORD_NAME_STRATEGY: SUBJECT_STRATEGY.TOPIC_RECORD,
  KEY: ELEMENT.KEY,
  VALUE: ELEMENT.VALUE,
  SCHEMA_TYPE_STRING: SCHEMA_TYPE.STRING,
  SCHEMA_TYPE_BYTES: SCHEMA_TYPE.BYTES,
  SCHEMA_TYPE_AVRO: SCHEMA_TYPE.AVRO,
  SCHEMA_TYPE_JSON: SCHEMA_TYPE.JSON,
  SCHEMA_TYPE_PROTOBUF: SCHEMA_TYPE.PROTOBUF,
  ...TIME,
};
