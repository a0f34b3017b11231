// shared-iterations with a single VU: split in two segments, one gets the VU and all the work,
// the other has none and runs nothing.
import { Counter } from 'k6/metrics';

const started = new Counter('started');

export const options = {
  scenarios: {
    single: { executor: 'shared-iterations', vus: 1, iterations: 10, maxDuration: '30s' },
  },
};

export default function () {
  started.add(1);
}
