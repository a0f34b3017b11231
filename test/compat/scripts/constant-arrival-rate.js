// constant-arrival-rate: 10 starts per second for 2s with maxVUs 5; iterations are numbered by
// exec.scenario.iterationInTest, which execution segments split between them.
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';

const iterationInTestSum = new Counter('iteration_in_test_sum');

export const options = {
  scenarios: {
    arrivals: { executor: 'constant-arrival-rate', rate: 10, timeUnit: '1s', duration: '2s', preAllocatedVUs: 5, maxVUs: 5 },
  },
};

export default function () {
  iterationInTestSum.add(exec.scenario.iterationInTest);
}
