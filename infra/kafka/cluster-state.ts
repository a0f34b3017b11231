// .cache/kafka/cluster.json: the shape the node directories were formatted for, so `up` knows when to re-format.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ClusterState {
  brokers: number;
  clusterId: string;
}

const stateFile = (cacheDir: string): string => join(cacheDir, 'cluster.json');

export function readClusterState(cacheDir: string): ClusterState | undefined {
  const file = stateFile(cacheDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ClusterState) : undefined;
}

export function writeClusterState(cacheDir: string, state: ClusterState): void {
  writeFileSync(stateFile(cacheDir), JSON.stringify(state, null, 2) + '\n');
}

/**
 * Kafka cluster ids are 16 random bytes in unpadded base64url (what `kafka-storage random-uuid` prints). Like Kafka's
 * own Uuid.randomUuid, never one starting with '-': `kafka-storage format -t -…` takes it for an option and fails
 * (1 fresh set-up in 64 did).
 */
export function newClusterId(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const id = random(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
