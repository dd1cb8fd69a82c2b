// The dashboard's command-line options, apart from their parsing (cli-args.ts) so the boot can read
// the command line (cli/idle-local-alb-worker.ts) without loading the messages.
export const CLI_OPTIONS = {
  lang: { type: 'string' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
  connection: { type: 'string' },
  refresh: { type: 'string' },
  'no-data-plane': { type: 'boolean' },
  'port-offset': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;
