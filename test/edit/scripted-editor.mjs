// A scripted $EDITOR for tests: applies the edits named in ALB_TUI_TEST_EDITS (a JSON list of
// [search, replace] pairs, applied in order to the file given as the last argument), records each
// text it was given in ALB_TUI_TEST_EDITOR_LOG (one JSON string per line), and exits with
// ALB_TUI_TEST_EDITOR_EXIT (0 unless given). Each run takes the next step of a list when the edits
// are a list of lists.
import { appendFileSync, readFileSync, writeFileSync, existsSync } from 'node:fs';

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
