// Placeholder entry: replaced by the CLI/UI frame.
process.stdout.write('alb-tui\n');
