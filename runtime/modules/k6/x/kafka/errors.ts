/** xk6-kafka's numbered errors (docs/k6-compatibility.md#xk6-kafka): message text "<message>, OriginalError: <cause>". */
export const ErrorCode = {
  ForbiddenInInitContext: 1000,
  DialerError: 1004,
  FailedTypeCast: 1006,
  UnsupportedOperation: 1007,
  WriterError: 1008,
  InvalidDataType: 2000,
  FailedToEncode: 2001,
  FailedToEncodeToBinary: 2002,
  FailedToDecodeFromBinary: 2003,
  FailedToUnmarshalJson: 2004,
  FailedToValidateJson: 2005,
  InvalidSerdeType: 2008,
  FailedToDecodeBase64: 2009,
  FailedToReadMessage: 3001,
  NoMoreMessages: 3002,
  PartitionAndGroupId: 3003,
  TopicAndGroupId: 3004,
  FailedToParseStartOffset: 3005,
  MessageTooShort: 5000,
  SchemaNotFound: 5001,
  SchemaCreationFailed: 5002,
  SchemaRegistryNotConfigured: 5003,
  FailedToGetController: 6000,
  FailedToCreateTopic: 6001,
  FailedToDeleteTopic: 6002,
  FailedToReadPartitions: 6003,
} as const;

export class KafkaError extends Error {
  constructor(
    readonly code: number,
    message: string,
    cause?: unknown,
  ) {
    super(cause === undefined ? message : `${message}, OriginalError: ${describeCause(cause)}`, { cause });
    this.name = 'KafkaError';
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { errors?: unknown[] }).errors;
    const first = Array.isArray(inner) && inner[0] instanceof Error ? `: ${describeCause(inner[0])}` : '';
    return `${cause.message}${first}`;
  }
  return String(cause);
}

export const initContextError = () =>
  new KafkaError(ErrorCode.ForbiddenInInitContext, 'Producing Kafka messages in the init context is not supported');

export const invalidDataType = (what: string) =>
  new KafkaError(ErrorCode.InvalidDataType, 'Invalid data type provided for serializer/deserializer', what);

export const notEnoughArguments = () => new Error('not enough arguments');
