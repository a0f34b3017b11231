// Pure description of the local cluster: which node listens where, and what its server.properties says.
import { join } from 'node:path';

export const SINGLE_BROKER_PORT = 9092;
const CONTROLLER_PORT_BASE = 19092;

export interface KafkaNode {
  id: number;
  brokerPort: number;
  controllerPort: number;
  /** .cache/kafka/node<id>/: server.properties, server.log, kafka.pid, data/ */
  dir: string;
}

export interface ClusterLayout {
  brokers: number;
  replication: number;
  minInsyncReplicas: number;
  nodes: KafkaNode[];
  /** controller.quorum.voters: every node is broker + controller (combined mode). */
  voters: string;
  bootstrap: string;
}

/** 1 broker → 9092; 3 brokers → 9092/9093/9094 with RF 3 and min.insync.replicas 2 (survives one failure). */
export function clusterLayout(brokers: number, cacheDir: string): ClusterLayout {
  if (brokers !== 1 && brokers !== 3) {
    throw new Error(`--brokers must be 1 or 3 (got ${brokers})`);
  }
  const nodes = Array.from({ length: brokers }, (_, i) => ({
    id: i + 1,
    brokerPort: SINGLE_BROKER_PORT + i,
    controllerPort: CONTROLLER_PORT_BASE + i,
    dir: join(cacheDir, `node${i + 1}`),
  }));
  return {
    brokers,
    replication: brokers,
    minInsyncReplicas: brokers === 1 ? 1 : 2,
    nodes,
    voters: nodes.map((n) => `${n.id}@127.0.0.1:${n.controllerPort}`).join(','),
    bootstrap: nodes.map((n) => `127.0.0.1:${n.brokerPort}`).join(','),
  };
}

/** Replaces ${NAME} placeholders; an unknown placeholder is a bug in the template, so it throws. */
export function renderTemplate(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\$\{([A-Z_]+)\}/g, (_, name: string) => {
    if (!(name in vars)) throw new Error(`server.properties template uses unknown placeholder \${${name}}`);
    return String(vars[name]);
  });
}

export function serverProperties(template: string, layout: ClusterLayout, node: KafkaNode): string {
  return renderTemplate(template, {
    NODE_ID: node.id,
    VOTERS: layout.voters,
    BROKER_PORT: node.brokerPort,
    CONTROLLER_PORT: node.controllerPort,
    DATA_DIR: join(node.dir, 'data'),
    NUM_PARTITIONS: layout.brokers === 1 ? 1 : 3,
    REPLICATION: layout.replication,
    MIN_ISR: layout.minInsyncReplicas,
  });
}
