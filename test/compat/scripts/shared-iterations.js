// shared-iterations: 5 VUs share 100 iterations; exec.scenario.iterationInTest numbers them.
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';

const started = new Counter('started');
const iterationInTestSum = new Counter('iteration_in_test_sum');

export const options = {
  scenarios: {
    shared: { executor: 'shared-iterations', vus: 5, iterations: 100 },
  },
};

export default function () {
  started.add(1);
  iterationInTestSum.add(exec.scenario.iterationInTest);
}
