// constant-vus: 3 VUs loop for 1s; each iteration sleeps 0.7s, so every VU starts at 0s and 0.7s.
import { sleep } from 'k6';

export const options = {
  scenarios: {
    steady: { executor: 'constant-vus', vus: 3, duration: '1s' },
  },
};

export default function () {
  sleep(0.7);
}
