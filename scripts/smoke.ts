/**
 * A tiny script with no Kafka: two VUs for three seconds, a check, a custom Trend and Counter,
 * and a group. Used by the CLI end-to-end tests and the README tour.
 */
import { check, group, sleep } from 'k6';
import { Counter, Trend } from 'k6/metrics';

export const options = {
  scenarios: {
    smoke: { executor: 'constant-vus', vus: 2, duration: '3s' },
  },
  thresholds: {
    checks: ['rate == 1'],
    work_duration: ['p(95) < 1000'],
  },
};

const workDuration = new Trend('work_duration', true);
const itemsMade = new Counter('items_made');

export default function smoke(): void {
  group('work', () => {
    const start = Date.now();
    const items: number[] = [];
    for (let i = 0; i < 100; i++) items.push(i * (__ITER + 1));
    itemsMade.add(items.length);
    workDuration.add(Date.now() - start);
    check(items, {
      'made 100 items': (v) => v.length === 100,
      'first item is 0': (v) => v[0] === 0,
    });
  });
  sleep(0.1);
}
