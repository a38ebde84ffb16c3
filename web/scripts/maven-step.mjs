// Runs one npm step for the Maven build of api (exec-maven-plugin), deciding here what Maven cannot express:
// tests are skipped when any of -DskipTests, -Dmaven.test.skip or -Dtest=<a selection> is given.
//   node scripts/maven-step.mjs <ci|build|test|e2e> <skipTests> <maven.test.skip> <test> <web.e2e.skip>
import { spawnSync } from 'node:child_process';

const [step, skipTests, testSkip, testSelection, e2eSkip] = process.argv.slice(2);
const set = (v) => v !== undefined && !v.startsWith('${') && v !== '' && v !== 'false';
const testsSkipped = set(skipTests) || set(testSkip) || set(testSelection);

const commands = {
  ci: ['npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline']],
  build: ['npm', ['run', 'build']],
  test: ['npm', ['test']],
  e2e: ['npm', ['run', 'e2e']],
};
if (!commands[step]) {
  console.error(`unknown step ${step}`);
  process.exit(2);
}
if ((step === 'test' || step === 'e2e') && testsSkipped) {
  console.log(`[web] ${step}: skipped (tests skipped or a test selection given)`);
  process.exit(0);
}
if (step === 'e2e' && set(e2eSkip)) {
  console.log('[web] e2e: skipped (-Dweb.e2e.skip)');
  process.exit(0);
}
const [cmd, args] = commands[step];
const result = spawnSync(cmd, args, {
  stdio: 'inherit',
  env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', CI: 'true' },
});
process.exit(result.status ?? 1);
