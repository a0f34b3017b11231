// An iteration cut by gracefulRampDown stops where it is: nothing after the interrupted sleep runs.
import { sleep } from 'k6';
import { Counter } from 'k6/metrics';

const started = new Counter('started');
const finished = new Counter('finished');

export const options = {
  scenarios: {
    cut: {
      executor: 'ramping-vus',
      startVUs: 3,
      stages: [
        { duration: '2s', target: 3 },
        { duration: '0s', target: 0 },
      ],
      gracefulRampDown: '0s',
    },
  },
};

export default function () {
  started.add(1);
  sleep(1.2);
  finished.add(1);
}
