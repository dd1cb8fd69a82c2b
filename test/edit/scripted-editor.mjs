// A scripted $EDITOR for tests: applies the edits named in ALB_TUI_TEST_EDITS (a JSON list of
// [search, replace] pairs, applied in order to the file given as the last argument), records each
// text it was given in ALB_TUI_TEST_EDITOR_LOG (one JSON string per line), and exits with
// ALB_TUI_TEST_EDITOR_EXIT (0 unless given). Each run takes the next step of a list when the edits
// are a list of lists. With ALB_TUI_TEST_EDITOR_WAIT_FOR it first waits (up to 5 s) for that file to
// exist, and fails with status 9 if it never does: the app must go on while its editor is open.
import { appendFileSync, readFileSync, writeFileSync, existsSync } from 'node:fs';

const waitFor = process.env.ALB_TUI_TEST_EDITOR_WAIT_FOR;
if (waitFor) {
  const until = Date.now() + 5000;
  while (!existsSync(waitFor)) {
    if (Date.now() > until) process.exit(9);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const file = process.argv[process.argv.length - 1];
const text = readFileSync(file, 'utf8');
const log = process.env.ALB_TUI_TEST_EDITOR_LOG;
let run = 0;
if (log) {
  run = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0;
  appendFileSync(log, `${JSON.stringify(text)}\n`);
}
const steps = JSON.parse(process.env.ALB_TUI_TEST_EDITS ?? '[]');
const edits = Array.isArray(steps[0]?.[0]) ? (steps[run] ?? []) : steps;
let out = text;
for (const [search, replace] of edits) out = search === '*' ? replace : out.split(search).join(replace);
writeFileSync(file, out);
process.exit(Number(process.env.ALB_TUI_TEST_EDITOR_EXIT ?? 0));
