// ramping-arrival-rate: 0→10/s over 1s, then 10→5/s over 1s; 12.5 iterations are due, so 12 start.
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';

const iterationInTestSum = new Counter('iteration_in_test_sum');

export const options = {
  scenarios: {
    ramp: {
      executor: 'ramping-arrival-rate',
      startRate: 0,
      timeUnit: '1s',
      stages: [
        { duration: '1s', target: 10 },
        { duration: '1s', target: 5 },
      ],
      preAllocatedVUs: 5,
      maxVUs: 5,
    },
  },
};

export default function () {
  iterationInTestSum.add(exec.scenario.iterationInTest);
}
