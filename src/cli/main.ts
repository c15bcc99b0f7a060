import { Command } from 'commander';

/** A command module's registration function: it adds its command(s), options and action to the program. */
type Register = (program: Command) => void;

/**
 * Every command, with what the top-level `--help` lists and the module that implements it. Modules load only
 * when their command runs: the server, the engine and the auth stack are seconds of start-up that
 * `lifeboat check` in a CI job should not pay.
 */
const COMMANDS: readonly { term: string; summary: string; load: () => Promise<Register> }[] = [
  {
    term: 'serve',
    summary: 'serve the API and web application (what `npm start` runs)',
    load: async () => (await import('./serve.command.ts')).registerServe,
  },
  {
    term: 'check <catalog>',
    summary: 'check a catalog file or folder; exit 1 when there are errors',
    load: async () => (await import('./check.command.ts')).registerCheck,
  },
  {
    term: 'import <catalog>',
    summary: 'load a catalog file or folder into the database, in one transaction',
    load: async () => (await import('./import.command.ts')).registerImport,
  },
  {
    term: 'export <dir>',
    summary: 'write the database catalog as YAML, one file per kind into <dir>, or to stdout with -',
    load: async () => (await import('./export.command.ts')).registerExport,
  },
  {
    term: 'demo',
    summary: 'load the example organisation (Northbank) into the database',
    load: async () => (await import('./import.command.ts')).registerImport,
  },
  {
    term: 'convert',
    summary:
      'convert a CMDB export (csv, servicenow), a Backstage catalog or Kubernetes manifests into catalog YAML',
    load: async () => (await import('./convert.command.ts')).registerConvert,
  },
  {
    term: 'analyze',
    summary:
      'ask the continuity engine: what a failure takes down (impact), single points of failure (spof), objectives met in every scenario (objectives)',
    load: async () => (await import('./analyze.command.ts')).registerAnalyze,
  },
  {
    term: 'backup <file>',
    summary: 'copy the embedded database to <file> while the server keeps running',
    load: async () => (await import('./backup.command.ts')).registerBackup,
  },
  {
    term: 'restore <file>',
    summary: 'replace the embedded database with a backup (stop the server first)',
    load: async () => (await import('./backup.command.ts')).registerBackup,
  },
  {
    term: 'user',
    summary: 'manage user accounts (on the database directly)',
    load: async () => (await import('./user.command.ts')).registerUser,
  },
  {
    term: 'token',
    summary: 'manage API tokens (Authorization: Bearer <token>)',
    load: async () => (await import('./user.command.ts')).registerUser,
  },
  {
    term: 'plans',
    summary: 'continuity plans: export offline packs (PDF, HTML) into <dir>, list plans due for review',
    load: async () => (await import('./plans.command.ts')).registerPlans,
  },
  {
    term: 'exercises',
    summary: 'exercises: write an exercise report (PDF, HTML) from a catalog',
    load: async () => (await import('./exercises.command.ts')).registerExercises,
  },
  {
    term: 'actions',
    summary: 'open corrective actions from incidents, soonest due first',
    load: async () => (await import('./plans.command.ts')).registerPlans,
  },
  {
    term: 'jobs',
    summary:
      'background jobs: run one now (jobs run reminders --now <instant>), list schedules and last runs',
    load: async () => (await import('./jobs.command.ts')).registerJobs,
  },
  {
    term: 'incident',
    summary: 'declare an incident by invoking a plan: email its call tree (incident declare --plan <id>)',
    load: async () => (await import('./incident.command.ts')).registerIncident,
  },
];

const nameOf = (term: string): string => term.split(' ')[0] ?? term;

/** The command the arguments name (`lifeboat check ...`, `lifeboat help check`), if any. */
function requestedCommand(args: readonly string[]): string | undefined {
  const words = args.filter((arg) => !arg.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

const program = new Command('lifeboat')
  .description('Lifeboat: IT service continuity management')
  .showHelpAfterError()
  .exitOverride((error) => {
    // Usage errors exit 2; help and version exit 0.
    process.exit(error.exitCode === 0 ? 0 : 2);
  });

const requested = COMMANDS.find((entry) => nameOf(entry.term) === requestedCommand(process.argv.slice(2)));
if (requested) {
  // The real command, with its own options, help and action.
  (await requested.load())(program);
} else {
  // `lifeboat --help`, no command or an unknown one: list the commands without loading any of them.
  for (const entry of COMMANDS) program.command(entry.term).description(entry.summary);
}

await program.parseAsync(process.argv);
