import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { clusterLayout, renderTemplate, serverProperties } from '../../../infra/kafka/layout.ts';

test('one broker: 9092, RF 1, min ISR 1', () => {
  const layout = clusterLayout(1, '/c');
  assert.equal(layout.bootstrap, '127.0.0.1:9092');
  assert.equal(layout.voters, '1@127.0.0.1:19092');
  assert.deepEqual([layout.replication, layout.minInsyncReplicas], [1, 1]);
  assert.equal(layout.nodes[0]?.dir, '/c/node1');
});

test('three brokers: 9092-9094, RF 3, min ISR 2, every node a voter', () => {
  const layout = clusterLayout(3, '/c');
  assert.equal(layout.bootstrap, '127.0.0.1:9092,127.0.0.1:9093,127.0.0.1:9094');
  assert.equal(layout.voters, '1@127.0.0.1:19092,2@127.0.0.1:19093,3@127.0.0.1:19094');
  assert.deepEqual([layout.replication, layout.minInsyncReplicas], [3, 2]);
});

test('other broker counts are refused with the allowed values', () => {
  assert.throws(() => clusterLayout(2, '/c'), /--brokers must be 1 or 3/);
});

test('the shipped template renders with no placeholder left', () => {
  const template = readFileSync(new URL('../../../infra/kafka/server.properties.template', import.meta.url), 'utf8');
  const layout = clusterLayout(3, '/c');
  const props = serverProperties(template, layout, layout.nodes[1]!);
  assert.doesNotMatch(props, /\$\{/);
  assert.match(props, /^node\.id=2$/m);
  assert.match(props, /^listeners=PLAINTEXT:\/\/127\.0\.0\.1:9093,CONTROLLER:\/\/127\.0\.0\.1:19093$/m);
  assert.match(props, /^log\.dirs=\/c\/node2\/data$/m);
  assert.match(props, /^min\.insync\.replicas=2$/m);
});

test('an unknown placeholder is an error, not a silent blank', () => {
  assert.throws(() => renderTemplate('a=${NOPE}', {}), /unknown placeholder \$\{NOPE\}/);
});
