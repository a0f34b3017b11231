// Runtime overhead per iteration: 64 VUs share 3,000,000 empty async iterations.
// Target ≥ 200,000 iterations/s. Run through bench/run-runtime.sh.
export const options = {
  scenarios: {
    empty: { executor: 'shared-iterations', vus: 64, iterations: 3_000_000, maxDuration: '10m' },
  },
};

export default async function (): Promise<void> {}
