// k6/execution ids and exec.vu.tags: system tags (scenario, group), scenario tags, and tags the
// script sets, which then tag its samples.
import { check, group } from 'k6';
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';

const vuIdSum = new Counter('vu_id_in_test_sum');
const iterationInTestSum = new Counter('iteration_in_test_sum');
const iterationInScenarioSum = new Counter('iteration_in_scenario_sum');
const tagged = new Counter('tagged');

export const options = {
  scenarios: {
    s1: { executor: 'per-vu-iterations', vus: 2, iterations: 2, tags: { grp: 'one' } },
  },
  thresholds: {
    'tagged{custom:yes}': ['count == 4'],
    'tagged{grp:one}': ['count == 4'],
  },
};

export default function () {
  vuIdSum.add(exec.vu.idInTest);
  iterationInTestSum.add(exec.scenario.iterationInTest);
  iterationInScenarioSum.add(exec.vu.iterationInScenario);
  const tags = exec.vu.tags;
  check(tags, {
    'scenario tag': (t) => t.scenario === 's1',
    'root group tag is empty': (t) => t.group === '',
    'scenario tags are VU tags': (t) => t.grp === 'one',
    'scenario name': () => exec.scenario.name === 's1' && exec.scenario.executor === 'per-vu-iterations',
  });
  group('g1', () => {
    check(exec.vu.tags, { 'group tag inside a group': (t) => t.group === '::g1' });
  });
  exec.vu.tags.custom = 'yes';
  tagged.add(1);
}
