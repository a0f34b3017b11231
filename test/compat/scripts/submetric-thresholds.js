// Thresholds on sub-metrics: each passes or fails on its own tag set; one failing ends with 99.
import { Counter, Rate } from 'k6/metrics';

const hits = new Counter('hits');
const ok = new Rate('ok');

export const options = {
  scenarios: {
    once: { executor: 'shared-iterations', vus: 1, iterations: 2 },
  },
  thresholds: {
    'hits{kind:a}': ['count == 6'],
    'hits{kind:b}': ['count < 1'],
    'ok{kind:a}': ['rate == 1'],
    ok: ['rate > 0.5'],
  },
};

export default function () {
  for (let n = 0; n < 3; n++) {
    hits.add(1, { kind: 'a' });
    ok.add(true, { kind: 'a' });
  }
  hits.add(1, { kind: 'b' });
  ok.add(false, { kind: 'b' });
}
