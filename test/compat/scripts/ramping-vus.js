// ramping-vus: 0→2 VUs over 1s, hold 1s, drop to 0, then 3s at 0. k6 ends the scenario at its
// last change of VU count (2s), not after the trailing stage (5s).
import { sleep } from 'k6';
import { Gauge } from 'k6/metrics';

const span = new Gauge('test_span_ms');

export const options = {
  scenarios: {
    ramp: {
      executor: 'ramping-vus',
      startVUs: 0,
      stages: [
        { duration: '1s', target: 2 },
        { duration: '1s', target: 2 },
        { duration: '0s', target: 0 },
        { duration: '3s', target: 0 },
      ],
      gracefulRampDown: '5s',
    },
  },
};

export function setup() {
  return { t0: Date.now() };
}

export default function () {
  sleep(0.4);
}

export function teardown(data) {
  span.add(Date.now() - data.t0);
}
