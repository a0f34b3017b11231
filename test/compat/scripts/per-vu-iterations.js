// per-vu-iterations: each of 3 VUs runs 4 iterations; VU ids and __ITER are summed.
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';

const vuIdSum = new Counter('vu_id_in_test_sum');
const iterSum = new Counter('iter_sum');

export const options = {
  scenarios: {
    each: { executor: 'per-vu-iterations', vus: 3, iterations: 4 },
  },
};

export default function () {
  vuIdSum.add(exec.vu.idInTest);
  iterSum.add(__ITER);
}
