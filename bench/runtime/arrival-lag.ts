// Arrival-rate precision: 10,000 starts/s for 60s from 200 pre-allocated VUs.
// Targets: iteration_start_lag p(99) < 5ms, dropped_iterations = 0. Run through bench/run-runtime.sh.
export const options = {
  scenarios: {
    steady: { executor: 'constant-arrival-rate', rate: 10_000, timeUnit: '1s', duration: '60s', preAllocatedVUs: 200, maxVUs: 200 },
  },
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(99)', 'p(99.9)'],
};

export default async function (): Promise<void> {}
