/**
 * Lints every GitHub Actions workflow under .github/ with actionlint (infra/tools/actionlint.sh builds
 * the pinned binary once into .cache/bin). actionlint checks a local action only through a workflow
 * that uses it, so every action under .github/ must be used by one.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, describe, test } from 'node:test';

const root = join(import.meta.dirname, '..', '..', '..');
const script = join(root, 'infra', 'tools', 'actionlint.sh');
const binary = join(root, '.cache', 'bin', 'actionlint');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const github = join(root, '.github');
const workflows = filesUnder(join(github, 'workflows')).filter((f) => dirname(f) === join(github, 'workflows'));
const actions = filesUnder(github).filter((f) => /^action\.ya?ml$/.test(f.split('/').pop()!));

/** Go ≥ 1.21 can fetch the toolchain actionlint needs; without it (or a built binary) the lint cannot run. */
function canLint(): string | true {
  if (existsSync(binary)) return true;
  const go = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' });
  const minor = /^go1\.(\d+)/.exec(go.stdout ?? '')?.[1];
  if (go.status === 0 && Number(minor) >= 21) return true;
  return 'needs actionlint in .cache/bin, or Go >= 1.21 once to build it (infra/tools/actionlint.sh)';
}
const lintable = canLint();

function actionlint(args: string[], cwd = root) {
  return spawnSync('bash', [script, ...args], { cwd, encoding: 'utf8', timeout: 600_000 });
}

describe('GitHub Actions files', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'sp-actionlint-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  test('every local action is used by a workflow, so actionlint checks it', () => {
    const text = workflows.map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const action of actions) {
      const dir = relative(root, dirname(action));
      assert.ok(
        text.includes(`./${dir}`),
        `${relative(root, action)} is used by no workflow under .github/workflows, so actionlint cannot check it: use it (uses: ./${dir}) or remove it`,
      );
    }
  });

  test('actionlint passes on every workflow', { skip: lintable === true ? false : lintable }, () => {
    assert.ok(workflows.length > 0, 'no workflows under .github/workflows');
    const r = actionlint(workflows.map((f) => relative(root, f)));
    assert.equal(r.status, 0, `actionlint found problems:\n${r.stdout}${r.stderr}`);
  });

  test('actionlint catches a broken workflow and a broken local action', { skip: lintable === true ? false : lintable }, () => {
    assert.equal(actionlint(['--install-only']).status, 0);
    // run directly in a scratch project (.git marks its root)
    mkdirSync(join(tmp, '.git'));
    mkdirSync(join(tmp, '.github', 'workflows'), { recursive: true });
    mkdirSync(join(tmp, '.github', 'actions', 'setup'), { recursive: true });
    writeFileSync(join(tmp, '.github', 'actions', 'setup', 'action.yml'), 'name: setup\nruns:\n  using: composite\n  steps: []\n');
    writeFileSync(
      join(tmp, '.github', 'workflows', 'bad.yml'),
      [
        'on: push',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-24.04',
        '    steps:',
        '      - uses: ./.github/actions/setup',
        '        with:',
        '          bogus: 1',
        '    needs: [missing]',
      ].join('\n'),
    );
    const r = spawnSync(binary, ['-no-color', '-shellcheck=', '-pyflakes=', '.github/workflows/bad.yml'], { cwd: tmp, encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(r.stdout, /description is required in metadata of "setup" action/, r.stdout);
    assert.match(r.stdout, /input "bogus" is not defined in action "setup"/, r.stdout);
    assert.match(r.stdout, /needs job "missing" which does not exist/, r.stdout);
  });
});
