/** SchemaRegistry.getSubjectName: Confluent subject name strategies. */
import { Config } from './config.ts';
import { ELEMENT, SUBJECT_STRATEGY } from './constants.ts';
import { ErrorCode, KafkaError, notEnoughArguments } from './errors.ts';

function recordName(schema: string): string {
  let parsed: { name?: string; namespace?: string };
  try {
    parsed = JSON.parse(schema);
  } catch (err) {
    throw new KafkaError(ErrorCode.FailedToEncode, 'Failed to unmarshal schema.', err);
  }
  if (!parsed?.name) throw new KafkaError(ErrorCode.FailedToEncode, 'Failed to get subject name.', 'the schema has no "name"');
  // a dotted name is already fully qualified
  return parsed.namespace && !parsed.name.includes('.') ? `${parsed.namespace}.${parsed.name}` : parsed.name;
}

export function getSubjectName(raw: unknown): string {
  if (raw === undefined) throw notEnoughArguments();
  const cfg = new Config(raw, 'SubjectNameConfig');
  const topic = cfg.str('topic');
  const element = cfg.str('element', ELEMENT.VALUE);
  const strategy = cfg.str('subjectNameStrategy', SUBJECT_STRATEGY.TOPIC) || SUBJECT_STRATEGY.TOPIC;
  switch (strategy) {
    case SUBJECT_STRATEGY.TOPIC:
      return `${topic}-${element}`;
    case SUBJECT_STRATEGY.RECORD:
      return recordName(cfg.str('schema'));
    case SUBJECT_STRATEGY.TOPIC_RECORD:
      return `${topic}-${recordName(cfg.str('schema'))}`;
    default:
      throw new KafkaError(
        ErrorCode.FailedToEncode,
        'Failed to get subject name.',
        `unknown subjectNameStrategy ${JSON.stringify(strategy)}`,
      );
  }
}
