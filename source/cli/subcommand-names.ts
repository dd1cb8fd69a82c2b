// The names of the non-interactive subcommands, kept apart from their code so the CLI entry can tell
// whether it needs them without loading them (the dashboard's first frame does not wait for them).
export const SUBCOMMAND_NAMES: readonly string[] = [
  'instances',
  'listeners',
  'listener',
  'create',
  'profiles',
  'connections',
  'export',
  'certs',
  'rules',
];

/** Whether any argument is a subcommand's name (the subcommands then look closer). */
export function mayBeSubcommand(argv: readonly string[]): boolean {
  return argv.some((arg) => SUBCOMMAND_NAMES.includes(arg));
}
