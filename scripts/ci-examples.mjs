// Runs the commands of the sample CI files in docs/examples/ on this machine, the way
// the hosts would, in a fresh clone of the current commit (docs/editors.md, "Publishing
// from CI"):
//
//   node scripts/ci-examples.mjs          every `run:` (GitHub Actions) and `before_script:`
//                                         / `script:` (GitLab CI) line, `make` as `make -n`
//                                         (what it would do, without the 10-minute build),
//                                         this checkout's built dist/ standing for its result
//   node scripts/ci-examples.mjs --full   the same with the real `make dist`
//
// `uses:` steps (checkout, Node, cache, upload, deploy) are the hosts' own and are
// listed, not run; the clone stands for the checkout. The hosts' variables get sample
// values. Exits non-zero when a command fails, and checks that `dist/` (GitHub) or
// `public/` (GitLab) holds the site after a full run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const full = process.argv.includes('--full');
const examples = path.join(repo, 'docs/examples');

/** The shell commands of a GitHub Actions workflow, in order, and the actions it uses. */
function github(doc) {
  const commands = [];
  const uses = [];
  for (const job of Object.values(doc.jobs ?? {})) {
    for (const step of job.steps ?? []) {
      if (step.run) commands.push(step.run);
      if (step.uses) uses.push(step.uses);
    }
  }
  return { commands, uses, output: 'dist' };
}

/** The shell commands of a GitLab CI file (each job's before_script, then script). */
function gitlab(doc) {
  const commands = [];
  for (const [name, job] of Object.entries(doc)) {
    if (name.startsWith('.') || typeof job !== 'object' || !job.script) continue;
    commands.push(...(job.before_script ?? []), ...job.script);
  }
  return { commands, uses: [], output: 'public' };
}

const hosts = [
  {
    file: 'github-actions.yml',
    read: github,
    env: { GITHUB_REPOSITORY: 'hoalam/cong-thong-tin', GITHUB_REPOSITORY_OWNER: 'hoalam', CI: 'true' },
  },
  {
    file: 'gitlab-ci.yml',
    read: gitlab,
    env: { CI_PAGES_URL: 'https://hoalam.gitlab.io/cong-thong-tin', CI: 'true' },
  },
];

let failed = 0;
for (const host of hosts) {
  const { commands, uses, output } = host.read(YAML.parse(readFileSync(path.join(examples, host.file), 'utf8')));
  if (commands.length === 0) throw new Error(`${host.file}: no commands found`);
  const work = mkdtempSync(path.join(os.tmpdir(), 'bantin-ci-'));
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', repo, work], { stdio: 'inherit' });
  console.log(`\n== ${host.file} in ${work}${uses.length ? ` (host actions, not run: ${uses.join(', ')})` : ''}`);
  // The build's caches (cargo's target/) are the host's cache: reuse this checkout's.
  const env = {
    ...process.env,
    ...host.env,
    CARGO_TARGET_DIR: path.join(repo, 'target'),
    CARGO_HOME: process.env.CARGO_HOME ?? path.join(os.homedir(), '.cargo'),
    RUSTUP_HOME: process.env.RUSTUP_HOME ?? path.join(os.homedir(), '.rustup'),
  };
  for (const command of commands) {
    const run = full ? command : command.replace(/^make /gm, 'make -n ');
    console.log(`$ ${run}`);
    const r = spawnSync('bash', ['-euo', 'pipefail', '-c', run], { cwd: work, env, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`FAILED (${r.status}): ${run}`);
      failed += 1;
      break;
    }
    if (!full && /^make -n .*\bdist\b/m.test(run)) {
      console.log(`(make -n: this checkout's dist/ stands for the build's result)`);
      execFileSync('cp', ['-r', path.join(repo, 'dist'), path.join(work, 'dist')]);
    }
  }
  if (!failed && !existsSync(path.join(work, output, 'index.html'))) {
    console.error(`FAILED: ${output}/index.html is missing after the build`);
    failed += 1;
  }
  rmSync(work, { recursive: true, force: true });
}
console.log(failed ? `\n${failed} sample CI file(s) failed` : `\nall sample CI files ran${full ? '' : ' (make as make -n)'}`);
process.exit(failed ? 1 : 0);
